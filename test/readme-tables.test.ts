/**
 * The README's tables that mirror code are held to it: each ranking rule's
 * weight per role (profiles.ts) and what it scores when its fact is unknown
 * (rank.ts), and the fields of a headphone and a source in `--json` (the
 * resolved objects). A weight or a score typed wrong, or a field left out of
 * the JSON section, fails here. Its example entries cite their documents as the built-in catalog must.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { namesPublisher } from "../src/catalog/checks.js";
import { PROFILES } from "../src/core/profiles.js";
import { explainOne, RULES, rankingFor, scoreOne } from "../src/core/rank.js";
import { ROLES } from "../src/core/roles.js";
import { makeHeadphone, makeSource, vrms } from "./helpers/factories.js";
import { packageRoot } from "./helpers/run-cli.js";

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

/** The first table after `heading`: its column names, and its rows by their `rule`. */
function ruleTable(heading: string) {
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThan(0);
  const lines = readme.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("| rule "));
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split("|")
      .map((c) => c.trim());
  const columns = cells(lines[first] ?? "");
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    const row = cells(line);
    rows.set((row[0] ?? "").replace(/`/g, ""), row);
  }
  return { columns, rows };
}

/** A number as the README writes it (− for minus); empty is undefined. */
const number = (cell: string | undefined) =>
  cell === undefined || cell === "" ? undefined : Number(cell.replace("−", "-"));

describe("README tables that mirror code", () => {
  it("each rule's weight per role is the profile's", () => {
    const { columns, rows } = ruleTable("### The rules");
    expect([...rows.keys()].sort()).toEqual(RULES.map((r) => r.name).sort());
    for (const [rule, cells] of rows) {
      const shown = Object.fromEntries(
        ROLES.map((role) => [role, number(cells[columns.indexOf(role)])]),
      );
      const actual = Object.fromEntries(ROLES.map((role) => [role, PROFILES[role].weights[rule]]));
      expect({ rule, ...shown }).toEqual({ rule, ...actual });
    }
  });

  it("each rule's score for an unknown fact is what the rule gives a model with nothing sourced", () => {
    const { columns, rows } = ruleTable("### The rules");
    // Nothing known but the back; the drive rule judges it against an interface it cannot check.
    const blank = makeHeadphone({ back: "closed" });
    const sources = [makeSource({ id: "interface", type: "interface", outputs: [vrms(1)] })];
    for (const { name } of RULES) {
      const ranking = rankingFor(
        [blank],
        { weights: { [name]: 1 } },
        {
          role: "tracking",
          source: null,
          sources,
          budgetUsd: null,
          back: null,
          driver: null,
          maxWeightGrams: null,
        },
      );
      const said = explainOne(scoreOne(blank, ranking), ranking, new Set()).reasons.find(
        (r) => r.unknown,
      );
      expect({
        rule: name,
        unknown: number(rows.get(name)?.[columns.indexOf("unknown scores")]),
      }).toEqual({
        rule: name,
        unknown: said?.points,
      });
    }
  });

  it.each([
    ["headphone", "- A headphone:", makeHeadphone()],
    ["source", "- A source:", makeSource()],
  ])("the JSON section names every field of a resolved %s", (_, bullet, resolved) => {
    const json = readme.slice(readme.indexOf("## JSON"));
    const start = json.indexOf(bullet);
    expect(start, bullet).toBeGreaterThan(0);
    const text = json.slice(start, json.indexOf("\n- ", start + 1));
    const named = new Set([...text.matchAll(/`(\w+)`/g)].map((m) => m[1]));
    expect(Object.keys(resolved).filter((field) => !named.has(field))).toEqual([]);
  });

  it("the example entries cite a document as the catalog's data must: Publisher: title", () => {
    const documents = [...readme.matchAll(/\{ document: "([^"]*)"/g)].map((m) => m[1] as string);
    expect(documents.length).toBeGreaterThan(1);
    // The catalog check's own definition, which the built-in data must meet.
    for (const document of documents)
      expect({ document, named: namesPublisher({ document }) }).toEqual({ document, named: true });
  });
});

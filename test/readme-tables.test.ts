/**
 * The README's tables that mirror code are held to it: each ranking rule's
 * weight per role (profiles.ts) and each rule's score for an unknown figure
 * (rank.ts, `expected`). A weight typed wrong in the README fails here. Its
 * example entries cite their documents as the built-in catalog must.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROFILES } from "../src/core/profiles.js";
import { RULES } from "../src/core/rank.js";
import { ROLES } from "../src/core/roles.js";
import { packageRoot } from "./helpers/run-cli.js";

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

/** The rows of the first table after `heading` whose first cell is a `rule`. */
function ruleRows(heading: string): Map<string, string[]> {
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThan(0);
  const rows = new Map<string, string[]>();
  for (const line of readme.slice(start).split("\n").slice(1)) {
    if (rows.size > 0 && !line.startsWith("|")) break;
    const cells = /^\| `([a-z-]+)` +\|(.*)\|$/.exec(line);
    if (cells?.[1] && cells[2])
      rows.set(
        cells[1],
        cells[2].split("|").map((c) => c.trim()),
      );
  }
  return rows;
}

/** A number as the README writes it (− for minus); empty is undefined. */
const number = (cell: string | undefined) =>
  cell === undefined || cell === "" ? undefined : Number(cell.replace("−", "-"));

describe("README tables that mirror code", () => {
  it("each rule's weight per role is the profile's", () => {
    const rows = ruleRows("a role is a profile of rule weights.");
    expect([...rows.keys()].sort()).toEqual(RULES.map((r) => r.name).sort());
    for (const [rule, cells] of rows) {
      // cells: what it rewards, then one column per role.
      const shown = Object.fromEntries(ROLES.map((role, i) => [role, number(cells[i + 1])]));
      const actual = Object.fromEntries(ROLES.map((role) => [role, PROFILES[role].weights[rule]]));
      expect({ rule, ...shown }).toEqual({ rule, ...actual });
    }
  });

  it("each rule's score for an unknown figure is its expectation", () => {
    const rows = ruleRows("#### Unknown figures");
    const expected = RULES.filter((r) => r.expected !== undefined);
    expect([...rows.keys()].sort()).toEqual(expected.map((r) => r.name).sort());
    for (const rule of expected) {
      expect({ rule: rule.name, expected: number(rows.get(rule.name)?.[0]) }).toEqual({
        rule: rule.name,
        expected: rule.expected,
      });
    }
  });

  it("the example entries cite a document as the catalog's data must: Publisher: title", () => {
    const documents = [...readme.matchAll(/document: "([^"]*)"/g)].map((m) => m[1]);
    expect(documents.length).toBeGreaterThan(1);
    // The same demand test/data/catalog.test.ts makes of every reference without a URL.
    for (const d of documents) expect(d).toMatch(/\w+.*:/);
  });
});

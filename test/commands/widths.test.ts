/**
 * Nothing we print is wider than the width we were given: every command's
 * output at 60, 80 and 120 columns, measured in terminal cells.
 */
import { describe, expect, it } from "vitest";
import { textWidth } from "../../src/render/text.js";
import { runCli } from "../helpers/run-cli.js";

const COMMANDS: string[][] = [
  ["recommend", "--role", "mastering"],
  ["recommend", "--role", "mastering", "--source", "laptop"],
  ["recommend", "--role", "mixing", "--explain"],
  ["recommend", "--role", "tracking", "--source", "phone", "--explain", "--own", "hd600"],
  ["check-amp", "--headphone", "hd600", "--source", "laptop"],
  ["check-amp", "--headphone", "hd600", "--source", "phone", "--role", "mastering", "--explain"],
  ["check-amp", "--headphone", "hd600"],
  ["check-amp", "--source", "laptop"],
  ["check-amp", "--source", "macbook-pro-jack", "--role", "mastering"],
  ["show", "hd600"],
  ["show", "hd800s"],
  ["show", "laptop"],
  ["show", "macbook-pro-jack"],
  ["compare", "hd600", "hd650", "hd800s"],
  ["compare", "hd600", "hd650", "hd800s", "k702", "dt990pro"],
  ["list"],
  ["list", "sources"],
  ["compare", "hd600", "hd650", "hd800s", "k702", "dt990pro", "ath-m50x"],
  ["interactive", "--role", "mixing", "mastering", "--source", "laptop"],
  ["validate", "--builtin"],
  ["--help"],
  ["recommend", "--help"],
  ["check-amp", "--help"],
  ["config", "--help"],
  ["fr", "analyze", "--help"],
];

describe.each([60, 80, 120])("at %i columns", (columns) => {
  it.each(COMMANDS.map((argv) => [argv.join(" "), argv] as const))("%s", async (_, argv) => {
    const r = await runCli([...argv], { columns });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const over = r.stdout.split("\n").filter((l) => textWidth(l) > columns);
    expect(over).toEqual([]);
    // Nor padded out with spaces at the end of a line.
    expect(r.stdout.split("\n").filter((l) => / $/.test(l))).toEqual([]);
    // compare prints the ids as its headings: whole, not cut to fit.
    if (argv[0] === "compare") for (const id of argv.slice(1)) expect(r.stdout).toContain(id);
  });
});

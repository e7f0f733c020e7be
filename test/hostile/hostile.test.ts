/**
 * A corpus of hostile inputs, each with the exact message it must get. Small
 * ones live in test/fixtures/hostile; big ones are generated here, into a
 * temporary directory. Every case also asserts: no stack trace, exit 2 (or 0
 * where the input is legitimate), and a bounded time.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headphoneOverlaySchema } from "../../src/catalog/schema.js";
import { RULES_BY_NAME } from "../../src/core/rank.js";
import { runCli } from "../helpers/run-cli.js";

const F = "test/fixtures/hostile";
const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-hostile-"));

/** Runs the CLI in-process and checks what every hostile input must respect. */
async function hostile(argv: string[], maxMs = 5_000) {
  const started = Date.now();
  const r = await runCli(argv);
  expect(Date.now() - started).toBeLessThan(maxMs);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
  return r;
}

describe("hostile catalog files: the exact message for each", () => {
  it.each([
    [
      "duplicate-key.json",
      `  ${F}/duplicate-key.json:1:26: headphones[0]: duplicate key "id"; JSON would keep only the last`,
    ],
    [
      "cr-only.yaml",
      `  ${F}/cr-only.yaml:5:11: headphones[0].back: Invalid option: expected one of "open"|"closed"|"semi-open", found "opened"`,
    ],
    [
      "merge-key-scalar.yaml",
      `  ${F}/merge-key-scalar.yaml: a YAML merge key (<<) merges a mapping or an alias of one, e.g. \`<<: *base\``,
    ],
  ])("%s", async (name, line) => {
    const r = await hostile(["validate", `${F}/${name}`]);
    expect(r.stderr).toBe(`hpadvise: 1 problem in catalog data:\n${line}\n`);
    expect(r.code).toBe(2);
  });

  it.each([
    [
      "absurd-values.yaml",
      [
        "9:24: headphones[0].impedance.ohms: impedance in ohms must be at least 1 and at most 2000, found 1e-300",
        "10:27: headphones[0].sensitivity.value: a sensitivity must be at least 0 and at most 200 dB SPL, found 1e+308",
        "11:24: headphones[0].priceUsd.value: price in US dollars must be more than 0 and at most 100000, found 1e+308",
        "12:27: headphones[0].weightGrams.value: weight in grams must be at least 1 and at most 1500, found 0.001",
        "14:43: headphones[0].calibration[0].headroomDb: calibration headroom in dB must be at least 0 and at most 40, found 1e+308",
        "20:35: sources[0].outputImpedanceOhms.value: output impedance in ohms must be at least 0 and at most 1000, found 1e+300",
      ],
    ],
    [
      "absurd-outputs.yaml",
      [
        "8:18: sources[0].outputs[0].value: an output of 1e+200 Vrms is outside the plausible 0 to 1000 Vrms; check the unit",
        "9:18: sources[0].outputs[1].value: an output of 1e+308 dBu is outside the plausible -60 to 62 dBu; check the unit",
        "10:21: sources[0].noise.value: noise of -3 uV is not plausible; expected more than 0 and at most 100000 uV",
        "17:21: sources[1].noise.value: noise of 0 uV is not plausible; expected more than 0 and at most 100000 uV",
      ],
    ],
    [
      "dash-case-ids.yaml",
      [
        '3:11: headphones[0].id: id "hd-650" differs from the headphone "hd650" only in dashes or case; use "hd650" to change that entry, or an id of its own',
        '4:11: headphones[1].id: id "sun-dara" differs from the headphone "sundara" only in dashes or case; use "sundara" to change that entry, or an id of its own',
        '6:11: headphones[3].id: id "myone" differs from the headphone "my-one" only in dashes or case; use "my-one" to change that entry, or an id of its own',
      ],
    ],
    [
      "multiline-name.yaml",
      ['5:12: headphones[0].model: one line: no line breaks, found "First\\nSecond"'],
    ],
  ])("%s: the exact problems, in the user's file", async (name, lines) => {
    const r = await hostile(["validate", `${F}/${name}`]);
    expect(r.stderr).toBe(
      `hpadvise: ${lines.length} problem${lines.length === 1 ? "" : "s"} in catalog data:\n${lines.map((l) => `  ${F}/${name}:${l}\n`).join("")}`,
    );
    expect(r.code).toBe(2);
  });

  it("bad-json-syntax.json: not JSON, but YAML (a trailing comma): read as YAML and checked", async () => {
    const r = await hostile(["validate", `${F}/bad-json-syntax.json`]);
    expect(r.stderr).toBe(
      [
        "hpadvise: 3 problems in catalog data:",
        `  ${F}/bad-json-syntax.json:2:3: headphones[0].model: required field is missing (expected string)`,
        `  ${F}/bad-json-syntax.json:2:3: headphones[0].back: Invalid option: expected one of "open"|"closed"|"semi-open", found nothing (the field is missing)`,
        `  ${F}/bad-json-syntax.json:2:3: headphones[0].driver: Invalid option: expected one of "dynamic"|"planar"|"electrostatic", found nothing (the field is missing)`,
        "",
      ].join("\n"),
    );
  });

  it("merge-key.yaml: a YAML merge key merges (it is not an unknown field `<<`)", async () => {
    const r = await hostile(["validate", `${F}/merge-key.yaml`]);
    expect(r.stdout).toBe(`ok  ${F}/merge-key.yaml: 2 headphones, 0 sources\n`);
    expect(r.code).toBe(0);
  });
});

describe("hostile rules files", () => {
  it("an unknown rule is located by line and column in the rules file", async () => {
    const r = await hostile([
      "recommend",
      "--role",
      "mastering",
      "--rules",
      "test/fixtures/rules-typo.yaml",
    ]);
    expect(r.stderr).toBe(
      [
        "hpadvise: 1 problem in the rules file:",
        `  test/fixtures/rules-typo.yaml:3:17: mastering.weights.calibraton: unknown rule "calibraton": did you mean calibration? (rules: ${[...RULES_BY_NAME.keys()].join(", ")})`,
        "hint: see README: Adjusting the rules",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(2);
  });
});

describe("hostile catalog files, generated: big, many problems, long names", () => {
  it("150,000 problems: no stack overflow, the first 200 printed and the rest counted", async () => {
    const file = join(temp(), "many.json");
    const hp = (i: number) => ({
      id: `m${i}`,
      brand: "B",
      model: "M",
      back: "opened",
      driver: "dynamic",
    });
    writeFileSync(
      file,
      JSON.stringify({ headphones: Array.from({ length: 150_000 }, (_, i) => hp(i)) }),
    );
    const r = await hostile(["validate", file], 20_000);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("hpadvise: 150000 problems in catalog data:");
    expect(lines[1]).toBe(
      `  ${file}:1:58: headphones[0].back: Invalid option: expected one of "open"|"closed"|"semi-open", found "opened"`,
    );
    expect(lines[201]).toBe("  and 149800 more");
    expect(lines).toHaveLength(203);
    expect(r.code).toBe(2);
  });

  it("a big JSON catalog with one bad value is located without the YAML parser", async () => {
    const file = join(temp(), "big.json");
    const headphones = Array.from({ length: 30_000 }, (_, i) => ({
      id: `m${i}`,
      brand: "B",
      model: `M${i}`,
      back: "open",
      driver: "dynamic",
      impedance: { ohms: i === 29_000 ? -5 : 32 },
    }));
    writeFileSync(file, JSON.stringify({ headphones }, null, 1));
    const r = await hostile(["validate", file], 10_000);
    // Line 1 "{", line 2 "headphones", then 10 lines per entry; ohms is its 8th.
    expect(r.stderr).toBe(
      `hpadvise: 1 problem in catalog data:\n  ${file}:${3 + 29_000 * 10 + 7}:13: headphones[29000].impedance.ohms: impedance in ohms must be at least 1 and at most 2000, found -5\n`,
    );
  });

  it("a source with 150,000 outputs is refused, not drawn as a 150,000-row table", async () => {
    const file = join(temp(), "outputs.json");
    const outputs = Array.from({ length: 150_000 }, () => ({ value: 1, unit: "Vrms" }));
    writeFileSync(
      file,
      JSON.stringify({
        sources: [{ id: "many", brand: "B", model: "M", type: "amplifier", outputs }],
      }),
    );
    const r = await hostile(["show", "many", "--catalog", file]);
    expect(r.stderr.split("\n").slice(0, 2)).toEqual([
      "hpadvise: 1 problem in catalog data:",
      `  ${file}:1:79: sources[0].outputs: at most 64 outputs, found a list of 150000`,
    ]);
    expect(r.code).toBe(2);
  });

  it("a YAML catalog over 16 MB is refused before the YAML parser runs out of memory", async () => {
    const file = join(temp(), "big.yaml");
    writeFileSync(file, `# ${"x".repeat(17 * 1024 * 1024)}\nheadphones: []\n`);
    const r = await hostile(["validate", file]);
    expect(r.stderr).toBe(
      `hpadvise: 1 problem in catalog data:\n  ${file}: is a YAML file of 17 MB; YAML catalogs are limited to 16 MB: save a catalog this big as JSON\n`,
    );
    expect(r.code).toBe(2);
  });

  it("a 200 KB unknown field name is cut short in the message", async () => {
    const file = join(temp(), "long-key.json");
    const entry = { id: "x", brand: "B", model: "M", back: "open", driver: "dynamic" };
    writeFileSync(file, JSON.stringify({ headphones: [{ ...entry, ["k".repeat(200_000)]: 1 }] }));
    const r = await hostile(["validate", file]);
    expect(r.stderr).toBe(
      `hpadvise: 1 problem in catalog data:\n  ${file}:1:83: headphones[0]: unknown field "${"k".repeat(57)}..." (expected one of ${KNOWN_HEADPHONE_FIELDS})\n`,
    );
  });

  it.each([10_000, 100_000])("a %i-character unknown id is answered at once", async (n) => {
    const r = await hostile(["show", "a".repeat(n)], 2_000);
    expect(r.stderr.split("\n")[0]).toBe(`hpadvise: unknown headphone "${"a".repeat(57)}..."`);
    expect(r.code).toBe(2);
  });
});

// A user file may also say `replace: true` (an overlay, schema.ts).
const KNOWN_HEADPHONE_FIELDS = Object.keys(headphoneOverlaySchema.shape).join(", ");

describe("escape sequences in catalog text never reach the output", () => {
  const catalog = `${F}/escapes.yaml`;
  // Any C0 but newline and tab, DEL, C1, bidi controls, zero-width characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters that must not appear.
  const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

  it.each([
    [["show", "evil"]],
    [["show", "evil", "--json"]],
    [["show", "evil-amp"]],
    [["show", "evil-amp", "--json"]],
    [["list"]],
    [["list", "--json"]],
    [["list", "sources"]],
    [["recommend", "--role", "tracking", "--explain"]],
    [["recommend", "--role", "tracking", "--json"]],
    [["compare", "evil", "hd650"]],
    [["compare", "evil", "hd650", "--json"]],
    [["check-amp", "--headphone", "evil", "--source", "evil-amp", "--explain"]],
    [["check-amp", "--headphone", "evil", "--json"]],
    [["ids"]],
  ])("%j", async (argv) => {
    const r = await hostile([...argv, "--catalog", catalog]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(unsafe);
  });

  it("shows the escapes as text, so the reader sees what the file holds", async () => {
    const r = await hostile(["show", "evil", "--catalog", catalog]);
    expect(r.stdout).toContain("Evil\\x1b[2J\\x1b[H Cans\\x1b]52;c;Y3VybCBldmlsLnNofHNo\\x07");
  });
});

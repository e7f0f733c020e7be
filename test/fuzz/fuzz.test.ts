/**
 * Property-based fuzzing of the whole CLI, in process: random argument lists,
 * mutated catalogs and random valid catalogs. Whatever the input:
 *
 * - the exit code is 0 or 2 (1 is a bug: "please report");
 * - no stack trace is printed;
 * - each run ends in bounded time;
 * - a valid catalog always loads;
 * - no control character from a catalog reaches stdout or stderr.
 *
 * `npm test` runs a bounded number of cases (seconds); `npm run fuzz` runs
 * many more (HPADVISE_FUZZ_RUNS), with a fresh seed each time; a failure
 * prints its seed and shrunk counterexample to replay.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { packageRoot, runCli } from "../helpers/run-cli.js";

const RUNS = Number(process.env.HPADVISE_FUZZ_RUNS ?? 0);
const runs = (bounded: number) => (RUNS > 0 ? RUNS : bounded);
/** The time one command may take, with the machine busy with other tests. */
const MAX_MS = 10_000;
const dir = mkdtempSync(join(tmpdir(), "hpadvise-fuzz-"));

// Any C0 but newline and tab, DEL, C1, bidi controls, zero-width characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters that must not appear.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

async function check(argv: string[], { catalogText = false } = {}) {
  const started = Date.now();
  const r = await runCli(argv, { env: { HPADVISE_CACHE_DIR: "off" } });
  const ms = Date.now() - started;
  const context = `${JSON.stringify(argv)}\n${r.stderr.slice(0, 2000)}`;
  expect([0, 2], context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(/\n\s+at .*:\d+:\d+|unexpected error/);
  expect(ms, context).toBeLessThan(MAX_MS);
  if (catalogText) {
    expect(r.stdout, context).not.toMatch(UNSAFE);
    expect(r.stderr, context).not.toMatch(UNSAFE);
  }
  return r;
}

const weird = fc.oneof(
  fc.constantFrom("", "-", "--", "0", "-1", "1e308", "NaN", "Infinity", "1e-300", "2k", "$2,000"),
  fc.constantFrom("hd650", "hd800s", "HD 800 S", "laptop", "phone", "my-cans", "my-amp"),
  fc.constantFrom("\u001b[2J", "\u202ereversed", "a\u0000b", "x".repeat(5000)),
  fc.string({ maxLength: 12 }),
);
const files = fc.constantFrom(
  "test/fixtures/user-catalog.yaml",
  "test/fixtures/bad-values.yaml",
  "test/fixtures/hostile/escapes.yaml",
  "test/fixtures/hostile/duplicate-key.json",
  "test/fixtures/hostile/absurd-values.yaml",
  "test/fixtures/rules-typo.yaml",
  "/dev/null",
  "test/fixtures",
  "no-such-file.yaml",
);
const option = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      "--role",
      "--budget",
      "--source",
      "--own",
      "--back",
      "--driver",
      "--max-weight",
      "--top",
      "--headphone",
      "--target-spl",
      "--eq-headroom",
      "--max-price",
    ),
    weird,
  ),
  fc.tuple(fc.constantFrom("--catalog", "--rules"), files),
  fc.tuple(fc.constantFrom("--json", "--explain", "--help", "--bogus", "-x")),
  fc.tuple(fc.constantFrom("--role"), fc.constantFrom("tracking", "mixing", "mastering")),
);
const command = fc.constantFrom(
  ["recommend"],
  ["compare"],
  ["list"],
  ["list", "sources"],
  ["show"],
  ["check-amp"],
  ["validate"],
  ["completion", "bash"],
  ["ids"],
  ["help"],
  ["config", "get", "source"],
  ["config", "path"],
  ["no-such-command"],
);
const argv = fc
  .tuple(command, fc.array(fc.oneof(option, fc.tuple(weird)), { maxLength: 6 }))
  .map(([c, rest]) => [...c, ...rest.flat()]);

describe("fuzzing: random argument lists", () => {
  it(
    "exit 0 or 2, no stack trace, in bounded time",
    async () => {
      await fc.assert(
        fc.asyncProperty(argv, async (args) => {
          await check(args);
        }),
        { numRuns: runs(60) },
      );
    },
    120_000 + RUNS * 2_000,
  );
});

/** One change to a catalog's text: what a careless edit, a bad copy or an attacker would do. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        "\u001b[2J",
        "\u001b]52;c;eA==\u0007",
        "\u202e",
        "\u200b",
        "\u009b",
        "\r",
        "\t",
        ": ",
        "- ",
        "&a ",
        "*a",
        "<<: *a\n",
        "{",
        "]",
        "'",
        '"',
        "#",
        "1e308",
        "-0",
        "\n  ",
      ),
    ),
  }),
  fc.record({ kind: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), a: fc.nat() }),
  fc.record({
    kind: fc.constant("number" as const),
    at: fc.nat(),
    value: fc.constantFrom("1e308", "-1e308", "0", "-5", "1e-300", ".nan", ".inf", "999999999"),
  }),
);

function mutate(text: string, changes: readonly { kind: string; [k: string]: unknown }[]): string {
  let t = text;
  for (const m of changes) {
    const lines = t.split("\n");
    const at = (n: unknown) => (n as number) % Math.max(1, t.length);
    const line = (n: unknown) => (n as number) % lines.length;
    switch (m.kind) {
      case "delete":
        t = t.slice(0, at(m.at)) + t.slice(at(m.at) + (m.length as number));
        break;
      case "insert":
        t = t.slice(0, at(m.at)) + (m.text as string) + t.slice(at(m.at));
        break;
      case "swapLines": {
        const [a, b] = [line(m.a), line(m.b)];
        [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
        t = lines.join("\n");
        break;
      }
      case "duplicateLine":
        lines.splice(line(m.a), 0, lines[line(m.a)] as string);
        t = lines.join("\n");
        break;
      case "number": {
        const numbers = [...t.matchAll(/\b\d+(\.\d+)?\b/g)];
        const hit = numbers[(m.at as number) % Math.max(1, numbers.length)];
        if (hit?.index !== undefined)
          t = t.slice(0, hit.index) + (m.value as string) + t.slice(hit.index + hit[0].length);
        break;
      }
    }
  }
  return t;
}

const seeds = [
  readFileSync(join(packageRoot, "test/fixtures/user-catalog.yaml"), "utf8"),
  readFileSync(join(packageRoot, "test/fixtures/hostile/escapes.yaml"), "utf8"),
  JSON.stringify(
    {
      headphones: [
        {
          id: "j1",
          brand: "B",
          model: "M",
          back: "open",
          driver: "dynamic",
          impedance: { ohms: 32 },
        },
      ],
    },
    null,
    1,
  ),
];

describe("fuzzing: mutated catalogs", () => {
  it(
    "exit 0 or 2, no stack trace, no control character from the catalog shown",
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds.keys()),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(
            ["validate"],
            ["list", "--catalog"],
            ["show", "my-cans", "--catalog"],
            ["recommend", "--role", "mixing", "--json", "--catalog"],
            ["check-amp", "--headphone", "my-cans", "--catalog"],
          ),
          async (seed, changes, cmd) => {
            const file = join(dir, `mutated-${n++}.${seed === 2 ? "json" : "yaml"}`);
            writeFileSync(file, mutate(seeds[seed] as string, changes));
            await check([...cmd, file], { catalogText: true });
          },
        ),
        { numRuns: runs(40) },
      );
    },
    120_000 + RUNS * 2_000,
  );
});

/** Catalog text of any characters at all: it must load, and be shown safely. */
const anyText = fc
  .string({ minLength: 1, maxLength: 20, unit: "binary" })
  .filter((s) => s.trim() !== "");
/** A name: one line (schema.ts), of any other characters. */
const anyName = anyText.map((s) => s.replace(/[\r\n]/g, " ")).filter((s) => s.trim() !== "");
const validHeadphone = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/),
  brand: anyName,
  model: anyName,
  back: fc.constantFrom("open", "closed", "semi-open"),
  driver: fc.constantFrom("dynamic", "planar", "electrostatic"),
  impedance: fc.record({ ohms: fc.double({ min: 1, max: 2000, noNaN: true }) }),
  sensitivity: fc.record({
    value: fc.double({ min: 80, max: 125, noNaN: true }),
    unit: fc.constant("dB/mW"),
  }),
  weightGrams: fc.record({ value: fc.integer({ min: 1, max: 1500 }) }),
  priceUsd: fc.record({ value: fc.double({ min: 0.01, max: 100000, noNaN: true }) }),
  character: fc.array(fc.record({ tags: fc.constant([]), text: anyText }), { maxLength: 2 }),
});

describe("fuzzing: valid catalogs", () => {
  it(
    "always load, and their text never reaches the terminal raw",
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(validHeadphone, { minLength: 1, maxLength: 4, selector: (h) => h.id }),
          fc.boolean(),
          async (headphones, asJson) => {
            // An id of ours (or one differing only in dashes or case) would be an override or a clash.
            const mine = headphones.map((h) => ({ ...h, id: `fz-${h.id}` }));
            const file = join(dir, `valid-${n++}.${asJson ? "json" : "yaml"}`);
            writeFileSync(
              file,
              asJson ? JSON.stringify({ headphones: mine }) : stringify({ headphones: mine }),
            );
            const ok = await check(["validate", file], { catalogText: true });
            expect(ok.code, ok.stderr).toBe(0);
            const id = (mine[0] as { id: string }).id;
            for (const args of [
              ["show", id, "--catalog", file],
              ["show", id, "--json", "--catalog", file],
              ["recommend", "--role", "mastering", "--explain", "--catalog", file],
              ["compare", id, "hd650", "--catalog", file],
            ]) {
              const r = await check(args, { catalogText: true });
              expect(r.code, r.stderr).toBe(0);
              expect(r.stdout).not.toMatch(/NaN|Infinity/);
            }
          },
        ),
        { numRuns: runs(15) },
      );
    },
    120_000 + RUNS * 5_000,
  );
});

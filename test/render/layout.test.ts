/** The width-aware layout every renderer uses: wrapping, tables, the width we print to. */
import { Chalk } from "chalk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, MIN_COLUMNS, outputColumns } from "../../src/context.js";
import {
  commandLine,
  hang,
  longestToken,
  renderFittedTable,
  renderTable,
  textWidth,
  wrapLines,
} from "../../src/render/text.js";

const chalk = new Chalk({ level: 0 });
const widest = (text: string) => Math.max(...text.split("\n").map(textWidth));

describe("outputColumns: the width we print to", () => {
  it.each([
    { env: "60", tty: 120, expected: 60, why: "COLUMNS is the user's word, even in a terminal" },
    { env: undefined, tty: 132, expected: 132, why: "the terminal's width" },
    { env: undefined, tty: undefined, expected: DEFAULT_COLUMNS, why: "a pipe: 80, not 100" },
    { env: "", tty: undefined, expected: DEFAULT_COLUMNS, why: "an empty COLUMNS is unset" },
    { env: "wide", tty: 90, expected: 90, why: "a COLUMNS that is not a number is ignored" },
    {
      env: "10",
      tty: undefined,
      expected: MIN_COLUMNS,
      why: "narrower than anything can be laid out",
    },
  ])("$why", ({ env, tty, expected }) => {
    expect(outputColumns(env, tty)).toBe(expected);
  });
});

describe("wrapLines", () => {
  it("never splits a word that fits on a line", () => {
    const text = "very low distortion in reviews and measurements";
    for (const w of [12, 15, 20, 25]) {
      const lines = wrapLines(text, w);
      expect(lines.join(" ")).toBe(text);
      for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(w);
    }
  });

  it.each([
    ["runs out of voltage: 2.45 Vrms available", "2.45 Vrms"],
    ["the target is 103 dB SPL peaks", "103 dB SPL"],
    ["an output of 300 Ω and more", "300 Ω"],
    ["the response shifts by −3.1 dB across", "−3.1 dB"],
    ["within ±3 dB (maker sensitivity)", "±3 dB"],
    ["1 W into 32 Ω, 8 Vrms into 300 Ω", "32 Ω,"],
  ])("keeps a number with its unit: %j", (text, unit) => {
    // The unit and its number are one piece: no layout may cut between them.
    expect(longestToken(text)).toBeGreaterThanOrEqual(textWidth(unit));
    for (let w = textWidth(unit); w < textWidth(text); w++) {
      const lines = wrapLines(text, w);
      expect(lines.some((l) => l.includes(unit))).toBe(true);
    }
  });

  it("cuts only a word wider than the whole line", () => {
    const url = "https://www.stereophile.com/content/sennheiser-hd-800-s-tweaked-and-delightful";
    const lines = wrapLines(`see ${url}`, 30);
    expect(lines[0]).toBe("see");
    expect(lines.slice(1).join("")).toBe(url);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(30);
  });

  it("is never wider than the width, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("12", "dB", "Ω", "−3.1", "SPL", "出力")), {
          maxLength: 40,
        }),
        // From 2: a wide character takes two cells.
        fc.integer({ min: 2, max: 120 }),
        fc.integer({ min: 2, max: 120 }),
        (words, width, first) => {
          const text = words.join(" ").replace(/[^\x20-\x7e\u00a0-\uffff]/g, "");
          const lines = wrapLines(text, width, first);
          lines.forEach((l, i) => {
            expect(textWidth(l)).toBeLessThanOrEqual(i === 0 ? first : width);
          });
        },
      ),
    );
  });

  it("keeps the spacing inside a line, and drops it where the line breaks", () => {
    expect(wrapLines("Sennheiser HD 600 hd600  score 20", 80)).toEqual([
      "Sennheiser HD 600 hd600  score 20",
    ]);
    expect(wrapLines("  indented  twice", 80)).toEqual(["  indented  twice"]);
    expect(wrapLines("abc  def", 4)).toEqual(["abc", "def"]);
    // The same when the line has to wrap (not only when it fits as it is).
    expect(wrapLines("  ab  cd ef", 8)).toEqual(["  ab  cd", "ef"]);
    expect(wrapLines("  ab  12 dB", 5)).toEqual(["  ab", "12 dB"]);
  });

  it("hangs continuation lines under the text", () => {
    const out = hang(
      "  ! hiss-risk: ",
      "the noise floor reaches 14 dB SPL in these headphones",
      40,
      "    ",
    );
    expect(out.split("\n")).toEqual([
      "  ! hiss-risk: the noise floor reaches",
      "    14 dB SPL in these headphones",
    ]);
  });

  it("wraps a command line so it still pastes as one command", () => {
    const cmd =
      "hpadvise recommend --role mastering --budget 2000 --source grace-m900 --own hd600 hd650";
    const out = commandLine(cmd, 40);
    for (const l of out.split("\n")) expect(textWidth(l)).toBeLessThanOrEqual(40);
    expect(out.startsWith("$ hpadvise")).toBe(true);
    expect(out.slice(2).replace(/ \\\n {4}/g, " ")).toBe(cmd);
  });
});

describe("tables", () => {
  const rows = [
    [
      "1",
      "Focal Utopia (2016 original)",
      "open-back; very low distortion in reviews and measurements",
    ],
    [
      "2",
      "Sennheiser HD 800 S",
      "open-back; resolves fine detail, so processing artefacts are audible",
    ],
  ];

  it.each([40, 60, 80, 120])("are never wider than %i columns", (columns) => {
    const out = renderTable(["#", "Model", "Why"], rows, { chalk, columns, wrap: [1, 2] });
    expect(widest(out)).toBeLessThanOrEqual(columns);
    // Every word is still there, whole.
    for (const word of "Sennheiser processing artefacts measurements".split(" "))
      expect(out).toContain(word);
  });

  it("wraps a column not meant to wrap rather than overflow", () => {
    const out = renderTable(["a", "b"], [["x".repeat(30), "y".repeat(30)]], { chalk, columns: 40 });
    expect(widest(out)).toBeLessThanOrEqual(40);
  });

  it("too narrow for any layout: rows as records, words whole", () => {
    const narrow = {
      headers: ["#", "Why"],
      rows: rows.map((r) => [r[0], r[2]] as string[]),
      wrap: [1],
    };
    const out = renderFittedTable([narrow], { chalk, columns: 16 });
    expect(widest(out)).toBeLessThanOrEqual(16);
    expect(out).toContain("measurements");
    expect(out.split("\n")[0]).toBe("1");
  });

  it("takes the first layout that fits, dropping columns when narrow", () => {
    const wide = { headers: ["#", "Model", "Why"], rows, wrap: [1, 2] };
    const narrow = {
      headers: ["#", "Why"],
      rows: rows.map((r) => [r[0], r[2]] as string[]),
      wrap: [1],
    };
    expect(renderFittedTable([wide, narrow], { chalk, columns: 120 })).toContain("Model");
    const small = renderFittedTable([wide, narrow], { chalk, columns: 36 });
    expect(small).not.toContain("Model");
    expect(widest(small)).toBeLessThanOrEqual(36);
  });
});

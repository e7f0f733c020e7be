import { chmodSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curveCsv, curveTree, GRID, SHAPES } from "../helpers/curves.js";
import { runCli } from "../helpers/run-cli.js";

const tree = curveTree({
  "lab/data/over-ear/flat.csv": curveCsv(SHAPES.flat),
  "lab/data/over-ear/tilt.csv": curveCsv(SHAPES.tilt),
  "lab/data/over-ear/shelf.csv": curveCsv(SHAPES.bassShelf),
  "lab/data/over-ear/peak.csv": curveCsv(SHAPES.peak, GRID, "smoothed"),
  "lab/data/over-ear/near-flat.csv": curveCsv(SHAPES.nearFlat),
  "lab/data/in-ear/flat.csv": curveCsv(SHAPES.flat),
  "targets/over-ear-flat.csv": curveCsv(SHAPES.flat),
  "lab/data/in-ear/target.csv": curveCsv(SHAPES.flat),
  "loose/near-flat.csv": curveCsv(SHAPES.nearFlat),
});
const at = (rel: string) => join(tree, rel);
const target = ["--target", at("targets/over-ear-flat.csv")];

describe("fr analyze", () => {
  it("gives the documented JSON fields", async () => {
    const r = await runCli([
      "fr",
      "analyze",
      at("lab/data/over-ear/tilt.csv"),
      ...target,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      rig: "over-ear",
      source: "lab",
      tiltDbPerOctave: -1,
      bassDb: expect.any(Number),
      trebleDb: expect.any(Number),
      preampDb: expect.any(Number),
      score: expect.any(Number),
      tags: expect.arrayContaining(["dark"]),
      tagsProvenance: { kind: "measured", file: at("lab/data/over-ear/tilt.csv") },
    });
  });

  it("reads only the frequency and raw columns", async () => {
    const r = await runCli([
      "fr",
      "analyze",
      at("lab/data/over-ear/peak.csv"),
      ...target,
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).peaks[0].db).toBeGreaterThan(5);
  });

  it("without a target: against flat, says so, and gives no score", async () => {
    const r = await runCli(["fr", "analyze", at("lab/data/over-ear/shelf.csv"), "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no --target/);
    const j = JSON.parse(r.stdout);
    expect(j.score).toBeNull();
    expect(j.bassDb).toBeLessThan(0);
    // The fitted filters' preamp: their low shelf boosts a little less than the capped 6 dB.
    expect(j.preampDb).toBeLessThan(-5);
    expect(j.preampDb).toBe(j.peq.preampDb);
  });

  it("refuses a target from another rig", async () => {
    const r = await runCli([
      "fr",
      "analyze",
      at("lab/data/over-ear/flat.csv"),
      "--target",
      at("lab/data/in-ear/target.csv"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/over-ear rig.*in-ear rig.*different rigs/);
    expect(r.stdout).toBe("");
  });

  it("draws the error curve within the terminal's width", async () => {
    for (const columns of [40, 80, 200]) {
      const r = await runCli(["fr", "analyze", at("lab/data/over-ear/shelf.csv"), ...target], {
        columns,
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Tilt/);
      expect(r.stdout).toMatch(/•/);
      const plot = r.stdout.split("\n").filter((l) => /│|^ +20 /.test(l));
      expect(plot.length).toBe(10);
      for (const line of plot)
        expect([...line].length, line).toBeLessThanOrEqual(Math.max(columns, 28));
    }
  });

  it("writes a whole HTML page with --html", async () => {
    const out = join(tree, "page.html");
    const r = await runCli([
      "fr",
      "analyze",
      at("lab/data/over-ear/shelf.csv"),
      ...target,
      "--html",
      out,
    ]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    // Response, error, EQ, and the curve corrected by the fitted filters.
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).toMatch(
      /<table class="peq"><tr><th>#<\/th><th>Type<\/th>.*<td>LSC<\/td><td>105<\/td>/,
    );
    expect(html).toMatch(/prefers-color-scheme: dark/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)[^ "]*\.(js|css|woff|png)/);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);
  });

  it("says so when the page cannot be written, and leaves no temporary file", async () => {
    const out = join(tree, "no-such-folder", "page.html");
    const r = await runCli([
      "fr",
      "analyze",
      at("lab/data/over-ear/flat.csv"),
      ...target,
      "--html",
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*page\.html \(ENOENT\)/);
    expect(existsSync(join(tree, "no-such-folder"))).toBe(false);
  });
});

describe("malformed curves exit 2 with the file and line", () => {
  const bad = curveTree({
    "empty.csv": "",
    "no-header.csv": "20,1\n30,2\n",
    "text-cell.csv": "frequency,raw\n20,1\n30,abc\n",
    "backwards.csv": "frequency,raw\n20,1\n40,1\n30,1\n",
    "repeated.csv": "frequency,raw\n20,1\n20,1\n",
    "few.csv": "frequency,raw\n20,1\n30,1\n",
    "escape.csv": "frequency,raw\n20,\u001b[31mred\n",
  });
  it.each([
    ["empty.csv", /empty\.csv: the file is empty/],
    ["no-header.csv", /no-header\.csv:1: no header naming a frequency column and a level column/],
    ["text-cell.csv", /text-cell\.csv:3: `raw` is not a number: "abc"/],
    ["backwards.csv", /backwards\.csv:4: frequency 30 Hz comes after 40 Hz/],
    ["repeated.csv", /repeated\.csv:3: frequency 20 Hz is repeated/],
    ["few.csv", /few\.csv: only 2 points; a curve needs at least 10/],
    ["missing.csv", /missing\.csv: no such file/],
    ["escape.csv", /escape\.csv:2: `raw` is not a number: "\\x1b\[31mred"/],
  ])("%s", async (name, message) => {
    const r = await runCli(["fr", "analyze", join(bad, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.stdout).toBe("");
  });
});

describe("fr closest", () => {
  it("finds the flat curve nearest to a near-flat one, same rig only, best first", async () => {
    const r = await runCli([
      "fr",
      "closest",
      at("lab/data/over-ear/near-flat.csv"),
      "--among",
      tree,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.matches[0].file).toBe(join(tree, "lab/data/over-ear/flat.csv"));
    expect(j.matches.map((m: { file: string }) => m.file)).not.toContain(
      join(tree, "lab/data/in-ear/flat.csv"),
    );
    const rms = j.matches.map((m: { rmsDb: number }) => m.rmsDb);
    expect(rms).toEqual([...rms].sort((a, b) => a - b));
    expect(j.matches).toHaveLength(4);
  });

  it("asks for --rig when the curve's rig is unknown and the folder's are named", async () => {
    const r = await runCli([
      "fr",
      "closest",
      at("loose/near-flat.csv"),
      "--among",
      join(tree, "lab"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rig of .* is unknown/);
    expect(r.stderr).toMatch(/--rig over-ear/);
    const ok = await runCli([
      "fr",
      "closest",
      at("loose/near-flat.csv"),
      "--among",
      join(tree, "lab"),
      "--rig",
      "over-ear",
    ]);
    expect(ok.code).toBe(0);
    // The same curve elsewhere matches exactly; the flat one comes next.
    const rows = ok.stdout.split("\n").filter((l) => /^ +[\d.]+ dB {2}/.test(l));
    expect(rows[0]).toMatch(/ 0 dB .*over-ear\/near-flat\.csv/);
    expect(rows[1]).toMatch(/over-ear\/flat\.csv/);
    expect(ok.stdout).toMatch(/curves? of other rigs left out/);
  });
});

describe("check-amp with a measured curve", () => {
  const json = async (args: string[], cwd?: string) => {
    const r = await runCli([...args, "--json"], cwd ? { cwd } : {});
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };
  const curveArgs = ["--fr", at("lab/data/over-ear/shelf.csv"), ...target];

  it("takes the EQ's preamp off the available SPL, as --eq-headroom does", async () => {
    const pair = ["check-amp", "--headphone", "ath-m50x", "--source", "laptop"];
    const plain = await json(pair);
    const curved = await json([...pair, ...curveArgs]);
    const fr = await json(["fr", "analyze", at("lab/data/over-ear/shelf.csv"), ...target]);
    expect(curved.eqHeadroomDb).toBeCloseTo(-fr.preampDb, 2);
    expect(curved.eqHeadroomDb).toBeGreaterThan(5);
    expect(curved.maxSplDb).toBeCloseTo(plain.maxSplDb - curved.eqHeadroomDb, 6);
    expect(curved.eqFromCurve).toMatchObject({ curve: at("lab/data/over-ear/shelf.csv") });
    const flagged = await json([...pair, "--eq-headroom", String(curved.eqHeadroomDb)]);
    expect(flagged.maxSplDb).toBeCloseTo(curved.maxSplDb, 9);
  });

  it("reads a catalog entry's curve, relative to the catalog file", async () => {
    const catalog = join(tree, "my-catalog.yaml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      catalog,
      `headphones:
  - id: shelf-cans
    brand: Example
    model: Shelf Cans
    back: closed
    driver: dynamic
    impedance: { ohms: 32 }
    sensitivity: { value: 100, unit: dB/V }
    frequencyResponse: { file: lab/data/over-ear/shelf.csv, rig: over-ear, source: lab }
`,
    );
    const r = await json(
      [
        "check-amp",
        "--headphone",
        "shelf-cans",
        "--source",
        "laptop",
        "--target",
        at("targets/over-ear-flat.csv"),
        "--catalog",
        catalog,
      ],
      // Run from elsewhere: the curve's path is relative to the catalog, not to here.
      "/",
    );
    expect(r.eqHeadroomDb).toBeGreaterThan(5);
    expect(r.eqFromCurve.curve).toBe(at("lab/data/over-ear/shelf.csv"));
    const wrongRig = await runCli(
      [
        "check-amp",
        "--headphone",
        "shelf-cans",
        "--target",
        at("lab/data/in-ear/target.csv"),
        "--catalog",
        catalog,
      ],
      { cwd: "/" },
    );
    expect(wrongRig.code).toBe(2);
    expect(wrongRig.stderr).toMatch(/different rigs/);
  });

  it.each([
    [["--headphone", "ath-m50x", ...curveArgs, "--eq-headroom", "3"], /not both/],
    [["--headphone", "ath-m50x", ...target], /ath-m50x has no measured curve/],
    [["--headphone", "ath-m50x", "--fr", at("lab/data/over-ear/shelf.csv")], /--fr needs --target/],
    [["--source", "laptop", ...curveArgs], /give --headphone too/],
  ])("refuses %j", async (args, message) => {
    const r = await runCli(["check-amp", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("the formats people have", () => {
  // The same cells in every file: the same curve to the last digit.
  const level = (f: number) => (SHAPES.tilt(f) + SHAPES.peak(f)).toFixed(3);
  const rows = (sep: string, phase = false) =>
    GRID.map(
      (f) =>
        `${f.toFixed(2)}${sep}${level(f)}${phase ? `${sep}${(-45 + f / 1000).toFixed(2)}` : ""}`,
    ).join("\n");
  const formats = curveTree({
    "autoeq.csv": `frequency,raw\n${rows(",")}\n`,
    "rew.txt": `* Measurement data measured by REW V5.20.13\n* Source: Example headphone, left\n* Format: 1/48 octave smoothing\n* Dated: 7 Dec 2026\n*\n* Freq(Hz) SPL(dB) Phase(degrees)\n${rows(" ", true)}\n`,
    "rew-tabs.txt": `* Freq(Hz)\tSPL(dB)\tPhase(degrees)\n${rows("\t", true)}\n`,
    "two.csv": `frequency,spl\n${rows(",")}\n`,
    "freq-db.csv": `Freq (Hz),dB\n${rows(",")}\n`,
    "two.tsv": `Frequency\tSPL\n${rows("\t")}\n`,
    "louder.csv": `frequency,spl\n${GRID.map((f) => `${f.toFixed(2)},${(Number(level(f)) + 80).toFixed(3)}`).join("\n")}\n`,
    "bad-rew.txt": "* REW\n20.0 70.0 0\n25.0 loud 0\n",
    "bad-two.tsv": "Frequency\tSPL\n20\t70\n15\t70\n",
    "target.csv": curveCsv(SHAPES.flat),
  });
  const analyze = async (name: string) => {
    const r = await runCli([
      "fr",
      "analyze",
      join(formats, name),
      "--target",
      join(formats, "target.csv"),
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it.each([
    ["rew.txt", "REW text export"],
    ["rew-tabs.txt", "REW text export"],
    ["two.csv", "two-column CSV"],
    ["freq-db.csv", "two-column CSV"],
    ["two.tsv", "two-column TSV"],
  ])("%s reads as %s and gives the analysis its AutoEq CSV gives", async (name, format) => {
    const reference = await analyze("autoeq.csv");
    expect(reference.format).toBe("AutoEq CSV");
    const j = await analyze(name);
    expect(j.format).toBe(format);
    const { file: _a, format: _b, tagsProvenance: _c, ...figures } = j;
    const { file: _d, format: _e, tagsProvenance: _f, ...expected } = reference;
    expect(figures).toEqual(expected);
  });

  it("a curve's absolute level does not matter", async () => {
    const reference = await analyze("autoeq.csv");
    const j = await analyze("louder.csv");
    for (const key of [
      "tiltDbPerOctave",
      "bassDb",
      "trebleDb",
      "score",
      "stdDb",
      "tags",
      "peaks",
    ]) {
      expect(j[key]).toEqual(reference[key]);
    }
    expect(j.peq.errorDbRms).toBeCloseTo(reference.peq.errorDbRms, 1);
    expect(Math.abs(j.preampDb - reference.preampDb)).toBeLessThanOrEqual(0.2);
  });

  it("says the format it read", async () => {
    const r = await runCli(["fr", "analyze", join(formats, "rew.txt"), "--no-config"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/REW text export · rig unknown/);
  });

  it.each([
    ["bad-rew.txt", /bad-rew\.txt:3: `SPL` is not a number: "loud"/],
    ["bad-two.tsv", /bad-two\.tsv:3: frequency 15 Hz comes after 20 Hz/],
  ])("%s: the same located errors", async (name, message) => {
    const r = await runCli(["fr", "analyze", join(formats, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("fr analyze --peq", () => {
  it("writes the fitted filters in Equalizer APO's format, the ones --json gives", async () => {
    const out = join(tree, "eq.txt");
    const args = ["fr", "analyze", at("lab/data/over-ear/shelf.csv"), ...target];
    const r = await runCli([...args, "--peq", out, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    const { peq } = JSON.parse(r.stdout);
    expect(peq.filters.length).toBeGreaterThan(0);
    expect(peq.filters.length).toBeLessThanOrEqual(10);
    expect(peq.errorDbRms).toBeLessThan(0.5);
    const lines = readFileSync(out, "utf8").split("\n");
    expect(lines[0]).toBe(`Preamp: ${peq.preampDb.toFixed(1)} dB`);
    peq.filters.forEach(
      (f: { type: string; fcHz: number; gainDb: number; q: number }, i: number) => {
        expect(lines[i + 1]).toBe(
          `Filter ${i + 1}: ON ${f.type} Fc ${f.fcHz} Hz Gain ${f.gainDb.toFixed(1)} dB Q ${f.q.toFixed(2)}`,
        );
        expect(lines[i + 1]).toMatch(
          /^Filter \d+: ON (PK|LSC|HSC) Fc \d+ Hz Gain -?\d+\.\d dB Q \d+\.\d\d$/,
        );
      },
    );
    expect(lines.slice(peq.filters.length + 1)).toEqual([""]);
    // The low shelf does the work of correcting a bass shelf.
    expect(lines[1]).toMatch(/^Filter 1: ON LSC Fc 105 Hz Gain [45]\.\d dB Q 0\.70$/);
  });

  it("shows the filters in the terminal", async () => {
    const r = await runCli(["fr", "analyze", at("lab/data/over-ear/shelf.csv"), ...target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Parametric EQ .*preamp -\d\.\d dB/s);
    expect(r.stdout).toMatch(/^ +1 {2}LSC +105 Hz +\+\d\.\d dB {2}Q 0\.70$/m);
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(
      /filters are within \d+(\.\d+)? dB RMS of the EQ curve from 20 Hz to 10 kHz/,
    );
  });
});

describe("fr closest over a real measurement tree", () => {
  const messy = curveTree({
    "m/lab/data/over-ear/flat.csv": curveCsv(SHAPES.flat),
    "m/lab/data/over-ear/tilt.csv": curveCsv(SHAPES.tilt),
    "m/lab/data/over-ear/broken.csv": "frequency,raw\n20,1\n30,abc\n",
    "m/lab/data/over-ear/locked/shelf.csv": curveCsv(SHAPES.bassShelf),
    "m/lab/data/over-ear/red\u001b[31m.csv": curveCsv(SHAPES.peak),
    "m/other/data/over-ear/real.csv": curveCsv(SHAPES.nearFlat),
    "outside/secret.csv": curveCsv(SHAPES.flat),
    "plain/flat.csv": curveCsv(SHAPES.flat),
    "plain/tilt.csv": curveCsv(SHAPES.tilt),
    "mine.csv": curveCsv(SHAPES.nearFlat),
    "target.csv": curveCsv(SHAPES.flat),
  });
  const m = join(messy, "m");
  // A CSV shared by a link, a link back up the tree, and a link out of it.
  symlinkSync(join(m, "other/data/over-ear/real.csv"), join(m, "lab/data/over-ear/shared.csv"));
  symlinkSync(m, join(m, "lab/data/over-ear/loop"));
  symlinkSync(join(messy, "outside"), join(m, "lab/data/over-ear/away"));
  const locked = join(m, "lab/data/over-ear/locked");
  const asRoot = process.getuid?.() === 0;
  beforeAll(() => chmodSync(locked, 0o000));
  afterAll(() => chmodSync(locked, 0o755));
  const closest = (...extra: string[]) =>
    runCli(["fr", "closest", join(messy, "mine.csv"), "--among", m, "--rig", "over-ear", ...extra]);

  it("skips what cannot be read, one warning each and a count, and ranks the rest", async () => {
    const r = await closest("--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const files = j.matches.map((x: { file: string }) => x.file.slice(m.length + 1));
    expect(r.stderr).toMatch(/warning: skipped .*broken\.csv:3: `raw` is not a number: "abc"/);
    if (!asRoot) expect(r.stderr).toMatch(/warning: skipped .*locked: cannot be read \(EACCES\)/);
    expect(r.stderr).toMatch(/warning: skipped .*away: a link out of the folder, not followed/);
    expect(r.stderr).toMatch(
      /warning: \d+ entr(y|ies) of .* could not be read and (was|were) skipped/,
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(j.unreadable).toBe(asRoot ? 2 : 3);
    // The shared curve is found through its link, and matches exactly; the loop is walked once.
    expect(files[0]).toBe("lab/data/over-ear/shared.csv");
    expect(j.matches[0].rmsDb).toBe(0);
    expect(files).toContain("other/data/over-ear/real.csv");
    expect(files).not.toContain("lab/data/over-ear/loop/lab/data/over-ear/flat.csv");
    expect(files.filter((f: string) => f.endsWith("flat.csv"))).toHaveLength(1);
    expect(files.some((f: string) => f.includes("secret"))).toBe(false);
  });

  it("shows names with escape sequences escaped", async () => {
    const r = await closest();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/red\\x1b\[31m\.csv/);
    expect(r.stdout + r.stderr).not.toContain("\u001b[31m");
  });

  it("--rig names the rig of a plain folder's curves", async () => {
    const r = await runCli([
      "fr",
      "closest",
      join(messy, "mine.csv"),
      "--among",
      join(messy, "plain"),
      "--rig",
      "over-ear",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rig).toBe("over-ear");
    expect(j.matches.map((x: { file: string }) => x.file)).toEqual([
      join(messy, "plain", "flat.csv"),
      join(messy, "plain", "tilt.csv"),
    ]);
    expect(j.skipped).toBe(0);
  });

  it("--target: the distance of the errors, and the target must be of the rig", async () => {
    const r = await closest("--target", join(messy, "target.csv"), "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.target).toBe(join(messy, "target.csv"));
    const byFile = Object.fromEntries(
      j.matches.map((x: { file: string; rmsDb: number }) => [x.file.slice(m.length + 1), x.rmsDb]),
    );
    expect(byFile["lab/data/over-ear/shared.csv"]).toBe(0);
    expect(byFile["lab/data/over-ear/flat.csv"]).toBeLessThan(byFile["lab/data/over-ear/tilt.csv"]);
    const text = await closest("--target", join(messy, "target.csv"));
    expect(text.stdout.replace(/\s+/g, " ")).toMatch(/smoothed errors against .*target\.csv/);
  });
});

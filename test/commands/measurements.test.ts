/**
 * A folder of measurements in AutoEq's layout judging the catalog: a small
 * tree of made-up curves, with a missing, a malformed and an unmatched file.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { curveCsv, curveTree, SHAPES } from "../helpers/curves.js";
import { runCli } from "../helpers/run-cli.js";

const files = {
  "measurements/lab/data/over-ear/Example Dark.csv": curveCsv(SHAPES.tilt),
  "measurements/lab/data/over-ear/Example Flat.csv": curveCsv(SHAPES.flat),
  "measurements/lab/data/in-ear/Example Flat.csv": curveCsv(SHAPES.tilt),
  "measurements/lab/data/over-ear/Example Broken.csv": "frequency,raw\n20,1\n30,abc\n",
  "measurements/lab/data/over-ear/Example Flat (worn earpads).csv": curveCsv(SHAPES.nearFlat),
  "measurements/other/data/over-ear/Stranger Thing.csv": curveCsv(SHAPES.flat),
  "targets/over-ear.csv": curveCsv(SHAPES.flat),
};
const tree = curveTree(files);
const dir = join(tree, "measurements");
const target = join(tree, "targets/over-ear.csv");

const entry = (id: string, model: string, name: string, character = "") => `  - id: ${id}
    brand: Example
    model: ${model}
    back: open
    driver: dynamic
    impedance: { ohms: 32 }
    sensitivity: { value: 100, unit: dB/V }
    priceUsd: { value: 300 }
    measurements: { lab: "${name}" }
${character}`;
const catalogText = `headphones:
${entry("example-dark", "Dark", "Example Dark", "    character: [{ tags: [neutral], text: a reviewer calls it neutral }]\n")}${entry("example-flat", "Flat", "Example Flat")}${entry("example-broken", "Broken", "Example Broken")}${entry("example-missing", "Missing", "Example Missing", "    character: [{ tags: [bright], text: a reviewer calls it bright }]\n")}`;
const catalog = join(tree, "catalog.yaml");
writeFileSync(catalog, catalogText);
const common = ["--catalog", catalog, "--no-config"];
const measured = ["--measurements", dir, "--target", target];

const notes = (h: { character: { text: string; tags: string[] }[] }) =>
  h.character.map((c) => `${c.text} [${c.tags.join(",")}]`);

describe("a measurements folder judges the catalog's models", () => {
  it("show: the measured curve's tags, and whose measurement on which rig", async () => {
    const r = await runCli(["show", "example-dark", ...common, ...measured, "--json"]);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(h.frequencyResponse).toEqual({
      file: join(dir, "lab/data/over-ear/Example Dark.csv"),
      rig: "over-ear",
      source: "lab",
    });
    expect(notes(h)).toContainEqual(
      expect.stringMatching(/^measured: lab, over-ear: tilt -1\.0 dB\/octave.*\[dark.*\]$/),
    );
    const text = await runCli(["show", "example-dark", ...common, ...measured]);
    expect(text.stdout).toMatch(/measured: lab, over-ear/);
  });

  it("of two rigs' curves, the over-ear one when the target's rig is unknown", async () => {
    const r = await runCli(["show", "example-flat", ...common, ...measured, "--json"]);
    const h = JSON.parse(r.stdout);
    expect(h.frequencyResponse.rig).toBe("over-ear");
    expect(notes(h)).toContainEqual(
      expect.stringMatching(/^measured: lab, over-ear: .*\[neutral\]$/),
    );
  });

  it("recommend: measured tags rank; a malformed file is a warning, a missing one keeps the words", async () => {
    const r = await runCli(["recommend", "--role", "mixing", ...common, ...measured, "--json"]);
    expect(r.code).toBe(0);
    type Result = { id: string; fitReason: string; reasons: { rule: string; text: string }[] };
    const results = (out: string) => JSON.parse(out).results as Result[];
    const byId = (out: string, id: string) => results(out).find((x) => x.id === id) as Result;
    const neutrality = (x: Result) => x.reasons.find((y) => y.rule === "neutrality")?.text;
    // Measured flat: neutral from the measurement.
    expect(byId(r.stdout, "example-flat").fitReason).toMatch(/measured as neutral/);
    // Called neutral by a reviewer, measured dark with a bass lift: the measurement wins.
    expect(byId(r.stdout, "example-dark").fitReason).toMatch(/measured bass lift/);
    expect(neutrality(byId(r.stdout, "example-dark"))).toMatch(/dark/);
    // Unreadable or missing: the described character, as without the folder.
    const plain = await runCli(["recommend", "--role", "mixing", ...common, "--json"]);
    expect(neutrality(byId(plain.stdout, "example-dark"))).toMatch(/described as neutral/);
    for (const id of ["example-broken", "example-missing"]) {
      expect(byId(r.stdout, id).reasons).toEqual(byId(plain.stdout, id).reasons);
    }
  });

  it("compare and plan take the folder too", async () => {
    const c = await runCli([
      "compare",
      "example-dark",
      "example-flat",
      ...common,
      ...measured,
      "--json",
    ]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/measured: lab, over-ear/);
    const p = await runCli(["plan", "--budget", "1000", ...common, ...measured, "--json"]);
    expect(p.code).toBe(0);
  });

  it("the guided session takes a target curve and the folder", async () => {
    const r = await runCli(["interactive", "--role", "mixing", ...common, ...measured]);
    expect(r.code).toBe(0);
    const plain = await runCli(["interactive", "--role", "mixing", ...common]);
    expect(r.stdout).toMatch(/Example Flat/);
    expect(r.stdout).not.toEqual(plain.stdout);
    expect(r.stdout).toMatch(/Example Flat .*measured as/);
    expect(plain.stdout).not.toMatch(/measured/);
  });

  it("the session's printed command carries its catalog, curves and --no-config, and ranks the same", async () => {
    const r = await runCli(["interactive", "--role", "mixing", ...common, ...measured]);
    const line = r.stdout.slice(r.stdout.lastIndexOf("$ hpadvise ")).replace(/ \\\n\s+/g, " ");
    const words = line.trim().split(/\s+/).slice(2);
    expect(words).toEqual([
      "recommend",
      "--role",
      "mixing",
      "--no-config",
      "--catalog",
      catalog,
      "--target",
      target,
      "--measurements",
      dir,
    ]);
    // The same ranking: the session shows the first five rows of it.
    const again = await runCli([...words, "--top", "5"]);
    expect(again.code).toBe(0);
    expect(r.stdout.startsWith(again.stdout.trimEnd().split("\n").slice(0, 8).join("\n"))).toBe(
      true,
    );
  });

  it("without a target the folder is not used, and it says so", async () => {
    const r = await runCli(["show", "example-dark", ...common, "--measurements", dir, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/measurements folder is not used without a target curve/);
    expect(JSON.parse(r.stdout).frequencyResponse).toBeNull();
  });

  it("config set measurements DIR: the commands use it", async () => {
    const home = mkdtempSync(join(tmpdir(), "hpadvise-home-"));
    const env = { XDG_CONFIG_HOME: home };
    const set = await runCli(["config", "set", "measurements", dir], { env });
    expect(set.code).toBe(0);
    await runCli(["config", "set", "target", target], { env });
    const r = await runCli(["show", "example-dark", "--catalog", catalog, "--json"], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/measurements: .*measurements, from your config/);
    expect(JSON.parse(r.stdout).frequencyResponse?.source).toBe("lab");
    const bad = await runCli(["config", "set", "measurements", join(tree, "nowhere")], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nowhere: no such directory/);
  });
});

describe("measured curves are cached by file", () => {
  // A tree of its own: these tests edit its files.
  const own = curveTree({ ...files, "catalog.yaml": catalogText });
  const curve = join(own, "measurements/lab/data/over-ear/Example Flat.csv");
  const args = [
    "recommend",
    "--role",
    "mixing",
    "--catalog",
    join(own, "catalog.yaml"),
    "--no-config",
    "--measurements",
    join(own, "measurements"),
    "--target",
    join(own, "targets/over-ear.csv"),
    "--json",
  ];
  const newCache = () => mkdtempSync(join(tmpdir(), "hpadvise-cache-"));
  type Row = { id: string; fitReason: string };
  const fitOf = (out: string, id: string) =>
    (JSON.parse(out).results as Row[]).find((x) => x.id === id)?.fitReason;

  it("a later run gives what the first did, from the cache, and a malformed file is reported each time", async () => {
    const fresh = await runCli(args, { env: { HPADVISE_CACHE_DIR: "off" } });
    expect(fresh.code).toBe(0);
    const env = { HPADVISE_CACHE_DIR: newCache() };
    const cached = join(env.HPADVISE_CACHE_DIR, "curves.json");
    const first = await runCli(args, { env });
    expect(existsSync(cached)).toBe(true);
    const second = await runCli(args, { env });
    for (const r of [first, second]) {
      expect(r).toEqual(fresh);
      expect(r.stderr).toMatch(/example-broken: its measurement could not be read \(.*abc/);
    }
    // The stored figures are what the second run used: tampered, they show.
    const text = readFileSync(cached, "utf8");
    expect(text).not.toMatch(/Broken/);
    writeFileSync(cached, text.replace(/"tags":\[[^\]]*\]/g, '"tags":["bright"]'));
    const third = await runCli(args, { env });
    expect(fitOf(third.stdout, "example-flat")).not.toEqual(fitOf(fresh.stdout, "example-flat"));
  });

  it("an edited curve is judged again", async () => {
    const env = { HPADVISE_CACHE_DIR: newCache() };
    await runCli(args, { env });
    expect(fitOf((await runCli(args, { env })).stdout, "example-flat")).toMatch(
      /measured as neutral/,
    );
    writeFileSync(curve, curveCsv(SHAPES.tilt));
    const later = new Date(Date.now() + 5_000);
    utimesSync(curve, later, later);
    const edited = await runCli(args, { env });
    expect(edited).toEqual(await runCli(args, { env: { HPADVISE_CACHE_DIR: "off" } }));
    expect(fitOf(edited.stdout, "example-flat")).not.toMatch(/measured as neutral/);
    writeFileSync(curve, curveCsv(SHAPES.flat));
  });

  it("HPADVISE_CACHE_DIR=off writes nothing", async () => {
    const off = mkdtempSync(join(tmpdir(), "hpadvise-home-"));
    const r = await runCli(args, { env: { HPADVISE_CACHE_DIR: "off", XDG_CACHE_HOME: off } });
    expect(r.code).toBe(0);
    expect(readdirSync(off)).toEqual([]);
  });
});

describe("fr unmatched", () => {
  it("lists the files no model names, with did-you-mean ids", async () => {
    const r = await runCli(["fr", "unmatched", "--measurements", dir, ...common, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.files).toBe(6);
    // A model names its file per source: both rigs' "Example Flat" are its curves.
    expect(j.matched).toBe(4);
    expect(j.unmatched).toEqual([
      {
        file: "lab/data/over-ear/Example Flat (worn earpads).csv",
        source: "lab",
        rig: "over-ear",
        name: "Example Flat (worn earpads)",
        didYouMean: ["example-flat"],
      },
      {
        file: "other/data/over-ear/Stranger Thing.csv",
        source: "other",
        rig: "over-ear",
        name: "Stranger Thing",
        didYouMean: [],
      },
    ]);
    const text = await runCli(["fr", "unmatched", "--measurements", dir, ...common]);
    expect(text.stdout).toMatch(/6 curves, 4 named by a catalog model, 2 not/);
    expect(text.stdout.replace(/\s+/g, " ")).toMatch(
      /Example Flat \(worn earpads\)\.csv \(did you mean example-flat\? add `measurements: \{lab: "Example Flat \(worn earpads\)"\}` to it\)/,
    );
  });

  it("needs a folder", async () => {
    const r = await runCli(["fr", "unmatched", "--no-config"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a measurements folder/);
  });
});

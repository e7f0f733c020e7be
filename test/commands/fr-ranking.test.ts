/**
 * Measured tags reach the ranking: a catalog entry's curve, judged against a
 * target (--target or the config's), gives it a measured colouration note
 * that the neutrality rule and the fit labels read before reviewers' words.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { curveCsv, curveTree, SHAPES } from "../helpers/curves.js";
import { runCli } from "../helpers/run-cli.js";

/** +1 dB per octave through 1 kHz: bright. */
const bright = (f: number) => Math.log2(f / 1000);

const tree = curveTree({
  "lab/data/over-ear/bright.csv": curveCsv(bright),
  "lab/data/in-ear/bright.csv": curveCsv(bright),
  "lab/data/over-ear/flat.csv": curveCsv(SHAPES.flat),
  // A target's rig is read from its path, as a curve's is.
  "targets/data/over-ear/flat-target.csv": curveCsv(SHAPES.flat),
});
const at = (rel: string) => join(tree, rel);
const targetFile = at("targets/data/over-ear/flat-target.csv");

/**
 * An open-back two reviewers describe as neutral and detailed, with a low THD;
 * its curve is `curve`.
 */
function catalogWith(curve: string | null, rig = "over-ear"): string {
  const file = join(mkdtempSync(join(tmpdir(), "hpadvise-frtags-")), "mine.yaml");
  const fr = curve ? `\n    frequencyResponse: { file: ${curve}, rig: ${rig}, source: lab }` : "";
  writeFileSync(
    file,
    `headphones:
  - id: said-neutral
    brand: Example
    model: Said Neutral
    back: open
    driver: dynamic
    refs:
      review: { document: "Example review, 2025" }
      other: { document: "Another example review, 2025" }
    impedance: { ohms: 300, kind: maker, ref: review }
    sensitivity: { value: 105, unit: dB/V, kind: maker, ref: review }
    weightGrams: { value: 260, kind: maker, ref: review }
    priceUsd: { value: 300, kind: maker, ref: review }
    thdPercent: { value: 0.05, kind: maker, ref: review }
    character:
      - { tags: [neutral, detailed], text: "neutral and detailed", ref: review }
      - { tags: [neutral, detailed], text: "neutral, and detailed too", ref: other }${fr}
`,
  );
  return file;
}

const rowOf = (stdout: string) => {
  const rec = JSON.parse(stdout);
  return [...rec.results, ...rec.unverified].find((r: { id: string }) => r.id === "said-neutral");
};

describe("measured tags in the ranking", () => {
  const env = { HPADVISE_CACHE_DIR: "off" };
  const mixing = ["recommend", "--role", "mixing", "--json", "--no-config"];

  it("an entry described as neutral but measured bright ranks and is labelled by the measurement", async () => {
    const catalog = catalogWith(at("lab/data/over-ear/bright.csv"));
    const prose = await runCli([...mixing, "--catalog", catalog], { env });
    const measured = await runCli([...mixing, "--catalog", catalog, "--target", targetFile], {
      env,
    });
    expect(prose.code).toBe(0);
    expect(measured.code).toBe(0);
    const before = rowOf(prose.stdout);
    const after = rowOf(measured.stdout);
    expect(before.fit).toBe("excellent");
    expect(before.fitReason).toMatch(/described as neutral/);
    expect(after.fit).toBe("workable");
    expect(after.fitReason).toMatch(/measured bright/);
    expect(after.fitReason).not.toMatch(/neutral/);
    expect(after.score).toBeLessThan(before.score);
    expect(after.watchOut.join(" ")).toMatch(/bright/);
    // The same catalog, rank by rank: it fell behind models it led.
    const rank = (s: string) =>
      JSON.parse(s).results.findIndex((r: { id: string }) => r.id === "said-neutral");
    expect(rank(measured.stdout)).toBeGreaterThan(rank(prose.stdout));
  });

  it("compare, show and plan take --target too", async () => {
    const catalog = catalogWith(at("lab/data/over-ear/bright.csv"));
    const t = ["--catalog", catalog, "--target", targetFile, "--no-config"];
    const compare = await runCli(["compare", "said-neutral", "hd600", "--role", "mixing", ...t], {
      env,
    });
    expect(compare.code).toBe(0);
    expect(compare.stdout.replace(/\s+/g, " ")).toMatch(
      /said-neutral is workable \(open-back reference, but measured bright/,
    );
    const show = await runCli(["show", "said-neutral", "--json", ...t], { env });
    const notes = JSON.parse(show.stdout).character;
    expect(notes).toContainEqual(
      expect.objectContaining({
        measured: true,
        tags: ["bright"],
        source: at("lab/data/over-ear/bright.csv"),
      }),
    );
    const plain = await runCli(["show", "said-neutral", "--json", "--catalog", catalog], { env });
    expect(JSON.parse(plain.stdout).character).toHaveLength(2);
    const plan = await runCli(["plan", "--budget", "5000", "--roles", "mixing", "--json", ...t], {
      env,
    });
    expect(plan.code).toBe(0);
  });

  it("a flat curve keeps it neutral, now measured as such", async () => {
    const catalog = catalogWith(at("lab/data/over-ear/flat.csv"));
    const r = await runCli([...mixing, "--catalog", catalog, "--target", targetFile], { env });
    const row = rowOf(r.stdout);
    expect(row.fit).toBe("excellent");
    expect(row.fitReason).toMatch(/measured as neutral/);
  });

  it("a curve from another rig is named in a warning and the prose tags stay", async () => {
    const catalog = catalogWith(at("lab/data/in-ear/bright.csv"), "in-ear");
    const r = await runCli([...mixing, "--catalog", catalog, "--target", targetFile], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: said-neutral: .*measured on the in-ear rig, but the target .* is for the over-ear rig; its described character is used/,
    );
    const row = rowOf(r.stdout);
    expect(row.fit).toBe("excellent");
    expect(row.fitReason).toMatch(/described as neutral/);
  });

  it("a malformed curve is exit 2 with its file and line", async () => {
    const bad = join(mkdtempSync(join(tmpdir(), "hpadvise-frtags-")), "bad.csv");
    writeFileSync(bad, "frequency,raw\n20,0\n30,zero\n");
    const catalog = catalogWith(bad);
    const r = await runCli([...mixing, "--catalog", catalog, "--target", targetFile], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3:`);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("a cached catalog and a fresh load give the same answer", async () => {
    const catalog = catalogWith(at("lab/data/over-ear/bright.csv"));
    const cache = { HPADVISE_CACHE_DIR: mkdtempSync(join(tmpdir(), "hpadvise-frtags-cache-")) };
    const args = [...mixing, "--catalog", catalog, "--target", targetFile];
    const memory = await runCli(args, { env });
    const first = await runCli(args, { env: cache }); // writes the catalog's and the curve's
    expect(readdirSync(cache.HPADVISE_CACHE_DIR).sort()).toEqual(["catalog.json", "curves.json"]);
    const second = await runCli(args, { env: cache }); // reads both
    expect(first.stdout).toBe(memory.stdout);
    expect(second.stdout).toBe(memory.stdout);
    expect(rowOf(second.stdout).fitReason).toMatch(/measured bright/);
    // Without a target the cache answers, and agrees with a fresh load too.
    const plain = [...mixing, "--catalog", catalog];
    await runCli(plain, { env: cache });
    const cached = await runCli(plain, { env: cache });
    expect(cached.stdout).toBe((await runCli(plain, { env })).stdout);
  });
});

describe("the config's target", () => {
  function home() {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-frtags-home-"));
    mkdirSync(join(dir, "hpadvise"), { recursive: true });
    return { env: { XDG_CONFIG_HOME: dir, HPADVISE_CACHE_DIR: "off" }, dir };
  }

  it("is stored absolute, checked as a curve, and got and unset", async () => {
    const h = home();
    const set = await runCli(["config", "set", "target", "targets/data/over-ear/flat-target.csv"], {
      env: h.env,
      cwd: tree,
    });
    expect(set.code).toBe(0);
    expect((await runCli(["config", "get", "target"], { env: h.env })).stdout).toBe(
      `${targetFile}\n`,
    );
    const bad = join(h.dir, "bad.csv");
    // `freq,level` is a two-column header now; this one names neither column.
    writeFileSync(bad, "when,what\n");
    const refused = await runCli(["config", "set", "target", bad], { env: h.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}:1:`);
    expect((await runCli(["config", "get", "target"], { env: h.env })).stdout).toBe(
      `${targetFile}\n`,
    );
    await runCli(["config", "unset", "target"], { env: h.env });
    expect((await runCli(["config", "get", "target"], { env: h.env })).stderr).toMatch(
      /target is not set/,
    );
  });

  it("is used by recommend, fr analyze and check-amp --fr, and said so; a flag wins; --no-config ignores it", async () => {
    const h = home();
    await runCli(["config", "set", "target", targetFile], { env: h.env });
    const said = `target: ${targetFile}, from your config\n`;
    const catalog = catalogWith(at("lab/data/over-ear/bright.csv"));

    const rec = await runCli(["recommend", "--role", "mixing", "--json", "--catalog", catalog], {
      env: h.env,
    });
    expect(rec.code).toBe(0);
    expect(rec.stderr).toContain(said);
    expect(rowOf(rec.stdout).fitReason).toMatch(/measured bright/);
    const off = await runCli(
      ["recommend", "--role", "mixing", "--json", "--catalog", catalog, "--no-config"],
      { env: h.env },
    );
    expect(off.stderr).not.toContain("from your config");
    expect(rowOf(off.stdout).fitReason).toMatch(/described as neutral/);

    const curve = at("lab/data/over-ear/bright.csv");
    const fr = await runCli(["fr", "analyze", curve, "--json"], { env: h.env });
    expect(fr.stderr).toBe(said);
    expect(JSON.parse(fr.stdout)).toMatchObject({ target: targetFile, tags: ["bright"] });
    const other = at("lab/data/over-ear/flat.csv");
    const flag = await runCli(["fr", "analyze", curve, "--target", other, "--json"], {
      env: h.env,
    });
    expect(flag.stderr).toBe("");
    expect(JSON.parse(flag.stdout).target).toBe(other);
    const none = await runCli(["fr", "analyze", curve, "--json", "--no-config"], { env: h.env });
    expect(none.stderr).toMatch(/no --target/);
    expect(JSON.parse(none.stdout).target).toBeNull();

    const amp = await runCli(
      ["check-amp", "--headphone", "hd600", "--source", "laptop", "--fr", curve, "--json"],
      { env: h.env },
    );
    expect(amp.code).toBe(0);
    expect(amp.stderr).toContain(said);
    expect(JSON.parse(amp.stdout).eqFromCurve).toMatchObject({ target: targetFile });
    // Without --fr the config's target does not turn on an EQ.
    const plain = await runCli(
      ["check-amp", "--headphone", "hd600", "--source", "laptop", "--json"],
      { env: h.env },
    );
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain("target:");
  });

  it("a config target that no longer reads is named as the config's", async () => {
    const h = home();
    const gone = join(h.dir, "gone.csv");
    writeFileSync(gone, curveCsv(SHAPES.flat));
    await runCli(["config", "set", "target", gone], { env: h.env });
    const { rmSync } = await import("node:fs");
    rmSync(gone);
    const r = await runCli(["fr", "analyze", at("lab/data/over-ear/bright.csv")], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/named by `target` in your config/);
  });
});

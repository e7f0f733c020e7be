import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";

function home() {
  const dir = mkdtempSync(join(tmpdir(), "hpadvise-measure-"));
  return { dir, env: { XDG_CONFIG_HOME: dir }, catalog: join(dir, "hpadvise", "catalog.yaml") };
}

const READINGS = [
  "--level-dbfs",
  "-6",
  "--unloaded",
  "1.00",
  "--loaded",
  "0.80",
  "--load-ohms",
  "33",
];

describe("hpadvise measure source", () => {
  it("--tone alone writes the tone and says what to do next", async () => {
    const h = home();
    const r = await runCli(["measure", "source", "--tone", "tone.wav"], { env: h.env, cwd: h.dir });
    expect(r.code).toBe(0);
    const file = join(h.dir, "tone.wav");
    // 30 s of 60 Hz at 48 kHz, stereo 16-bit.
    expect(statSync(file).size).toBe(44 + 30 * 48_000 * 4);
    expect(r.stdout).toContain(`Wrote ${file}: a 60 Hz sine at -3 dBFS`);
    expect(r.stdout).toMatch(/Unplug your headphones first/);
    expect(r.stdout).toContain(
      "hpadvise measure source --level-dbfs -3 --unloaded V --loaded V --load-ohms 33",
    );
  });

  it("--tone's steps and the clipping warning wrap at 80 columns, never mid-word", async () => {
    const h = home();
    const widths = (text: string) => text.split("\n").map((l) => [...l].length);
    const tone = await runCli(["measure", "source", "--tone", "tone.wav"], {
      env: h.env,
      cwd: h.dir,
      columns: 80,
    });
    expect(Math.max(...widths(tone.stdout))).toBeLessThanOrEqual(80);
    expect(tone.stdout).toMatch(
      /Unplug your headphones first\. The tone plays at full volume: loud\s/,
    );
    // The command still pastes as one: each line but the last ends in a continuation.
    expect(tone.stdout).toMatch(/hpadvise measure source --level-dbfs -3 [^\n]*\\\n\s+/);
    const clipped = await runCli(
      ["measure", "source", "--unloaded", "1", "--loaded", "0.3", "--load-ohms", "16"],
      { env: h.env, columns: 80 },
    );
    expect(clipped.stdout).toMatch(/clipped or hit its current\s+limit/);
    expect(Math.max(...widths(clipped.stdout))).toBeLessThanOrEqual(80);
    for (const line of clipped.stdout.split("\n")) expect(line).not.toMatch(/\w-$/);
  });

  it("--tone-hz 400 writes the tone for a second reading and puts it in the command", async () => {
    const h = home();
    const r = await runCli(["measure", "source", "--tone", "t400.wav", "--tone-hz", "400"], {
      env: h.env,
      cwd: h.dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("a 400 Hz sine at -3 dBFS");
    expect(r.stdout).toContain("--tone-hz 400");
  });

  it("computes from readings, as JSON with the inputs", async () => {
    const h = home();
    const r = await runCli(["measure", "source", ...READINGS, "--json"], { env: h.env });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    // The tone's frequency is among the inputs (issue 25: a second reading may be at 400 Hz).
    expect(json.inputs).toEqual({
      levelDbfs: -6,
      unloadedVrms: 1,
      loadedVrms: 0.8,
      loadOhms: 33,
      toneHz: 60,
    });
    expect(json.openCircuitVrms).toBeCloseTo(1.9953, 4);
    expect(json.outputImpedanceOhms).toBeCloseTo(8.25, 6);
    expect(json.saved).toBeNull();
  });

  it("--save writes a measured source that check-amp then uses", async () => {
    const h = home();
    const r = await runCli(
      [
        "measure",
        "source",
        ...READINGS,
        "--save",
        "my-desk",
        "--brand",
        "Example",
        "--model",
        "Desk",
      ],
      { env: h.env },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Saved source my-desk (kind: measured) in ${h.catalog}`);
    const entry = parse(readFileSync(h.catalog, "utf8")).sources[0];
    expect(entry).toMatchObject({
      id: "my-desk",
      brand: "Example",
      model: "Desk",
      type: "interface",
      outputImpedanceOhms: { value: 8.25, kind: "measured" },
      outputs: [{ value: 1.995, unit: "Vrms", kind: "measured" }],
    });
    const check = await runCli(
      ["check-amp", "--headphone", "ath-m50x", "--source", "my-desk", "--json"],
      {
        env: h.env,
      },
    );
    const c = JSON.parse(check.stdout);
    // 1.995 V behind 8.25 Ω into 38 Ω: 1.995 × 38 / 46.25 = 1.639 V.
    expect(c.available.vrms).toBeCloseTo(1.639, 3);
    expect(c.outputImpedanceOhms).toBe(8.25);
  });

  it("saved over a catalog source's id, lays only the measured figures over it", async () => {
    const h = home();
    const r = await runCli(["measure", "source", ...READINGS, "--save", "laptop"], { env: h.env });
    expect(r.code).toBe(0);
    const entry = parse(readFileSync(h.catalog, "utf8")).sources[0];
    expect(Object.keys(entry)).toEqual(["id", "outputs", "outputImpedanceOhms"]);
    const show = JSON.parse((await runCli(["show", "laptop", "--json"], { env: h.env })).stdout);
    expect(show.name).toMatch(/Laptop/);
    expect(show.outputImpedanceOhms).toBe(8.25);
    expect(show.provenance.outputImpedanceOhms.kind).toBe("measured");
  });

  it("saved again over an id already in the personal catalog, updates that entry in place", async () => {
    const h = home();
    const first = await runCli(
      ["measure", "source", ...READINGS, "--save", "my-desk", "--brand", "Acme", "--model", "Desk"],
      { env: h.env },
    );
    expect(first.code).toBe(0);
    const again = await runCli(
      [
        "measure",
        "source",
        "--unloaded",
        "2",
        "--loaded",
        "1.8",
        "--load-ohms",
        "33",
        "--save",
        "my-desk",
      ],
      { env: h.env },
    );
    expect(again.stderr).toContain("Updated source my-desk");
    expect(again.code).toBe(0);
    const entries = parse(readFileSync(h.catalog, "utf8")).sources;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: "my-desk", brand: "Acme", model: "Desk" });
    // -3 dBFS default: 2 V read → 2 × 10^(3/20) = 2.825 V at full scale.
    expect(entries[0].outputs[0].value).toBeCloseTo(2.825, 3);
  });

  it.each([
    [["--unloaded", "1"], /needs --loaded, --load-ohms/],
    [
      ["--unloaded", "0.8", "--loaded", "1", "--load-ohms", "33"],
      /higher than with nothing connected/,
    ],
    [["--unloaded", "1V", "--loaded", "lots", "--load-ohms", "33"], /--loaded/],
    [
      ["--level-dbfs", "+3", "--unloaded", "1", "--loaded", "0.9", "--load-ohms", "33"],
      /between -40 and 0/,
    ],
  ])("refuses %j with exit 2", async (args, message) => {
    const h = home();
    const r = await runCli(["measure", "source", ...args], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(h.catalog)).toBe(false);
  });

  it("without a terminal and without readings or --tone, says how to start", async () => {
    const r = await runCli(["measure", "source"], { env: home().env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: first `hpadvise measure source --tone/);
  });

  it("in a terminal, guides the two readings and offers to save", async () => {
    const h = home();
    mkdirSync(join(h.dir, "hpadvise"), { recursive: true });
    writeFileSync(h.catalog, "# mine\nsources: []\n");
    const prompter = new ScriptedPrompter([
      { name: "unloaded", answer: { input: "1.02" } },
      { name: "loadOhms", answer: { input: "33" } },
      { name: "loaded", answer: { input: "1.1" } }, // accepted as a reading; refused by the check below
    ]);
    const bad = await runCli(["measure", "source"], {
      env: h.env,
      cwd: h.dir,
      stdinIsTTY: true,
      stdoutIsTTY: true,
      prompter: async () => prompter,
    });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/Unplug your headphones first/);

    const good = new ScriptedPrompter([
      { name: "unloaded", answer: { input: "1.02 V" } },
      { name: "loadOhms", answer: { input: "33" } },
      { name: "loaded", answer: { input: "850 mV" } },
      { name: "save", answer: { confirm: true } },
      { name: "brand", answer: { input: "Example" } },
      { name: "model", answer: { input: "Desk" } },
      { name: "id", answer: { input: "desk" } },
    ]);
    const r = await runCli(["measure", "source"], {
      env: h.env,
      cwd: h.dir,
      stdinIsTTY: true,
      stdoutIsTTY: true,
      prompter: async () => good,
    });
    expect(r.code).toBe(0);
    expect(good.remaining).toBe(0);
    expect(existsSync(join(h.dir, "hpadvise-tone-60hz.wav"))).toBe(true);
    // −3 dBFS: 1.02 × 10^(3/20) = 1.441 V; 33 × (1.02 / 0.85 − 1) = 6.6 Ω.
    expect(r.stdout).toMatch(/Open-circuit voltage at 0 dBFS {2}1\.441 Vrms/);
    expect(r.stdout).toMatch(/Output impedance {16}6\.60 Ω/);
    const text = readFileSync(h.catalog, "utf8");
    expect(text.startsWith("# mine\n")).toBe(true);
    expect(parse(text).sources[0]).toMatchObject({
      id: "desk",
      outputImpedanceOhms: { value: 6.6 },
    });
  });
});

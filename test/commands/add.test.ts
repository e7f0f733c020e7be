import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { freeId } from "../../src/catalog/user-entry.js";
import { packageRoot, runCli } from "../helpers/run-cli.js";
import { ScriptedPrompter, type Step } from "../helpers/scripted-prompter.js";

function home() {
  const dir = mkdtempSync(join(tmpdir(), "hpadvise-add-"));
  const env = { XDG_CONFIG_HOME: dir };
  const file = join(dir, "hpadvise", "catalog.yaml");
  return { dir, env, file };
}

const terminal = (env: Record<string, string>, prompter: ScriptedPrompter) => ({
  env,
  stdinIsTTY: true,
  stdoutIsTTY: true,
  prompter: async () => prompter,
});

describe("default ids", () => {
  it.each([
    ["Focusrite", "Scarlett Solo (4th Gen)", "scarlett-solo-4g"],
    ["Focusrite", "Scarlett 2i2 3rd Generation", "scarlett-2i2-3g"],
    ["Acme", "Desk Amp Gen 2", "desk-amp-2g"],
    // Too bare alone: the brand goes in front.
    ["Grace", "900", "grace-900"],
  ])("%s %s -> %s", (brand, model, id) => {
    expect(freeId(brand, model, [])).toBe(id);
  });

  it("takes the brand in front when the catalog already answers to the short id", () => {
    expect(freeId("Sennheiser", "HD 650", ["hd650"])).toBe("sennheiser-hd-650");
  });
});

describe("hpadvise add, by flags (no terminal)", () => {
  it("writes a validated source entry to the personal catalog and says where", async () => {
    const h = home();
    const r = await runCli(
      [
        "add",
        "source",
        "--brand",
        "Example",
        "--model",
        "Desk Interface",
        "--type",
        "interface",
        "--vout",
        "1.2V@32",
        "--vout",
        "+13dBu",
        "--power",
        "45mW@32",
        "--zout",
        "10",
        "--current-limit",
        "100",
        "--price",
        "199",
        "--ref",
        "user guide p. 12",
      ],
      { env: h.env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("desk-interface\n");
    expect(r.stderr).toContain(`Added source desk-interface in ${h.file}`);
    const data = parse(readFileSync(h.file, "utf8"));
    expect(data.sources).toEqual([
      {
        id: "desk-interface",
        brand: "Example",
        model: "Desk Interface",
        type: "interface",
        refs: { mine: { document: "user guide p. 12" } },
        outputImpedanceOhms: { value: 10, kind: "maker", ref: "mine" },
        outputs: [
          { value: 1.2, unit: "Vrms", loadOhms: 32, kind: "maker", ref: "mine" },
          { value: 13, unit: "dBu", kind: "maker", ref: "mine" },
          { value: 45, unit: "mW", loadOhms: 32, kind: "maker", ref: "mine" },
        ],
        currentLimitMa: { value: 100, kind: "maker", ref: "mine" },
        priceUsd: { value: 199, kind: "maker", ref: "mine" },
      },
    ]);
    // Loaded by itself from then on, with its figures' provenance.
    const show = await runCli(["show", "desk-interface", "--json"], { env: h.env });
    expect(JSON.parse(show.stdout)).toMatchObject({
      id: "desk-interface",
      outputImpedanceOhms: 10,
      provenance: { outputImpedanceOhms: { kind: "maker", source: "user guide p. 12" } },
    });
    // --no-config leaves it out.
    const none = await runCli(["show", "desk-interface", "--no-config"], { env: h.env });
    expect(none.code).toBe(2);
  });

  it("marks figures with no reference as the user's", async () => {
    const h = home();
    const r = await runCli(
      ["add", "headphone", "--id", "cans", "--brand", "Example", "--model", "Cans"]
        .concat(["--back", "closed", "--driver", "dynamic", "--impedance", "32"])
        .concat(["--sensitivity", "100 dB/V"]),
      { env: h.env },
    );
    expect(r.code).toBe(0);
    expect(parse(readFileSync(h.file, "utf8")).headphones[0]).toEqual({
      id: "cans",
      brand: "Example",
      model: "Cans",
      back: "closed",
      driver: "dynamic",
      impedance: { ohms: 32, kind: "user" },
      sensitivity: { value: 100, unit: "dB/V", kind: "user" },
    });
  });

  it("keeps a note such as --ref manual as the reference; validate advises the Publisher: title form", async () => {
    const h = home();
    const r = await runCli(
      ["add", "headphone", "--id", "cans", "--brand", "Example", "--model", "Cans"]
        .concat(["--back", "closed", "--driver", "dynamic", "--impedance", "32"])
        .concat(["--ref", "manual"]),
      { env: h.env },
    );
    expect(r.code).toBe(0);
    expect(parse(readFileSync(h.file, "utf8")).headphones[0].refs).toEqual({
      mine: { document: "manual" },
    });
    const check = await runCli(["validate", h.file], { env: h.env });
    expect(check).toEqual({
      code: 0,
      stdout: `ok  ${h.file}: 1 headphone, 0 sources\n`,
      stderr: `warning: ${h.file}:10:31: headphones[0].refs.mine.document: "manual" does not say whose document it is; a reference reads "Publisher: title" (e.g. "Sennheiser: HD 600 product sheet") or gives a url\n`,
    });
    // Only validate advises: the other commands take the note as it is.
    const show = await runCli(["show", "cans"], { env: h.env });
    expect({ code: show.code, stderr: show.stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("names the flags missing when there is no terminal to ask", async () => {
    const h = home();
    const r = await runCli(["add", "headphone", "--brand", "Example"], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /add headphone needs --model, --back, --driver \(no terminal to ask in\)/,
    );
    expect(r.stderr).toMatch(/^hint: e\.g\. `hpadvise add headphone/m);
  });

  it("refuses a bare sensitivity, as check-amp does", async () => {
    const h = home();
    const r = await runCli(
      [
        "add",
        "headphone",
        "--brand",
        "E",
        "--model",
        "C",
        "--back",
        "open",
        "--driver",
        "planar",
      ].concat(["--sensitivity", "97"]),
      { env: h.env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no unit: dB\/mW or dB\/V/);
  });

  it("keeps the user's comments and order, and updates an entry with the same id in place", async () => {
    const h = home();
    mkdirSync(join(h.dir, "hpadvise"), { recursive: true });
    writeFileSync(
      h.file,
      "# my gear\nheadphones:\n  # the old pair\n  - { id: old, brand: A, model: B, back: open, driver: dynamic }\n",
    );
    const add = (model: string) =>
      runCli(
        ["add", "source", "--id", "desk", "--brand", "Example", "--model", model].concat([
          "--type",
          "amplifier",
          "--zout",
          "1",
        ]),
        { env: h.env },
      );
    await add("Desk Amp");
    const second = await add("Desk Amp Mk2");
    expect(second.stderr).toMatch(/^Updated source desk/);
    const text = readFileSync(h.file, "utf8");
    expect(text.startsWith("# my gear\nheadphones:\n  # the old pair\n  - { id: old,")).toBe(true);
    const data = parse(text);
    expect(data.sources.map((s: { model: string }) => s.model)).toEqual(["Desk Amp Mk2"]);
  });

  it("validates before writing: a clash with the built-in catalog writes nothing", async () => {
    const h = home();
    const r = await runCli(
      ["add", "source", "--id", "hd600", "--brand", "E", "--model", "M", "--type", "dongle"],
      { env: h.env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/id "hd600" is already used by the headphone "hd600"/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(() => readFileSync(h.file)).toThrow();
  });

  it("a broken personal catalog is an error with its file, line and column", async () => {
    const h = home();
    mkdirSync(join(h.dir, "hpadvise"), { recursive: true });
    writeFileSync(h.file, "headphones:\n  - id: x\n    brand: [\n");
    const r = await runCli(["recommend", "--role", "mixing"], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${h.file}:`);
    expect(r.stderr).toMatch(/catalog\.yaml:\d+:\d+: YAML syntax/);
    const add = await runCli(
      ["add", "source", "--id", "s", "--brand", "E", "--model", "M", "--type", "dongle"],
      { env: h.env },
    );
    expect(add.code).toBe(2);
    expect(add.stderr).toMatch(/catalog\.yaml:\d+:\d+: YAML syntax/);
    expect(readFileSync(h.file, "utf8")).toBe("headphones:\n  - id: x\n    brand: [\n");
  });

  it("two processes adding at once both land, and the file stays whole", async () => {
    const h = home();
    const bin = join(packageRoot, "bin", "hpadvise.js");
    const ids = Array.from({ length: 6 }, (_, i) => `desk-${i}`);
    const codes = await Promise.all(
      ids.map(
        (id) =>
          new Promise<number | null>((resolve) => {
            const p = spawn(
              process.execPath,
              [bin, "add", "source", "--id", id, "--brand", "E", "--model", id, "--type", "dongle"],
              { env: { PATH: process.env.PATH ?? "", ...h.env }, stdio: "ignore" },
            );
            p.on("close", resolve);
          }),
      ),
    );
    expect(codes).toEqual(ids.map(() => 0));
    const data = parse(readFileSync(h.file, "utf8"));
    expect(data.sources.map((s: { id: string }) => s.id).sort()).toEqual(ids);
  });
});

describe("hpadvise add, the form in a terminal (scripted)", () => {
  it("asks what the flags did not say, validating each answer like its flag", async () => {
    const h = home();
    const steps: Step[] = [
      { name: "brand", answer: { input: "Example" } },
      { name: "model", answer: { input: "Desk Interface" } },
      { name: "id", answer: { input: "my-desk" } },
      { name: "vout", answer: { input: "2" } }, // refused: no unit
      { name: "vout", answer: { input: "2V@32" } },
      { name: "power", answer: { input: "100mW" } }, // refused: into which load?
      { name: "power", answer: { input: "" } },
      { name: "zout", answer: { input: "4.7" } },
      { name: "currentLimit", answer: { input: "" } },
      { name: "price", answer: { input: "" } },
      { name: "ref", answer: { input: "https://example.com/manual.pdf" } },
    ];
    const prompter = new ScriptedPrompter(steps);
    const r = await runCli(["add", "source", "--type", "interface"], terminal(h.env, prompter));
    expect(r.stderr).toContain("Added source my-desk");
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(prompter.refused).toEqual([
      expect.stringMatching(/no unit: V, dBu or dBV/),
      expect.stringMatching(/into which load\?/),
    ]);
    const entry = parse(readFileSync(h.file, "utf8")).sources[0];
    expect(entry).toMatchObject({
      id: "my-desk",
      type: "interface",
      refs: { mine: { url: "https://example.com/manual.pdf" } },
      outputs: [{ value: 2, unit: "Vrms", loadOhms: 32 }],
      outputImpedanceOhms: { value: 4.7 },
    });
    expect(entry.currentLimitMa).toBeUndefined();
  });

  it("a headphone: back and driver are choices, sensitivity needs its unit", async () => {
    const h = home();
    const prompter = new ScriptedPrompter([
      { name: "brand", answer: { input: "Example" } },
      { name: "model", answer: { input: "Cans" } },
      { name: "id", answer: { input: "cans" } },
      { name: "back", answer: { select: "semi-open" } },
      { name: "driver", answer: { select: "planar" } },
      { name: "impedance", answer: { input: "60" } },
      { name: "sensitivity", answer: { input: "96 dB" } },
      { name: "sensitivity", answer: { input: "96 dB/mW" } },
      { name: "price", answer: { input: "$249" } },
      { name: "ref", answer: { input: "" } },
    ]);
    const r = await runCli(["add", "headphone"], terminal(h.env, prompter));
    expect(r.code).toBe(0);
    expect(prompter.refused[0]).toMatch(/15 dB at 32 Ω/);
    expect(parse(readFileSync(h.file, "utf8")).headphones[0]).toMatchObject({
      back: "semi-open",
      driver: "planar",
      impedance: { ohms: 60, kind: "user" },
      sensitivity: { value: 96, unit: "dB/mW" },
      priceUsd: { value: 249 },
    });
  });
});

/** The session's source search is never a dead end (issue 25). */
import { describe, expect, it } from "vitest";
import { fallbackChoices, filterChoices, sourceChoices } from "../../src/prompts/session.js";
import { makeSource } from "../helpers/factories.js";
import { runCli } from "../helpers/run-cli.js";
import { ScriptedPrompter } from "../helpers/scripted-prompter.js";

describe("a source search with no match ('solo')", () => {
  it("offers the generic interface with what it assumes, typing its figures, or measuring it", async () => {
    const prompter = new ScriptedPrompter([
      { name: "roles", answer: { check: ["tracking"] } },
      { name: "budget", answer: { input: "" } },
      { name: "source", answer: { type: "solo", pick: "interface" } },
      { name: "own", answer: { type: "", pick: "__done__" } },
      { name: "maxWeight", answer: { input: "" } },
      { name: "back", answer: { select: null } },
      { name: "next", answer: { select: "quit" } },
    ]);
    const r = await runCli(["interactive"], {
      stdinIsTTY: true,
      stdoutIsTTY: true,
      prompter: async () => prompter,
    });
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(r.stdout).toContain("--source interface");
  });

  it("the offers name the assumption and the two commands", () => {
    const preset = makeSource({
      id: "interface",
      outputs: [{ value: 2.5, unit: "dBu", loadOhms: 33, kind: "assumption" }],
      outputImpedanceOhms: 50,
    });
    const catalog = { headphones: [], sources: [preset, makeSource({ id: "grace-m900" })] };
    expect(filterChoices(sourceChoices(catalog), "solo")).toEqual([]);
    const names = fallbackChoices(catalog).map((c) => `${c.name} -> ${c.value}`);
    expect(names).toEqual([
      "Not listed: use the generic interface (--source interface: assumes 2.5 dBu into 33 Ω, 50 Ω output impedance, the weakest current bus-powered interface) -> interface",
      expect.stringMatching(/type its figures from its manual .*hpadvise add source.* -> null$/),
      expect.stringMatching(/measure it with a multimeter \(`hpadvise measure source`\) -> null$/),
    ]);
  });
});

describe("check-amp --source with an id not in the catalog", () => {
  it("says the same three ways on after its did-you-mean", async () => {
    const r = await runCli(["check-amp", "--headphone", "hd650", "--source", "scarlett-solo-4g"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean scarlett-2i2-4g/);
    expect(r.stderr).toMatch(
      /hint: not in the catalog\? use the generic interface \(--source interface: assumes .*\); or type its figures .*; or measure it .*hpadvise measure source/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { ScriptedPrompter, type Step } from "../helpers/scripted-prompter.js";

function session(steps: Step[], args: string[] = []) {
  const prompter = new ScriptedPrompter(steps);
  const run = runCli(["interactive", ...args], {
    stdinIsTTY: true,
    stdoutIsTTY: true,
    prompter: async () => prompter,
  });
  return { prompter, run };
}

describe("the interactive session", () => {
  it("asks every question, shows the recommendation, and offers next steps", async () => {
    const { prompter, run } = session([
      { name: "roles", answer: { check: ["mixing"] } },
      { name: "budget", answer: { input: "cheap" } }, // refused by the shared validator
      { name: "budget", answer: { input: "500" } },
      { name: "source", answer: { type: "lapt", pick: "laptop" } },
      { name: "own", answer: { type: "m50", pick: "ath-m50x" } },
      { name: "own", answer: { type: "", pick: "__done__" } },
      { name: "maxWeight", answer: { input: "" } },
      { name: "back", answer: { select: null } },
      { name: "next", answer: { select: "explain" } },
      { name: "explain", answer: { type: "hd600", pick: "hd600" } },
      { name: "next", answer: { select: "compare" } },
      { name: "compare", answer: { check: ["hd600", "hi-x65"] } },
      { name: "next", answer: { select: "change" } },
      { name: "change", answer: { select: "budget" } },
      { name: "budget", answer: { input: "" } },
      { name: "next", answer: { select: "quit" } },
    ]);
    const r = await run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(prompter.refused).toEqual(['--budget (US dollars) expects a number, got "cheap"']);
    expect(r.stdout).toContain("Headphones for mixing (budget $500, driven by laptop)");
    expect(r.stdout).toContain(
      "$ hpadvise recommend --role mixing --budget 500 --source laptop --own ath-m50x",
    );
    // explain: the rule-by-rule reasons and the check against the source
    expect(r.stdout).toMatch(
      /Sennheiser HD 600 hd600 {2}good, score [\d.]+, judged on \d+ of \d+ facts\n[\s\S]*\+20 {2}open-back/,
    );
    expect(r.stdout).toContain("$ hpadvise check-amp --headphone hd600 --source laptop --explain");
    // compare, then the changed answer shows a new recommendation and command
    expect(r.stdout).toContain("$ hpadvise compare hd600 hi-x65");
    expect(r.stdout).toContain(
      "$ hpadvise recommend --role mixing --source laptop --own ath-m50x\n",
    );
  });

  it("does not ask what flags already answered", async () => {
    const { prompter, run } = session(
      [{ name: "next", answer: { select: "quit" } }],
      [
        "--role",
        "tracking",
        "--budget",
        "200",
        "--source",
        "interface",
        "--own",
        "ath-m50x",
        "--max-weight",
        "400",
        "--back",
        "closed",
      ],
    );
    const r = await run;
    expect(prompter.asked).toEqual(["next"]);
    expect(r.stdout).toContain("✓ Audio-Technica ATH-M50x: excellent for tracking — closed-back");
  });

  it("shows each role when several are picked, and says when nothing owned serves", async () => {
    const { run } = session(
      [
        { name: "own", answer: { type: "7506", pick: "mdr7506" } },
        { name: "own", answer: { type: "", pick: "__done__" } },
        { name: "next", answer: { select: "quit" } },
      ],
      [
        "--role",
        "tracking",
        "mastering",
        "--budget",
        "5000",
        "--source",
        "none",
        "--max-weight",
        "600",
        "--back",
        "open",
      ],
    );
    const r = await run;
    expect(r.stdout).toContain("Headphones for tracking");
    expect(r.stdout).toContain("Headphones for mastering");
    expect(r.stdout).toContain("• Sony MDR-7506: avoid for mastering — closed-back");
    expect(r.stdout).toContain("Nothing you own is good for mastering; add next: ");
  });

  it("fails a script that meets a question it did not expect", async () => {
    const { run } = session([{ name: "budget", answer: { input: "1" } }]);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unexpected question "roles": the script expected "budget"');
  });
});

describe("without a terminal", () => {
  it("exits 2 and names the commands and flags to use instead", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("hpadvise: no terminal to ask questions in");
    expect(r.stderr).toContain(
      "hpadvise recommend --role tracking|mixing|mastering [--budget N] [--source ID]",
    );
  });

  it("shows the result when flags answer the questions", async () => {
    const r = await runCli(["interactive", "--role", "mixing", "--source", "laptop"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("$ hpadvise recommend --role mixing --source laptop");
  });
});

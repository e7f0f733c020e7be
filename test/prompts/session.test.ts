import { describe, expect, it } from "vitest";
import { budgetQuestion, carriedFlags } from "../../src/prompts/session.js";
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
      { name: "compare", answer: { type: "hd600", pick: "hd600" } },
      { name: "compare", answer: { type: "x65", pick: "hi-x65" } },
      { name: "compare", answer: { type: "", pick: "__done__" } },
      { name: "next", answer: { select: "change" } },
      { name: "change", answer: { select: "budget" } },
      { name: "budget", answer: { input: "" } },
      { name: "next", answer: { select: "quit" } },
    ]);
    const r = await run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(prompter.refused).toEqual([
      '--budget (US dollars) expects an amount such as 500, $2,000 or 2k, got "cheap"',
    ]);
    expect(r.stdout).toContain("Headphones for mixing (budget $500, driven by laptop)");
    expect(r.stdout).toContain(
      "$ hpadvise recommend --role mixing --budget 500 --source laptop --own ath-m50x",
    );
    // explain: the rule-by-rule reasons and the check against the source
    expect(r.stdout).toMatch(
      /Sennheiser HD 600 hd600 {2}good \(could be excellent\), score [\d.]+, judged on \d+ of \d+ facts\n[\s\S]*\+20 {2}open-back/,
    );
    expect(r.stdout).toContain("$ hpadvise check-amp --headphone hd600 --source laptop --explain");
    // compare, then the changed answer shows a new recommendation and command
    // Compare ends with compare's own conclusion, on the session's source.
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(/→ For mixing: 1\. (hd600|hi-x65) .*On laptop: /);
    // One role asked: the command concludes for it alone, as the session did.
    expect(r.stdout).toContain("$ hpadvise compare hd600 hi-x65 --role mixing --source laptop");
    expect(r.stdout).toContain(
      "$ hpadvise recommend --role mixing --source laptop --own ath-m50x\n",
    );
  });

  it("Check another source re-checks the shortlist on it, not the whole tables again", async () => {
    const { prompter, run } = session(
      [
        { name: "next", answer: { select: "source" } },
        { name: "source", answer: { type: "lapt", pick: "laptop" } },
        { name: "next", answer: { select: "quit" } },
      ],
      [
        ...["--role", "mastering", "--budget", "5000", "--source", "interface"],
        ...["--own", "hd600", "--max-weight", "1000", "--back", "open"],
      ],
    );
    const r = await run;
    expect(r.stderr).toBe("");
    expect(prompter.remaining).toBe(0);
    const after = r.stdout.slice(r.stdout.indexOf("Your mastering shortlist on laptop"));
    expect(after).toMatch(
      /^Your mastering shortlist on laptop\n( {2}\S+: (ok|marginal|insufficient|unknown|not judged).*\n){5}/,
    );
    // The tables are not printed again.
    expect(after).not.toContain("Headphones for mastering");
    expect(after).toMatch(/\$ hpadvise recommend --role mastering .*--source laptop/);
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

  it("goes back to the previous question from any question after the first", async () => {
    const { prompter, run } = session([
      { name: "roles", answer: { check: ["mastering"] } },
      { name: "budget", answer: { input: "<" } }, // back to roles
      { name: "roles", answer: { check: ["mixing"] } },
      { name: "budget", answer: { input: "2k" } },
      { name: "source", answer: { type: "", pick: "__back__" } }, // back to budget
      { name: "budget", answer: { input: "$2,000" } },
      { name: "source", answer: { type: "lapt", pick: "laptop" } },
      { name: "own", answer: { type: "back", pick: "__back__" } }, // typed to find it
      { name: "source", answer: { type: "phone", pick: "phone" } },
      { name: "own", answer: { type: "", pick: "__done__" } },
      { name: "maxWeight", answer: { input: "<" } },
      { name: "own", answer: { type: "", pick: "__done__" } },
      { name: "maxWeight", answer: { input: "" } },
      { name: "back", answer: { select: "__back__" } },
      { name: "maxWeight", answer: { input: "400" } },
      { name: "back", answer: { select: null } },
      { name: "next", answer: { select: "quit" } },
    ]);
    const r = await run;
    expect(r.stderr).toBe("");
    expect(prompter.remaining).toBe(0);
    expect(prompter.refused).toEqual([]);
    expect(r.stdout).toContain(
      "$ hpadvise recommend --role mixing --budget 2000 --source phone --max-weight 400",
    );
  });

  it("leaves Compare, Explain and Change an answer without Ctrl+C", async () => {
    const { prompter, run } = session(
      [
        { name: "next", answer: { select: "compare" } },
        { name: "compare", answer: { type: "", pick: "__back__" } },
        { name: "next", answer: { select: "explain" } },
        { name: "explain", answer: { type: "", pick: "__back__" } },
        { name: "next", answer: { select: "change" } },
        { name: "change", answer: { select: "__back__" } },
        { name: "next", answer: { select: "change" } },
        { name: "change", answer: { select: "budget" } },
        { name: "budget", answer: { input: "<" } }, // back: the budget stays
        { name: "next", answer: { select: "quit" } },
      ],
      [
        "--role",
        "mixing",
        "--budget",
        "300",
        "--source",
        "none",
        "--own",
        "hd600",
        "--max-weight",
        "500",
        "--back",
        "open",
      ],
    );
    const r = await run;
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(r.stdout).not.toContain("$ hpadvise compare");
    expect(r.stdout).not.toContain("Why, rule by rule");
    // The recommendation was shown once: nothing changed.
    expect(r.stdout.match(/Headphones for mixing/g)).toHaveLength(1);
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

  it("offers a plan across the roles when more than one is picked", async () => {
    const flags = [
      "--role",
      "mixing",
      "--role",
      "mastering",
      "--source",
      "laptop",
      "--own",
      "hd650",
    ];
    const { prompter, run } = session(
      [
        { name: "budget", answer: { input: "" } },
        { name: "next", answer: { select: "plan" } },
        { name: "next", answer: { select: "change" } },
        { name: "change", answer: { select: "budget" } },
        { name: "budget", answer: { input: "2000" } },
        { name: "next", answer: { select: "plan" } },
        { name: "next", answer: { select: "quit" } },
      ],
      [...flags, "--max-weight", "600", "--back", "open", "--no-config"],
    );
    const r = await run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    // No budget yet: the plan asks for one.
    expect(r.stdout).toContain("A plan needs a budget");
    expect(r.stdout).toContain("A setup for mixing, mastering (budget $2,000, driven by laptop)");
    // The answer is the plan's total, not a ceiling per headphone.
    expect(r.stdout).toMatch(/Within the budget: (about )?\$[\d,]+ of \$2,000[ .]/);
    expect(r.stdout).toContain(
      "$ hpadvise plan --budget 2000 --roles mixing,mastering --source laptop --own hd650",
    );
  });

  it("says which budget it asks for: a ceiling per headphone for one role, a total for a setup", () => {
    expect(budgetQuestion(["mixing"])).toMatch(/^Most you would spend on one headphone/);
    expect(budgetQuestion(["mixing", "mastering"])).toMatch(
      /^Total budget for the whole setup in US dollars, spent across mixing, mastering/,
    );
  });

  it("with one role, offers no plan", async () => {
    const { run } = session(
      [{ name: "next", answer: { select: "plan" } }],
      [
        "--role",
        "mixing",
        "--budget",
        "500",
        "--source",
        "laptop",
        "--own",
        "hd650",
        "--max-weight",
        "600",
        "--back",
        "open",
        "--no-config",
      ],
    );
    const r = await run;
    expect(r.stderr).toMatch(/has no choice "plan"/);
  });
});

describe("Compare in the guided session: a search, one model a pick", () => {
  // Every question answered by flags; the session opens on its next steps.
  const answered = [
    ...["--role", "mixing", "--budget", "1000", "--source", "none", "--own", "hd600"],
    ...["--max-weight", "1000", "--back", "open", "--no-config"],
  ];
  const values = (choices: { value: unknown }[]) => choices.map((c) => c.value);

  it('searches "hd6", picks two models (one owned, marked), compares, and ends with compare\'s conclusion', async () => {
    const { prompter, run } = session(
      [
        { name: "next", answer: { select: "compare" } },
        { name: "compare", answer: { type: "hd6", pick: "hd600" } },
        { name: "compare", answer: { type: "hd6", pick: "hd650" } },
        { name: "compare", answer: { type: "", pick: "__done__" } },
        { name: "next", answer: { select: "quit" } },
      ],
      answered,
    );
    const r = await run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    const [first, second, third] = prompter.offered;
    // The search covers the whole catalog, what you own included and marked.
    expect(first?.choices).toContainEqual(
      expect.objectContaining({ value: "hd600", name: "Sennheiser HD 600 (yours)" }),
    );
    expect(values(first?.choices ?? [])).toEqual(expect.arrayContaining(["hd650", "hd660s"]));
    expect(first?.choices.every((c) => `${c.name} ${c.value}`.toLowerCase().includes("hd6"))).toBe(
      true,
    );
    // Nothing to compare with one model: "Compare these" comes with the second pick.
    expect(values(second?.choices ?? [])).not.toContain("__done__");
    expect(second?.message).toMatch(/^Compare hd600 with\? .*pick one more/);
    expect(third?.choices[0]).toEqual(
      expect.objectContaining({ name: "Compare these 2: hd600, hd650", value: "__done__" }),
    );
    // The same comparison and conclusion `compare` prints, and its command line.
    const direct = await runCli(["compare", "hd600", "hd650", "--role", "mixing", "--no-config"]);
    expect(direct.code).toBe(0);
    expect(direct.stdout).toMatch(/→ For mixing: 1\. hd6[05]0/);
    expect(r.stdout).toContain(direct.stdout);
    // The session ran with --no-config, so its command says so too.
    expect(r.stdout).toContain("$ hpadvise compare hd600 hd650 --role mixing --no-config\n");
  });

  it("offers the shortlist shown first when nothing is typed, then what you own, then Back", async () => {
    // The HD 800 S is over the budget: not shown, so offered after the shortlist, as yours.
    const flags = ["--role", "mixing", "--budget", "1000", "--own", "hd800s", "--back", "open"];
    const { prompter, run } = session(
      [
        { name: "next", answer: { select: "compare" } },
        { name: "compare", answer: { type: "", pick: "__back__" } },
        { name: "next", answer: { select: "quit" } },
      ],
      [...flags, "--source", "none", "--max-weight", "1000", "--no-config"],
    );
    const r = await run;
    expect(r.stderr).toBe("");
    const json = await runCli([
      "recommend",
      ...flags,
      "--max-weight",
      "1000",
      "--no-config",
      "--json",
    ]);
    const top = (JSON.parse(json.stdout).results as { id: string }[]).slice(0, 5).map((x) => x.id);
    expect(top).toHaveLength(5);
    expect(top).not.toContain("hd800s");
    const offered = prompter.offered[0]?.choices ?? [];
    expect(values(offered)).toEqual([...top, "hd800s", "__back__"]);
    expect(offered[5]?.name).toBe("Sennheiser HD 800 S (yours)");
    expect(r.stdout).not.toContain("$ hpadvise compare");
  });

  it("does not offer a picked model again, typed or not", async () => {
    const { prompter, run } = session(
      [
        { name: "next", answer: { select: "compare" } },
        { name: "compare", answer: { type: "", pick: "hd600" } },
        { name: "compare", answer: { type: "hd6", pick: "hd650" } },
        { name: "compare", answer: { type: "", pick: "__back__" } },
        { name: "next", answer: { select: "quit" } },
      ],
      answered,
    );
    const r = await run;
    expect(r.stderr).toBe("");
    expect(prompter.remaining).toBe(0);
    const [first, typed, last] = prompter.offered;
    expect(values(first?.choices ?? [])).toContain("hd600"); // in the shortlist shown
    // Typed, the whole catalog is searched, the picked model left out.
    expect(values(typed?.choices ?? [])).toContain("hd650");
    expect(values(typed?.choices ?? [])).not.toContain("hd600");
    // Nor offered with nothing typed, while "Compare these 2" is, first.
    expect(values(last?.choices ?? [])).not.toContain("hd600");
    expect(values(last?.choices ?? [])).not.toContain("hd650");
    expect(values(last?.choices ?? [])[0]).toBe("__done__");
    // Back leaves Compare with nothing compared.
    expect(r.stdout).not.toContain("$ hpadvise compare");
  });
});

describe("the flags a session carries into the commands it prints", () => {
  it("files, weights, curves and --no-config, a path with a space quoted for the shell", () => {
    const o = {
      config: false,
      catalog: ["mine.yaml", "/tmp/my dir/x.yaml"],
      rules: "w.yaml",
      target: "/home/me/it's.csv",
      measurements: "AutoEq/measurements",
    };
    expect(carriedFlags(o)).toEqual([
      "--no-config",
      "--catalog",
      "mine.yaml",
      "--catalog",
      "'/tmp/my dir/x.yaml'",
      "--rules",
      "w.yaml",
      "--target",
      "'/home/me/it'\\''s.csv'",
      "--measurements",
      "AutoEq/measurements",
    ]);
    // plan and compare take no weights file
    expect(carriedFlags(o, { rules: false })).not.toContain("--rules");
    expect(carriedFlags({})).toEqual([]);
  });
});

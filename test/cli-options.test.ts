/**
 * The argv → options boundary: for each command, a few argument lists and
 * the exact options object its `run*` function receives. Commander hands
 * actions untyped options; each expected object below `satisfies` the
 * command's options type, so a misspelled option fails to compile here, and
 * one the program spells differently fails the comparison.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildProgram, run } from "../src/cli.js";
import type { AddOptions } from "../src/commands/add.js";
import type { CheckAmpOptions } from "../src/commands/check-amp.js";
import type { CompareOptions } from "../src/commands/compare.js";
import type { IdsOptions } from "../src/commands/completion.js";
import type { ConfigOptions } from "../src/commands/config.js";
import type { FrAnalyzeOptions, FrClosestOptions } from "../src/commands/fr.js";
import type { InteractiveOptions } from "../src/commands/interactive.js";
import type { ListOptions } from "../src/commands/list.js";
import type { MeasureOptions } from "../src/commands/measure.js";
import type { PlanOptions } from "../src/commands/plan.js";
import type { RecommendOptions } from "../src/commands/recommend.js";
import type { ShowOptions } from "../src/commands/show.js";
import type { ValidateOptions } from "../src/commands/validate.js";
import type { Context } from "../src/context.js";
import { parsePower, parseSensitivity, parseVout } from "../src/figures.js";

const calls = vi.hoisted(() => [] as { fn: string; args: unknown[] }[]);
const spy =
  (fn: string) =>
  async (_ctx: unknown, ...args: unknown[]) => {
    calls.push({ fn, args });
  };

vi.mock("../src/commands/add.js", () => ({ runAdd: spy("runAdd") }));
vi.mock("../src/commands/check-amp.js", () => ({ runCheckAmp: spy("runCheckAmp") }));
vi.mock("../src/commands/compare.js", () => ({ runCompare: spy("runCompare") }));
vi.mock("../src/commands/completion.js", () => ({
  runCompletion: spy("runCompletion"),
  runIds: spy("runIds"),
}));
vi.mock("../src/commands/config.js", () => ({ runConfig: spy("runConfig") }));
vi.mock("../src/commands/fr.js", () => ({
  runFrAnalyze: spy("runFrAnalyze"),
  runFrClosest: spy("runFrClosest"),
}));
vi.mock("../src/commands/interactive.js", () => ({ runInteractive: spy("runInteractive") }));
vi.mock("../src/commands/list.js", () => ({ runList: spy("runList") }));
vi.mock("../src/commands/measure.js", () => ({ runMeasure: spy("runMeasure") }));
vi.mock("../src/commands/plan.js", () => ({ runPlan: spy("runPlan") }));
vi.mock("../src/commands/recommend.js", () => ({ runRecommend: spy("runRecommend") }));
vi.mock("../src/commands/show.js", () => ({ runShow: spy("runShow") }));
vi.mock("../src/commands/validate.js", () => ({ runValidate: spy("runValidate") }));

let stderr = "";
const ctx: Context = {
  stdout: { write: () => {} },
  stderr: {
    write: (s) => {
      stderr += s;
    },
  },
  stdoutIsTTY: false,
  stdinIsTTY: false,
  color: false,
  columns: 80,
  env: {},
  cwd: "/nowhere",
  packageRoot: "/nowhere",
};

beforeEach(() => {
  calls.length = 0;
  stderr = "";
});

/** What `hpadvise ARGV` hands its command: the function called and its options. */
async function received(argv: string[]): Promise<{ fn: string; args: unknown[] }> {
  const code = await run(ctx, argv);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(calls).toHaveLength(1);
  return calls[0] as { fn: string; args: unknown[] };
}

type Row = [argv: string, fn: string, options: object];
const row = <T extends object>(argv: string, fn: string, options: T): Row => [argv, fn, options];

// --no-config gives every command that takes it `config: true` unless it is given.
const rows: Row[] = [
  row("recommend --role mastering", "runRecommend", {
    role: "mastering",
    config: true,
  } satisfies RecommendOptions),
  row("recommend --role mixing --target t.csv", "runRecommend", {
    role: "mixing",
    target: "t.csv",
    config: true,
  } satisfies RecommendOptions),
  row(
    "recommend --role tracking --budget 500 --source laptop --own hd650 mdr7506 --back closed --driver dynamic --max-weight 300 --top 5 --explain --json --rules r.yaml --catalog a.yaml --catalog b.yaml --no-config",
    "runRecommend",
    {
      role: "tracking",
      budget: 500,
      source: "laptop",
      own: ["hd650", "mdr7506"],
      back: "closed",
      driver: "dynamic",
      maxWeight: 300,
      top: 5,
      explain: true,
      json: true,
      rules: "r.yaml",
      catalog: ["a.yaml", "b.yaml"],
      config: false,
    } satisfies RecommendOptions,
  ),
  row("recommend --role mixing --vout 2V@32 --vout +13dBu@300 --zout 10", "runRecommend", {
    role: "mixing",
    vout: [parseVout("2V@32"), parseVout("+13dBu@300")],
    zout: 10,
    config: true,
  } satisfies RecommendOptions),
  row("plan --budget 200 --source laptop", "runPlan", {
    budget: 200,
    source: "laptop",
    config: true,
  } satisfies PlanOptions),
  row(
    "plan --budget 4000 --own hd650 ath-m50x --roles mixing,mastering --json --no-config",
    "runPlan",
    {
      budget: 4000,
      own: ["hd650", "ath-m50x"],
      roles: ["mixing", "mastering"],
      json: true,
      config: false,
    } satisfies PlanOptions,
  ),
  row("interactive --role tracking --role mixing --budget 300 --back open", "runInteractive", {
    role: ["tracking", "mixing"],
    budget: 300,
    back: "open",
    config: true,
  } satisfies InteractiveOptions),
  // Options without a command are the guided session's.
  row("--source laptop --own hd600 --max-weight 350", "runInteractive", {
    source: "laptop",
    own: ["hd600"],
    maxWeight: 350,
    config: true,
  } satisfies InteractiveOptions),
  row("compare hd650 dt1990pro", "runCompare", {
    ids: ["hd650", "dt1990pro"],
    config: true,
  } satisfies CompareOptions),
  row(
    "compare hd650 dt1990pro --role mixing --source scarlett-2i2-4g --json --html c.html",
    "runCompare",
    {
      ids: ["hd650", "dt1990pro"],
      role: "mixing",
      source: "scarlett-2i2-4g",
      json: true,
      html: "c.html",
      config: true,
    } satisfies CompareOptions,
  ),
  row("list", "runList", { what: "headphones", config: true } satisfies ListOptions),
  row("list sources --json", "runList", {
    what: "sources",
    json: true,
    config: true,
  } satisfies ListOptions),
  row("list headphones --back open --driver planar --max-price 500", "runList", {
    what: "headphones",
    back: "open",
    driver: "planar",
    maxPrice: 500,
    config: true,
  } satisfies ListOptions),
  row("show hd800s", "runShow", { id: "hd800s", config: true } satisfies ShowOptions),
  row("show hd650 --json --catalog mine.yaml", "runShow", {
    id: "hd650",
    json: true,
    catalog: ["mine.yaml"],
    config: true,
  } satisfies ShowOptions),
  row("check-amp --headphone hd800s --source laptop", "runCheckAmp", {
    headphone: "hd800s",
    source: "laptop",
    config: true,
  } satisfies CheckAmpOptions),
  row(
    "check-amp --headphone utopia --source grace-m902 --role mastering --target-spl 112 --eq-headroom 8 --explain --json --html u.html",
    "runCheckAmp",
    {
      headphone: "utopia",
      source: "grace-m902",
      role: "mastering",
      targetSpl: 112,
      eqHeadroom: 8,
      explain: true,
      json: true,
      html: "u.html",
      config: true,
    } satisfies CheckAmpOptions,
  ),
  row(
    "check-amp --impedance 300 --sensitivity 97dB/mW --power 100mW@32 --current-limit 50 --fr a.csv --target t.csv",
    "runCheckAmp",
    {
      impedance: 300,
      sensitivity: parseSensitivity("97dB/mW"),
      power: [parsePower("100mW@32")],
      currentLimit: 50,
      fr: "a.csv",
      target: "t.csv",
      config: true,
    } satisfies CheckAmpOptions,
  ),
  row("fr analyze hd650.csv", "runFrAnalyze", {
    file: "hd650.csv",
    config: true,
  } satisfies FrAnalyzeOptions),
  row("fr analyze hd650.csv --no-config", "runFrAnalyze", {
    file: "hd650.csv",
    config: false,
  } satisfies FrAnalyzeOptions),
  row("fr analyze a.csv --target t.csv --rig gras --json --html a.html", "runFrAnalyze", {
    file: "a.csv",
    target: "t.csv",
    rig: "gras",
    json: true,
    html: "a.html",
    config: true,
  } satisfies FrAnalyzeOptions),
  row("fr analyze a.csv --target t.csv --peq eq.txt", "runFrAnalyze", {
    file: "a.csv",
    target: "t.csv",
    peq: "eq.txt",
    config: true,
  } satisfies FrAnalyzeOptions),
  row("fr closest a.csv --among m --top 3 --rig gras --json", "runFrClosest", {
    file: "a.csv",
    among: "m",
    top: 3,
    rig: "gras",
    json: true,
  } satisfies FrClosestOptions),
  row(
    "add headphone --id cans --brand Ex --model Cans --back closed --driver dynamic --impedance 32 --sensitivity 100dB/V --price 99 --ref box",
    "runAdd",
    {
      what: "headphone",
      id: "cans",
      brand: "Ex",
      model: "Cans",
      back: "closed",
      driver: "dynamic",
      impedance: 32,
      sensitivity: parseSensitivity("100dB/V"),
      price: 99,
      ref: "box",
    } satisfies AddOptions,
  ),
  row("add source --brand Ex --model Box --type interface --vout 1.2V@32 --zout 10", "runAdd", {
    what: "source",
    brand: "Ex",
    model: "Box",
    type: "interface",
    vout: [parseVout("1.2V@32")],
    zout: 10,
  } satisfies AddOptions),
  row("measure source --tone tone.wav", "runMeasure", {
    tone: "tone.wav",
  } satisfies MeasureOptions),
  row(
    "measure source --level-dbfs -3 --unloaded 1.00 --loaded 0.80 --load-ohms 33 --save my-if --brand Ex --model Box --type interface --json",
    "runMeasure",
    {
      levelDbfs: -3,
      unloaded: 1,
      loaded: 0.8,
      loadOhms: 33,
      save: "my-if",
      brand: "Ex",
      model: "Box",
      type: "interface",
      json: true,
    } satisfies MeasureOptions,
  ),
  row("config set source scarlett-2i2-4g", "runConfig", {
    action: "set",
    key: "source",
    values: ["scarlett-2i2-4g"],
  } satisfies ConfigOptions),
  row("config set own hd600 ath-m50x --catalog mine.yaml", "runConfig", {
    action: "set",
    key: "own",
    values: ["hd600", "ath-m50x"],
    catalog: ["mine.yaml"],
  } satisfies ConfigOptions),
  row("config get budget", "runConfig", {
    action: "get",
    key: "budget",
    values: undefined,
  } satisfies ConfigOptions),
  row("config unset own", "runConfig", {
    action: "unset",
    key: "own",
    values: undefined,
  } satisfies ConfigOptions),
  row("config show --json", "runConfig", {
    action: "show",
    json: true,
    key: undefined,
    values: undefined,
  } satisfies ConfigOptions),
  row("config path", "runConfig", {
    action: "path",
    key: undefined,
    values: undefined,
  } satisfies ConfigOptions),
  row("validate a.yaml b.yaml", "runValidate", {
    files: ["a.yaml", "b.yaml"],
    builtin: undefined,
    coverage: undefined,
  } satisfies ValidateOptions),
  row("validate --builtin --catalog c.yaml a.yaml", "runValidate", {
    files: ["c.yaml", "a.yaml"],
    builtin: true,
    coverage: undefined,
  } satisfies ValidateOptions),
  row("validate --builtin --coverage", "runValidate", {
    files: [],
    builtin: true,
    coverage: true,
  } satisfies ValidateOptions),
  row("ids sources --catalog mine.yaml", "runIds", {
    what: "sources",
    catalog: ["mine.yaml"],
    config: true,
  } satisfies IdsOptions),
  row("ids", "runIds", { what: "all", config: true } satisfies IdsOptions),
];

describe("argv → the options each command receives", () => {
  it.each(rows)("hpadvise %s", async (argv, fn, options) => {
    const call = await received(argv.split(" "));
    expect(call.fn).toBe(fn);
    // toStrictEqual: an option present as undefined would be a difference too.
    expect(call.args[0]).toStrictEqual(options);
  });

  it("hpadvise completion bash: the shell, and the catalogs named", async () => {
    const call = await received(["completion", "bash", "--catalog", "mine.yaml"]);
    expect(call.fn).toBe("runCompletion");
    expect(call.args[0]).toBe("bash");
    expect(call.args[2]).toEqual(["mine.yaml"]);
  });

  it("every command the program has is in the table", () => {
    const named = new Set([...rows.map(([argv]) => argv.split(" ")[0]), "completion"]);
    const commands = buildProgram(ctx).commands.map((c) => c.name());
    expect(commands.length).toBeGreaterThan(10);
    for (const name of commands) expect(named.has(name), `${name} has no row`).toBe(true);
  });
});

describe("a request declares the command it names", () => {
  const every = buildProgram(ctx).commands.map((c) => c.name());

  it.each(every.filter((name) => name !== "completion"))(
    "hpadvise %s: that command alone",
    (name) => {
      expect(buildProgram(ctx, name).commands.map((c) => c.name())).toEqual([name]);
    },
  );

  it.each(["completion", "help", "recomend", "--help"])("hpadvise %s: every command", (name) => {
    expect(buildProgram(ctx, name).commands.map((c) => c.name())).toEqual(every);
  });
});

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { packageRoot, runCli } from "../helpers/run-cli.js";

function home() {
  const dir = mkdtempSync(join(tmpdir(), "hpadvise-config-"));
  const env = { XDG_CONFIG_HOME: dir };
  const file = join(dir, "hpadvise", "config.yaml");
  const cli = (args: string[]) => runCli(args, { env });
  const write = (text: string) => {
    mkdirSync(join(dir, "hpadvise"), { recursive: true });
    writeFileSync(file, text);
  };
  return { dir, env, file, cli, write };
}

describe("hpadvise config", () => {
  it("round-trips set, get, show, unset and path", async () => {
    const h = home();
    expect((await h.cli(["config", "path"])).stdout).toBe(`${h.file}\n`);
    const set = await h.cli(["config", "set", "source", "Scarlett 2i2 4th Gen"]);
    expect(set.code).toBe(0);
    expect(set.stderr).toBe(`source: scarlett-2i2-4g, saved in ${h.file}\n`);
    await h.cli(["config", "set", "own", "HD600", "ath-m50x", "hd600"]);
    await h.cli(["config", "set", "budget", "450"]);
    expect(parse(readFileSync(h.file, "utf8"))).toEqual({
      source: "scarlett-2i2-4g",
      own: ["hd600", "ath-m50x"],
      budget: 450,
    });
    expect((await h.cli(["config", "get", "own"])).stdout).toBe("hd600 ath-m50x\n");
    expect((await h.cli(["config", "get", "budget"])).stdout).toBe("450\n");
    const show = await h.cli(["config", "show", "--json"]);
    expect(JSON.parse(show.stdout)).toMatchObject({ file: h.file, source: "scarlett-2i2-4g" });
    await h.cli(["config", "unset", "budget"]);
    const got = await h.cli(["config", "get", "budget"]);
    expect(got.stdout).toBe("");
    expect(got.stderr).toMatch(/budget is not set/);
  });

  it("keeps the user's comments and order", async () => {
    const h = home();
    h.write("# my desk\nbudget: 300 # for now\nsource: interface\n");
    await h.cli(["config", "set", "own", "hd600"]);
    await h.cli(["config", "set", "budget", "350"]);
    expect(readFileSync(h.file, "utf8")).toBe(
      "# my desk\nbudget: 350 # for now\nsource: interface\nown: [ hd600 ]\n",
    );
  });

  it("refuses unknown ids and bad budgets with did-you-mean, writing nothing", async () => {
    const h = home();
    const r = await h.cli(["config", "set", "source", "scarlet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean scarlett-2i2-3g, scarlett-2i2-4g or scarlett-4i4-4g\?/);
    expect((await h.cli(["config", "set", "budget", "cheap"])).stderr).toMatch(/--budget/);
    expect((await h.cli(["config", "set", "colour", "red"])).code).toBe(2);
    expect((await h.cli(["config", "show"])).stdout).toMatch(/not written yet/);
  });

  it("is used as defaults, said so on stderr; a flag wins; --no-config ignores it", async () => {
    const h = home();
    h.write("source: laptop\nown: [ath-m50x]\nbudget: 200\n");
    const r = await h.cli(["recommend", "--role", "tracking", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "source: laptop, from your config\nown: ath-m50x, from your config\nbudget: 200, from your config\n",
    );
    const rec = JSON.parse(r.stdout);
    expect(rec).toMatchObject({
      source: { id: "laptop" },
      budgetUsd: 200,
      owned: [expect.objectContaining({ id: "ath-m50x" })],
    });

    const flag = await h.cli(["recommend", "--role", "tracking", "--source", "phone", "--json"]);
    expect(JSON.parse(flag.stdout).source.id).toBe("phone");
    expect(flag.stderr).not.toMatch(/source: laptop/);

    const none = await h.cli(["recommend", "--role", "tracking", "--no-config", "--json"]);
    expect(none.stderr).toBe("");
    expect(JSON.parse(none.stdout)).toMatchObject({ source: null, budgetUsd: null });

    const check = await h.cli(["check-amp", "--headphone", "ath-m50x", "--json"]);
    expect(JSON.parse(check.stdout).source.id).toBe("laptop");
    expect(check.stderr).toBe("source: laptop, from your config\n");

    const compare = await h.cli(["compare", "hd600", "--json"]);
    expect(JSON.parse(compare.stdout).headphones.map((x: { id: string }) => x.id)).toEqual([
      "hd600",
      "ath-m50x",
    ]);
  });

  it("a config naming an id that is gone gets did-you-mean and says it is the config's", async () => {
    const h = home();
    h.write("source: scarlett-2i2-5g\n");
    const r = await h.cli(["check-amp", "--headphone", "hd600"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /unknown source "scarlett-2i2-5g": did you mean .*scarlett-2i2-4g.*\(named by `source` in your config, .*config\.yaml\)/,
    );
    expect(r.stderr).toMatch(/hint: .*config unset source/);
  });

  it.each([
    [
      "budget: 1e308\n",
      /config\.yaml:1:9: budget: expected a budget in US dollars, found 1e\+308 \(1 to 100000, as --budget\)/,
    ],
    [
      `own: [${Array.from({ length: 10_000 }, (_, i) => `hd${i}`).join(", ")}]\n`,
      /config\.yaml:1:6: own: expected at most 64 headphone ids, found 10000\n/,
    ],
    [
      `own: [${Array.from({ length: 50 }, (_, i) => `hd${i}`).join(", ")}, "Bad Id"]\n`,
      /own: expected a list of headphone ids, found \["hd0",.{50,80}\.\.\.\n/,
    ],
    [
      `# ${"x".repeat(2 * 1024 * 1024)}\nbudget: 300\n`,
      /config\.yaml: is larger than 1 MB, the limit for a config file/,
    ],
  ])("a config past its bounds is refused in one bounded line: %#", async (text, message) => {
    const h = home();
    h.write(text);
    const r = await h.cli(["recommend", "--role", "mixing"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it.each([
    ["budget: [\n", /config\.yaml:2:1: YAML syntax/],
    ["budget: cheap\n", /config\.yaml:1:9: budget: expected a budget in US dollars, found "cheap"/],
    ["own: hd600\n", /config\.yaml:1:6: own: expected a list of headphone ids/],
    ["sorce: laptop\n", /config\.yaml:1:1: sorce: unknown setting "sorce"/],
    ["- laptop\n", /config\.yaml:1:1: expected a mapping of source, own, budget/],
  ])("a broken config is an error with file, line and column: %j", async (text, message) => {
    const h = home();
    h.write(text);
    const r = await h.cli(["recommend", "--role", "mixing"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    // --no-config still works.
    expect((await h.cli(["recommend", "--role", "mixing", "--no-config"])).code).toBe(0);
  });

  it("names every problem once, in the order they stand in the file", async () => {
    const h = home();
    h.write('budget:\nsorce: x\nown: [hd600, "Bad Id", "Worse Id"]\n');
    const r = await h.cli(["recommend", "--role", "mixing"]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split("\n").filter((l) => l.includes("config.yaml:"));
    expect(lines.map((l) => l.replace(/^.*config\.yaml:/, ""))).toEqual([
      "1:8: budget: expected a budget in US dollars, found null (1 to 100000, as --budget)",
      '2:1: sorce: unknown setting "sorce" (expected one of source, own, budget, target, measurements)',
      '3:6: own: expected a list of headphone ids, found ["hd600","Bad Id","Worse Id"]',
    ]);
  });

  it("never leaves a corrupt file when processes write at once", async () => {
    const h = home();
    const bin = join(packageRoot, "bin", "hpadvise.js");
    const runs = (args: string[]) =>
      new Promise<number | null>((resolve) => {
        const p = spawn(process.execPath, [bin, ...args], {
          env: { PATH: process.env.PATH ?? "", ...h.env },
          stdio: "ignore",
        });
        p.on("close", resolve);
      });
    const budgets = Array.from({ length: 8 }, (_, i) => String(100 + i));
    const codes = await Promise.all([
      ...budgets.map((b) => runs(["config", "set", "budget", b])),
      runs(["config", "set", "source", "laptop"]),
      runs(["config", "set", "own", "hd600"]),
    ]);
    expect(codes.every((c) => c === 0)).toBe(true);
    const config = parse(readFileSync(h.file, "utf8"));
    // Every writer's change landed: none was lost to another's rewrite.
    expect(config.source).toBe("laptop");
    expect(config.own).toEqual(["hd600"]);
    expect(budgets.map(Number)).toContain(config.budget);
  });
});

describe("the guided session with a config", () => {
  it("takes the config's answers as given, and says so", async () => {
    const h = home();
    h.write("source: laptop\nbudget: 300\n");
    const r = await h.cli(["interactive", "--role", "mixing"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("source: laptop, from your config\nbudget: 300, from your config\n");
    expect(r.stdout).toContain("budget $300, driven by laptop");
  });
});

describe("no home to keep your files in", () => {
  it.each([
    [["config", "path"], "config"],
    [
      [
        "add",
        "headphone",
        "--id",
        "x",
        "--brand",
        "B",
        "--model",
        "M",
        "--back",
        "open",
        "--driver",
        "dynamic",
      ],
      "personal catalog",
    ],
  ])("%j says where it cannot write, and how to fix it", async (argv, what) => {
    const r = await runCli(argv, { env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `cannot tell where your ${what} lives: neither XDG_CONFIG_HOME nor HOME is set`,
    );
    expect(r.stderr).toContain("hint: set XDG_CONFIG_HOME");
  });
});

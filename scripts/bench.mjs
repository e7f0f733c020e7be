#!/usr/bin/env node
// npm run bench [-- --rounds N] [--json FILE] [--quick] [--node PATH]... [--builtin-only]
//
// Whole-process wall time of the built CLI, as the median of repeated runs,
// each round interleaving bare `node -e 0` with every command so that machine
// noise hits both alike; the ratio is command median / node median. The
// built-in commands on each Node users run (20, 22 and 24, found with npx),
// from the second run and the first. Also: peak memory (max RSS) of the
// 10,000-model run, and how ranking and checking cost grows with catalog size
// (1k, 10k, 100k models), in process.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { benchDir, ensureCatalog, ensureMeasurements, root } from "./bench-catalog.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "21" },
    json: { type: "string" },
    quick: { type: "boolean", default: false },
    // Another Node to time the built-in commands with (repeatable); one of
    // release line 20, 22 or 24 stands for that line instead of npx's.
    node: { type: "string", multiple: true, default: [] },
    // Only the built-in commands on each Node.
    "builtin-only": { type: "boolean", default: false },
  },
});
const rounds = values.quick ? 7 : Number(values.rounds);
const firstRuns = values.quick ? 3 : 5;
const bin = `${root}bin/hpadvise.js`;

if (!existsSync(`${root}dist/cli.cjs`))
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });

// A cache folder of the bench's own: another checkout's build, sharing the
// user's, would replace the code caches and the user-catalog cache between runs.
// No config of the user's either (an empty config folder): the one row that
// reads a config names its own.
mkdirSync(`${benchDir}/no-config`, { recursive: true });
mkdirSync(`${benchDir}/config/hpadvise`, { recursive: true });
writeFileSync(`${benchDir}/config/hpadvise/config.yaml`, "budget: 5000\n");
const env = {
  ...process.env,
  NO_COLOR: "1",
  HPADVISE_CATALOG: "",
  HPADVISE_CACHE_DIR: `${benchDir}/cache`,
  XDG_CONFIG_HOME: `${benchDir}/no-config`,
};
function once(args, node = process.execPath, e = env) {
  const started = process.hrtime.bigint();
  const r = spawnSync(node, args, { env: e, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pad = (s, n) => String(s).padEnd(n);
const fixed = (x) => Number(x.toFixed(2));

// The built-in commands on each Node, each against that Node's bare start.
const builtins = [
  ["recommend", "--role", "mastering"],
  ["check-amp", "--headphone", "hd800s", "--source", "laptop"],
  ["show", "hd650", "--json"],
  ["--help"],
].map((args) => ({ name: `hpadvise ${args.join(" ")}`, args: [bin, ...args], env: {} }));
// A user who ran `hpadvise config set` has a config file, which every command reads.
builtins.push({
  name: "  the same recommend, with a config file",
  args: [bin, "recommend", "--role", "mastering"],
  env: { XDG_CONFIG_HOME: `${benchDir}/config` },
});
const majorOf = (version) => Number(version.slice(1).split(".")[0]);
// Node 20 is where the targets were first set; 22 and 24 start faster, so the
// same work weighs more against them.
const builtinTarget = (version) => (majorOf(version) === 20 ? 1.3 : 1.6);

/** This Node, each --node, then release lines 20, 22 and 24 from npx where not given. */
function findNodes() {
  const nodes = [];
  const skipped = [];
  const add = (path) => {
    const version = spawnSync(path, ["--version"], { encoding: "utf8" }).stdout?.trim();
    if (!version) skipped.push(`${path}: does not run; skipped`);
    else if (!nodes.some((n) => n.version === version)) nodes.push({ path, version });
  };
  for (const path of [process.execPath, ...values.node]) add(path);
  for (const major of [20, 22, 24]) {
    if (nodes.some((n) => majorOf(n.version) === major)) continue;
    const r = spawnSync("npx", ["-y", "-p", `node@${major}`, "node", "-p", "process.execPath"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (r.status === 0) add(r.stdout.trim());
    else {
      const why = (r.stderr || r.error?.message || "").trim().split("\n").at(-1);
      skipped.push(`Node ${major}: not found (npx -p node@${major}: ${why}); skipped`);
    }
  }
  return { nodes: nodes.sort((a, b) => majorOf(a.version) - majorOf(b.version)), skipped };
}

/**
 * From the second run: each command's code cache written by its warm-up run
 * (in a cache folder of the bench's own per Node). The first run: a new,
 * empty cache folder each time, in the first rounds. Rounds interleave every
 * Node, its bare start and each command.
 */
function benchBuiltins(nodes) {
  const runs = nodes.map((n) => ({
    ...n,
    env: { ...env, HPADVISE_CACHE_DIR: mkdtempSync(`${tmpdir()}/hpadvise-bench-`) },
    base: [],
    warm: builtins.map(() => []),
    first: builtins.map(() => []),
  }));
  for (const n of runs) for (const c of builtins) once(c.args, n.path, { ...n.env, ...c.env });
  for (let r = 0; r < rounds; r++) {
    for (const n of runs) {
      n.base.push(once(["-e", "0"], n.path, n.env));
      for (const [i, c] of builtins.entries()) {
        n.warm[i].push(once(c.args, n.path, { ...n.env, ...c.env }));
        if (r >= firstRuns) continue;
        const cold = {
          ...env,
          ...c.env,
          HPADVISE_CACHE_DIR: mkdtempSync(`${tmpdir()}/hpadvise-bench-`),
        };
        n.first[i].push(once(c.args, n.path, cold));
        rmSync(cold.HPADVISE_CACHE_DIR, { recursive: true, force: true });
      }
    }
  }
  return runs.map((n) => {
    rmSync(n.env.HPADVISE_CACHE_DIR, { recursive: true, force: true });
    const base = median(n.base);
    const target = builtinTarget(n.version);
    return {
      node: n.version,
      nodeMs: fixed(base),
      commands: builtins.map((c, i) => ({
        command: c.name,
        medianMs: fixed(median(n.warm[i])),
        ratio: fixed(median(n.warm[i]) / base),
        target,
        ok: median(n.warm[i]) / base <= target,
        firstRunMs: fixed(median(n.first[i])),
        firstRunRatio: fixed(median(n.first[i]) / base),
      })),
    };
  });
}

const found = findNodes();
const perNode = benchBuiltins(found.nodes);
const builtinLines = [
  ...perNode.flatMap((n) => [
    `built-in commands on Node ${n.node} (node -e 0: ${n.nodeMs} ms): × node from the second run, first run (an empty cache)`,
    ...n.commands.map(
      (r) =>
        `  ${pad(r.command, 60)} ${pad(r.ratio.toFixed(2), 5)} ≤ ${r.target} ${pad(r.ok ? "ok" : "OVER", 5)} first run ${r.firstRunRatio.toFixed(2)}`,
    ),
    "",
  ]),
  ...found.skipped.map((line) => `${line}\n`),
];
const result = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? "unknown",
  rounds,
  firstRuns,
  builtins: perNode,
};
if (values["builtin-only"]) {
  process.stdout.write(
    `${rounds} interleaved rounds, median wall time\n\n${builtinLines.join("\n")}`,
  );
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

const big = ensureCatalog(10_000, 1_000);
const measurements = ensureMeasurements();
const cases = [
  { name: "node -e 0", args: ["-e", "0"], baseline: true },
  {
    // From the second run: the warm-up has cached what each curve gives.
    name: "recommend --role mixing, 25 measured curves",
    args: [
      bin,
      "recommend",
      "--role",
      "mixing",
      "--measurements",
      measurements.dir,
      "--target",
      measurements.target,
    ],
    target: 2,
  },
  {
    name: "recommend, 10,000 headphones + 1,000 sources",
    args: [bin, "recommend", "--role", "mastering", "--catalog", big],
    target: 2.5,
  },
  {
    name: "recommend --json (every model), 10,000 headphones",
    args: [bin, "recommend", "--role", "mastering", "--json", "--catalog", big],
    target: 6,
  },
  // The same catalog, other questions (no target: to see what they cost).
  {
    name: "  10k: recommend --role tracking --budget 500 --source laptop",
    args: [bin, "recommend", "--role", "tracking", "--budget", "500", "--source", "laptop"],
    catalog: big,
  },
  {
    name: "  10k: check-amp --headphone syn-hp-000042 --source laptop",
    args: [bin, "check-amp", "--headphone", "syn-hp-000042", "--source", "laptop"],
    catalog: big,
  },
  { name: "  10k: show syn-hp-000042", args: [bin, "show", "syn-hp-000042"], catalog: big },
].map((c) => (c.catalog ? { ...c, args: [...c.args, "--catalog", c.catalog] } : c));

// One warm-up run of each (the disk cache, the user-catalog cache, the code
// cache), then interleaved rounds.
for (const c of cases) once(c.args);
const times = new Map(cases.map((c) => [c.name, []]));
for (let r = 0; r < rounds; r++) for (const c of cases) times.get(c.name).push(once(c.args));
const base = median(times.get("node -e 0"));

// Interactive mode: time until the first question is on screen, in a real
// pseudo-terminal (util-linux script), against node printing one word the same way.
function firstOutput(command, marker) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      env,
      stdio: ["pipe", "pipe", "ignore"],
    });
    let out = "";
    let shown;
    child.stdout.on("data", (d) => {
      out += d;
      if (shown === undefined && out.includes(marker)) {
        shown = Number(process.hrtime.bigint() - started) / 1e6;
        // Ctrl+C, as a user leaves: the session ends as it would (and writes its code cache).
        child.stdin.write("\x03");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }
    });
    child.on("exit", () =>
      shown === undefined
        ? reject(new Error(`${command} ended before showing ${marker}: ${out}`))
        : resolve(shown),
    );
  });
}
const ptyNode = [];
const ptyFirst = [];
const session = [`${process.execPath} ${bin}`, "What do you use headphones for?"];
await firstOutput(...session);
for (let r = 0; r < Math.max(7, Math.ceil(rounds / 2)); r++) {
  ptyNode.push(
    await firstOutput(`${process.execPath} -e 'process.stdout.write("READY")'`, "READY"),
  );
  ptyFirst.push(await firstOutput(...session));
}
const firstQuestion = {
  command: "hpadvise (interactive), first question on screen",
  medianMs: Number(median(ptyFirst).toFixed(1)),
  nodeMs: Number(median(ptyNode).toFixed(1)),
  ratio: Number((median(ptyFirst) / median(ptyNode)).toFixed(2)),
  target: 1.5,
};
firstQuestion.ok = firstQuestion.ratio <= firstQuestion.target;

// Peak memory of the 10k run: the child reports its own max RSS when it exits.
const rssProbe = `${benchDir}/rss-probe.cjs`;
writeFileSync(
  rssProbe,
  'process.on("exit", () => require("fs").writeSync(3, String(process.resourceUsage().maxRSS)));\n',
);
const probe = spawnSync(
  process.execPath,
  ["--require", rssProbe, bin, "recommend", "--role", "mastering", "--catalog", big],
  {
    env,
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  },
);
const peakMib = Number(probe.output[3]?.toString() ?? "0") / 1024;

// Growth: ranking and checking in process, at 1k, 10k and 100k models.
const growthOut = execFileSync(process.execPath, [`${root}scripts/bench-growth.mjs`], {
  cwd: root,
  encoding: "utf8",
});
const growth = JSON.parse(growthOut);

const rows = cases.map((c) => {
  const ms = median(times.get(c.name));
  const ratio = ms / base;
  return {
    command: c.name,
    medianMs: Number(ms.toFixed(1)),
    ratio: fixed(ratio),
    target: c.target ?? null,
    ok: c.target ? ratio <= c.target : null,
  };
});
Object.assign(result, {
  node: process.version,
  commands: rows,
  firstQuestion,
  peakMemoryMib10k: Number(peakMib.toFixed(1)),
  peakMemoryTargetMib: 150,
  growth,
});

const lines = [
  `${rounds} interleaved rounds, median wall time`,
  "",
  ...builtinLines,
  `Node ${process.version}:`,
  "",
  `${pad("command", 62)} ${pad("median", 9)} ${pad("× node", 7)} target`,
  ...rows.map(
    (r) =>
      `${pad(r.command, 62)} ${pad(`${r.medianMs} ms`, 9)} ${pad(r.ratio.toFixed(2), 7)} ${r.target === null ? "" : `≤ ${r.target} ${r.ok ? "ok" : "OVER"}`}`,
  ),
  `${pad(firstQuestion.command, 62)} ${pad(`${firstQuestion.medianMs} ms`, 9)} ${pad(firstQuestion.ratio.toFixed(2), 7)} ≤ ${firstQuestion.target} ${firstQuestion.ok ? "ok" : "OVER"}  (in a pty, vs node ${firstQuestion.nodeMs} ms)`,
  "",
  `peak memory, 10,000-model recommend: ${result.peakMemoryMib10k} MiB (target < 150 MiB) ${result.peakMemoryMib10k < 150 ? "ok" : "OVER"}`,
  "",
  "growth, in process (rank all headphones for a role; top 10 from the facts; check one",
  "headphone against every source):",
  `${pad("models", 10)} ${pad("rank ms", 10)} ${pad("top-10 ms", 10)} ${pad("check ms", 10)} rank ms per n·log2 n (×1e6)`,
  ...growth.map(
    (g) =>
      `${pad(g.models, 10)} ${pad(g.rankMs, 10)} ${pad(g.packedMs, 10)} ${pad(g.checkMs, 10)} ${g.rankPerNLogN}`,
  ),
];
process.stdout.write(`${lines.join("\n")}\n`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);

#!/usr/bin/env node
// npm run bench [-- --rounds N] [--json FILE] [--quick] [--node PATH]...
//
// Whole-process wall time of the built CLI, as the median of repeated runs,
// each round interleaving bare `node -e 0` with every command so that machine
// noise hits both alike; the ratio is command median / node median. Also: peak
// memory (max RSS) of the 10,000-model run, and how ranking and checking cost
// grows with catalog size (1k, 10k, 100k models), in process.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { benchDir, ensureCatalog, ensureMeasurements, root } from "./bench-catalog.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "21" },
    json: { type: "string" },
    quick: { type: "boolean", default: false },
    // Another Node to time the built-in commands with (repeatable), e.g. the
    // path `npx -p node@22 node -p process.execPath` prints.
    node: { type: "string", multiple: true, default: [] },
  },
});
const rounds = values.quick ? 7 : Number(values.rounds);
const bin = `${root}bin/hpadvise.js`;

if (!existsSync(`${root}dist/cli.cjs`))
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
const big = ensureCatalog(10_000, 1_000);
const measurements = ensureMeasurements();

const cases = [
  { name: "node -e 0", args: ["-e", "0"], baseline: true },
  {
    name: "hpadvise recommend --role mastering",
    args: [bin, "recommend", "--role", "mastering"],
    target: 1.3,
  },
  {
    name: "hpadvise check-amp --headphone hd800s --source laptop",
    args: [bin, "check-amp", "--headphone", "hd800s", "--source", "laptop"],
    target: 1.3,
  },
  { name: "hpadvise show hd650 --json", args: [bin, "show", "hd650", "--json"], target: 1.3 },
  { name: "hpadvise --help", args: [bin, "--help"], target: 1.3 },
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

const env = { ...process.env, NO_COLOR: "1", HPADVISE_CATALOG: "" };
function once(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One warm-up run of each (the disk cache, the user-catalog cache, Node's
// compile cache), then interleaved rounds.
for (const c of cases) once(c.args);
const times = new Map(cases.map((c) => [c.name, []]));
for (let r = 0; r < rounds; r++) for (const c of cases) times.get(c.name).push(once(c.args));
const base = median(times.get("node -e 0"));

// The built-in commands on other Nodes: from the second run (each Node's
// compile cache warm), and the first run (a cold cache) for comparison.
const builtins = cases.filter((c) => c.target === 1.3 || c.baseline);
const otherNodes = values.node.map((node) => {
  const cold = () => ({
    ...env,
    NODE_COMPILE_CACHE: mkdtempSync(`${tmpdir()}/hpadvise-bench-`),
    HPADVISE_CACHE_DIR: mkdtempSync(`${tmpdir()}/hpadvise-bench-`),
  });
  const run = (args, e) => {
    const started = process.hrtime.bigint();
    spawnSync(node, args, { env: e, stdio: "ignore" });
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const first = builtins.map((c) => median([1, 2, 3].map(() => run(c.args, cold()))));
  const warm = cold();
  for (const c of builtins) run(c.args, warm);
  const warmTimes = builtins.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (const [i, c] of builtins.entries()) warmTimes[i].push(run(c.args, warm));
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const baseWarm = median(warmTimes[0]);
  return builtins.map((c, i) => ({
    node: version,
    command: c.name,
    ratio: Number((median(warmTimes[i]) / baseWarm).toFixed(2)),
    firstRunRatio: Number(((first[i] ?? 0) / (first[0] ?? 1)).toFixed(2)),
  }));
});

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
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes(marker)) {
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
        child.kill("SIGKILL");
      }
    });
    child.on("exit", () => reject(new Error(`${command} ended before showing ${marker}: ${out}`)));
  });
}
const ptyNode = [];
const ptyFirst = [];
for (let r = 0; r < Math.max(7, Math.ceil(rounds / 2)); r++) {
  ptyNode.push(
    await firstOutput(`${process.execPath} -e 'process.stdout.write("READY")'`, "READY"),
  );
  ptyFirst.push(await firstOutput(`${process.execPath} ${bin}`, "What do you use headphones for?"));
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
    ratio: Number(ratio.toFixed(2)),
    target: c.target ?? null,
    ok: c.target ? ratio <= c.target : null,
  };
});
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  rounds,
  commands: rows,
  firstQuestion,
  peakMemoryMib10k: Number(peakMib.toFixed(1)),
  peakMemoryTargetMib: 150,
  growth,
  otherNodes: otherNodes.flat(),
};

const pad = (s, n) => String(s).padEnd(n);
const lines = [
  `${rounds} interleaved rounds, median wall time, Node ${process.version}`,
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
  ...otherNodes.flatMap((rows) => [
    `built-in commands on Node ${rows[0]?.node}: × node from the second run (target ≤ 1.6), first run`,
    ...rows
      .slice(1)
      .map(
        (r) =>
          `  ${pad(r.command, 60)} ${pad(r.ratio.toFixed(2), 7)} ${r.firstRunRatio.toFixed(2)}`,
      ),
    "",
  ]),
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

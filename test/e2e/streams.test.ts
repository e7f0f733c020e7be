/** Exit codes and streams as a shell sees them: full disks, closed pipes, help, signals. */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";
import { packageRoot } from "../helpers/run-cli.js";
import { Terminal } from "../helpers/terminal.js";

const bin = join(packageRoot, "bin", "hpadvise.js");

describe("write errors", () => {
  it("`hpadvise list > /dev/full` says so in one line and exits 1", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [bin, "list"], {
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "" },
      });
      expect(r.stderr).toBe("hpadvise: cannot write the output (ENOSPC)\n");
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  it("`hpadvise … | head`: a reader that goes away early ends the run quietly, exit 0", async () => {
    const child = spawn(process.execPath, [bin, "recommend", "--role", "mixing", "--explain"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH ?? "" },
    });
    // The reader closes before the output is written: every write meets EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise((done) => child.on("exit", (c) => done(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("output to a pipe in non-blocking mode arrives whole and in order", () => {
    // Node's spawn makes a child's stdio blocking; python's leaves the pipe
    // non-blocking, so the child's writes meet EAGAIN once its 64 KB buffer
    // is full, until the reader (started late) drains it.
    const args = [bin, "recommend", "--role", "mixing", "--json"];
    const script = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL)
os.close(w)
time.sleep(0.3)
out = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out += chunk
sys.stdout.buffer.write(out)
sys.exit(child.wait())
`;
    const r = spawnSync("python3", ["-c", script, process.execPath, ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(r.status).toBe(0);
    const expected = spawnSync(process.execPath, args, { encoding: "utf8" }).stdout;
    expect(expected.length).toBeGreaterThan(65536);
    expect(r.stdout).toBe(expected);
  });

  it("a closed stderr pipe does not change the exit code (2 stays 2)", async () => {
    const child = spawn(process.execPath, [bin, "show", "no-such-model"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { PATH: process.env.PATH ?? "" },
    });
    child.stderr.destroy();
    const code = await new Promise((done) => child.on("exit", (c) => done(c)));
    expect(code).toBe(2);
  });
});

describe("what was typed is echoed safely", () => {
  it("an escape sequence in an unknown command is shown escaped", () => {
    const r = hpadvise(["\u001b[2Jboom"]);
    expect(r.stderr.split("\n")[0]).toBe("hpadvise: unknown command '\\x1b[2Jboom'");
    expect(r.code).toBe(2);
  });
});

describe("help and --catalog everywhere", () => {
  it.each([[["help"]], [["help", "recommend"]], [["recommend", "--help"]]])(
    "%j prints help and exits 0",
    (args) => {
      const r = hpadvise(args);
      expect(r.stdout).toMatch(/^Usage: hpadvise/);
      expect(r.code).toBe(0);
    },
  );

  it("`hpadvise --catalog F` is the guided session with that catalog", () => {
    const r = hpadvise(["--catalog", "test/fixtures/user-catalog.yaml"]);
    expect(r.stderr).toMatch(/^hpadvise: no terminal to ask questions in/);
    expect(r.code).toBe(2);
  });

  it("`validate --catalog F` checks F", () => {
    const r = hpadvise(["validate", "--catalog", "test/fixtures/user-catalog.yaml"]);
    expect(r.stdout).toMatch(/^ok {2}test\/fixtures\/user-catalog.yaml: /);
    expect(r.code).toBe(0);
  });
});

describe("signals during the guided session", () => {
  let session: Terminal | undefined;
  afterEach(() => session?.close());

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ])("%s restores echo and the cursor, and exits %i", async (signal, code) => {
    session = new Terminal([], 100, 30, "stty -a | grep -o -- ' -\\?echo ' | head -1");
    await session.waitFor("What do you use headphones for?");
    expect(session.cursorVisible()).toBe(false);
    process.kill(await session.childPid(), signal);
    const screen = await session.waitFor("STATE=");
    expect(screen).toContain(`EXIT=${code}`);
    expect(screen).toMatch(/STATE= echo *$/m);
    expect(session.cursorVisible()).toBe(true);
  });
});

/**
 * Drive the real binary in a real pseudo-terminal and read the screen a person
 * would see. The kernel's pseudo-terminal comes from python3's pty module
 * (test/helpers/pty-relay.py, python3 is on every machine we test on); the screen is
 * kept by xterm.js's headless terminal, which interprets every escape sequence
 * the program writes (cursor moves, erasing, wrapping, hiding the cursor).
 * Nothing here needs installing by hand.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import xterm from "@xterm/headless";
import { packageRoot } from "./run-cli.js";

const RELAY = join(packageRoot, "test", "helpers", "pty-relay.py");

/** What a key sends, as a terminal sends it (arrows depend on the cursor-key mode). */
function keyBytes(key: string, applicationCursor: boolean): string {
  const arrows: Record<string, string> = { Up: "A", Down: "B", Right: "C", Left: "D" };
  const arrow = arrows[key];
  if (arrow) return `${applicationCursor ? "\x1bO" : "\x1b["}${arrow}`;
  const named: Record<string, string> = { Enter: "\r", Space: " ", Tab: "\t", Escape: "\x1b" };
  if (named[key]) return named[key];
  const ctrl = /^C-([a-z])$/.exec(key);
  if (ctrl?.[1]) return String.fromCharCode(ctrl[1].charCodeAt(0) - 96);
  throw new Error(`no such key: ${key}`);
}

/** How long the program must have printed nothing before we answer a prompt. */
const QUIET_MS = 150;

const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;

export class Terminal {
  private readonly term: xterm.Terminal;
  private readonly relay: ChildProcessWithoutNullStreams;
  private readonly leader: Promise<number>;
  private shellPid: number | undefined;
  private failure: Error | undefined;
  private pendingWrites = 0;
  private lastOutput = Date.now();
  /** Has the program printed anything since we last typed? */
  private answered = true;
  private cursorShown = true;

  /**
   * `after`: a shell command run in the terminal once the program ends, its
   * output shown after `STATE=`. `env`: variables for the program only.
   */
  constructor(
    args: string[],
    columns = 120,
    rows = 50,
    after?: string,
    env: Record<string, string> = {},
  ) {
    this.term = new xterm.Terminal({
      cols: columns,
      rows,
      scrollback: 5000,
      allowProposedApi: true,
    });
    // DECTCEM (CSI ? 25 h / l): remember whether the program hid the cursor,
    // then let the terminal handle the sequence as usual.
    for (const [final, shown] of [
      ["h", true],
      ["l", false],
    ] as const) {
      this.term.parser.registerCsiHandler({ prefix: "?", final }, (params) => {
        if (params.includes(25)) this.cursorShown = shown;
        return false;
      });
    }
    const program = [process.execPath, join(packageRoot, "bin", "hpadvise.js"), ...args]
      .map(quote)
      .join(" ");
    // The exit code is printed when the program ends, for the test to read.
    const script = `${program}; echo EXIT=$?; ${after ? `echo STATE=$(${after})` : ""}`;
    // The program must find the width from the terminal, not from our COLUMNS.
    const { COLUMNS: _columns, LINES: _lines, ...inherited } = process.env;
    this.relay = spawn("python3", [RELAY, String(columns), String(rows), "sh", "-c", script], {
      cwd: packageRoot,
      env: { ...inherited, TERM: "xterm-256color", NO_COLOR: "1", ...env },
    });
    this.relay.on("error", (e) => {
      this.failure = new Error(`the terminal tests need python3: ${e.message}`);
    });
    // A terminal answers some queries (cursor position, device status) itself.
    this.term.onData((reply) => this.relay.stdin.write(reply));
    this.relay.stdout.on("data", (chunk: Buffer) => {
      this.lastOutput = Date.now();
      this.answered = true;
      this.pendingWrites++;
      this.term.write(chunk, () => this.pendingWrites--);
    });
    this.leader = new Promise((resolve) => {
      let text = "";
      this.relay.stderr.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const line = /^(\d+)\n/.exec(text);
        if (line) {
          this.shellPid = Number(line[1]);
          resolve(this.shellPid);
        }
      });
    });
  }

  private lines(): { text: string; wrapped: boolean }[] {
    const buffer = this.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (line) lines.push({ text: line.translateToString(true), wrapped: line.isWrapped });
    }
    while (lines.length > 0 && lines.at(-1)?.text === "") lines.pop();
    return lines;
  }

  /** Everything on the screen and in its scrollback, as shown. */
  screen(): string {
    return this.lines()
      .map((l) => l.text)
      .join("\n");
  }

  /**
   * The screen with lines the terminal wrapped joined back: a line longer than
   * the terminal is one the program printed too wide.
   */
  printedLines(): string[] {
    const joined: string[] = [];
    for (const { text, wrapped } of this.lines()) {
      if (wrapped && joined.length > 0) joined[joined.length - 1] += text;
      else joined.push(text);
    }
    return joined;
  }

  /** Press keys by name: Enter, Space, Tab, Escape, Up, Down, Left, Right, C-c, C-u... */
  keys(...keys: string[]): void {
    const mode = this.term.modes.applicationCursorKeysMode;
    this.send(keys.map((k) => keyBytes(k, mode)).join(""));
  }

  type(text: string): void {
    this.send(text);
  }

  private send(bytes: string): void {
    this.answered = false;
    this.relay.stdin.write(bytes);
  }

  /** Wait until every byte received so far is on the screen. */
  private async settled(): Promise<void> {
    while (this.pendingWrites > 0) await new Promise((r) => setTimeout(r, 10));
  }

  /**
   * Wait until the screen shows `text`, the program has answered what we last
   * typed and has gone quiet, as a person reads a prompt before answering it (a
   * prompt still drawing, such as a search that has not finished, ignores
   * Enter); fail with the screen if it does not show `text` in time.
   */
  async waitFor(text: string, timeoutMs = 8000): Promise<string> {
    const started = Date.now();
    for (;;) {
      if (this.failure) throw this.failure;
      await this.settled();
      const screen = this.screen();
      const quiet = this.answered && Date.now() - this.lastOutput >= QUIET_MS;
      if (quiet && screen.includes(text)) return screen;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`screen never showed ${JSON.stringify(text)}; it shows:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Is the terminal's cursor shown (an application may hide it)? */
  cursorVisible(): boolean {
    return this.cursorShown;
  }

  /** The program's process id: the child of the terminal's shell. */
  async childPid(): Promise<number> {
    const shell = await this.leader;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === shell) return Number(entry);
      } catch {
        // the process ended while we looked
      }
    }
    throw new Error(`no program running under the terminal's shell ${shell}`);
  }

  /** End the terminal's processes (its session) and the relay. */
  close(): void {
    if (this.shellPid !== undefined) {
      try {
        process.kill(-this.shellPid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    this.relay.kill("SIGKILL");
    this.term.dispose();
  }
}

/**
 * Drive the real binary in a real pseudo-terminal: tmux, on a private socket,
 * with send-keys to type and capture-pane to read the screen.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "./run-cli.js";

export function hasTmux(): boolean {
  return spawnSync("tmux", ["-V"]).status === 0;
}

export class TmuxSession {
  private readonly socket =
    `hpadvise-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  /** `after`: a shell command run once the program ends, its output shown after `STATE=`. */
  /** `env`: variables for the program only (e.g. its own XDG_CONFIG_HOME). */
  constructor(
    args: string[],
    columns = 120,
    rows = 50,
    after?: string,
    env: Record<string, string> = {},
  ) {
    const command = [
      "env",
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      process.execPath,
      join(packageRoot, "bin", "hpadvise.js"),
      ...args,
    ]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(" ");
    // The exit code is printed when the program ends, for the test to read.
    this.tmux(
      "new-session",
      "-d",
      "-x",
      String(columns),
      "-y",
      String(rows),
      "-c",
      packageRoot,
      `${command}; echo EXIT=$?; ${after ? `echo STATE=$(${after}); ` : ""}sleep 30`,
    );
  }

  private tmux(...args: string[]): string {
    // The program must find the width from the terminal, not from our COLUMNS.
    const { COLUMNS: _columns, LINES: _lines, ...env } = process.env;
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], {
      encoding: "utf8",
      env: { ...env, TERM: "xterm-256color", NO_COLOR: "1" },
    });
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-S", "-200");
  }

  /**
   * The screen with lines the terminal wrapped joined back (capture-pane -J):
   * a line longer than the pane is one the program printed too wide.
   */
  printedLines(): string[] {
    return this.tmux("capture-pane", "-p", "-J", "-S", "-2000").split("\n");
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", ...keys);
  }

  type(text: string): void {
    this.tmux("send-keys", "-l", text);
  }

  /** Wait until the screen shows `text`; fail with the screen if it does not in time. */
  async waitFor(text: string, timeoutMs = 8000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const screen = this.screen();
      if (screen.includes(text)) return screen;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`screen never showed ${JSON.stringify(text)}; it shows:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Is the terminal's cursor shown (an application may hide it)? */
  cursorVisible(): boolean {
    return this.tmux("display-message", "-p", "#{cursor_flag}").trim() === "1";
  }

  /** The program's process id: the child of the pane's shell. */
  childPid(): number {
    const shell = this.tmux("display-message", "-p", "#{pane_pid}").trim();
    return Number(execFileSync("pgrep", ["-P", shell], { encoding: "utf8" }).trim().split("\n")[0]);
  }

  close(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}

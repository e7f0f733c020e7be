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

  constructor(args: string[], columns = 120, rows = 50) {
    const command = [process.execPath, join(packageRoot, "bin", "hpadvise.js"), ...args]
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
      `${command}; echo EXIT=$?; sleep 30`,
    );
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], {
      encoding: "utf8",
      env: { ...process.env, TERM: "xterm-256color", NO_COLOR: "1" },
    });
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-S", "-200");
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

  close(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}

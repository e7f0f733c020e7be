/**
 * The guided session puts the terminal in raw mode (no echo) and hides the
 * cursor. Ctrl+C is a key there, and inquirer restores both; but a signal
 * from outside (kill, a closed terminal window) would end the process with
 * the terminal left that way. These handlers restore it, then exit 128 + the
 * signal's number, as a shell reports a process killed by it.
 */
const SIGNALS = [
  ["SIGHUP", 1],
  ["SIGINT", 2],
  ["SIGTERM", 15],
] as const;

let installed = false;

export function restoreTerminalOnSignals(): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of SIGNALS) {
    process.once(signal, () => {
      try {
        if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
        // Show the cursor, on a line of its own.
        if (process.stdout.isTTY) process.stdout.write("\x1b[?25h\n");
      } finally {
        process.exit(128 + number);
      }
    });
  }
}

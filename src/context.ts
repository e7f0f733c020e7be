/**
 * What a command may touch (`Context`), the real process's streams behind it,
 * and where your own files are. Commands never reach for `process` or
 * `console` themselves, so tests can run them in-process with captured streams.
 */
import { fstatSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Prompter } from "./prompts/types.js";

export interface Output {
  write(text: string): void;
}

export interface Context {
  stdout: Output;
  stderr: Output;
  /** Is stdout a terminal (tables and colour) or a pipe (plain). */
  stdoutIsTTY: boolean;
  /** Is stdin a terminal, i.e. can we ask questions. */
  stdinIsTTY: boolean;
  /** Colour on or off, decided once from chalk's detection and NO_COLOR. */
  color: boolean;
  /** Terminal width in columns, for tables. */
  columns: number;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where package.json, data/ and dist/ live. */
  packageRoot: string;
  /**
   * Makes the prompter for the interactive session: inquirer in a terminal
   * (loaded only when called), a scripted one in tests.
   */
  prompter?: (() => Promise<Prompter>) | undefined;
}

/** Width for output when none is given (a pipe or a file, no COLUMNS). */
export const DEFAULT_COLUMNS = 80;
/** Narrower than this, nothing we print can be laid out; we print at this width. */
export const MIN_COLUMNS = 40;

/**
 * The width we print to: COLUMNS when set (the user's word, piped or not),
 * else the terminal's width, else 80 (a pipe or a file).
 */
export function outputColumns(
  envColumns: string | undefined,
  ttyColumns: number | undefined,
): number {
  const stated =
    envColumns === undefined || envColumns.trim() === "" ? Number.NaN : Number(envColumns);
  const width =
    Number.isInteger(stated) && stated > 0
      ? stated
      : ttyColumns !== undefined && ttyColumns > 0
        ? ttyColumns
        : DEFAULT_COLUMNS;
  return Math.max(MIN_COLUMNS, width);
}

// --- The process's streams ---
//
// stdout and stderr as commands write to them (`Output`), for the real
// process only; tests pass their own. Touching `process.stdout` or `process.stderr` builds a Node stream (for a
// pipe a net.Socket, loading node:net and node:stream) before anything is
// printed, on every run, a cost a short command can measure. So
// output that is not a terminal (a pipe, a file, /dev/null) is written with
// fs.writeSync, whole and in order, and stderr the same way; only a terminal
// gets process.stdout, whose width the tables need and whose events the
// guided session uses. A descriptor in non-blocking mode (EAGAIN) falls back
// to the stream, which waits for the reader.
//
// Failures to write keep their meaning: stdout's reader gone (EPIPE,
// `hpadvise list | head`) ends the run quietly with the exit code already
// decided; any other (`> /dev/full`) is said in one line, exit 1. A failure to
// write to stderr has nowhere left to be reported, and changes nothing.

/** Is descriptor `fd` a terminal? Without loading node:tty unless it is a character device. */
export function isTerminal(fd: number, stream: () => { isTTY?: boolean }): boolean {
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice()) return false;
    // /dev/null is a character device, and no terminal.
    if (info.rdev === statSync("/dev/null").rdev) return false;
  } catch {
    // Not a descriptor fstat can read (or no /dev/null): ask the stream.
  }
  return stream().isTTY === true;
}

/**
 * Writes `bytes` to `fd` until all are written or the descriptor, in
 * non-blocking mode, would block (EAGAIN); how many were written.
 */
function writeDirect(fd: number, bytes: Uint8Array): number {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      break;
    }
  }
  return done;
}

/**
 * Output to `fd` written directly until it would block; from then on, all
 * of it through `stream()`, which waits for the reader, so the order holds.
 */
function direct(
  fd: number,
  stream: () => NodeJS.WriteStream,
  failed: (e: unknown) => void,
): Output {
  let blocked = false;
  return {
    write(text) {
      try {
        if (blocked) {
          stream().write(text);
          return;
        }
        const bytes = Buffer.from(text);
        const done = writeDirect(fd, bytes);
        if (done < bytes.length) {
          blocked = true;
          stream().write(bytes.subarray(done));
        }
      } catch (error) {
        failed(error);
      }
    },
  };
}

let stdoutReady = false;
/** process.stdout, with its failures handled as above (once). */
function stdoutStream(): NodeJS.WriteStream {
  if (!stdoutReady) {
    stdoutReady = true;
    process.stdout.on("error", (error: NodeJS.ErrnoException) => failedStdout(error));
  }
  return process.stdout;
}

let stderrReady = false;
function stderrStream(): NodeJS.WriteStream {
  if (!stderrReady) {
    stderrReady = true;
    process.stderr.on("error", () => {});
  }
  return process.stderr;
}

function failedStdout(error: NodeJS.ErrnoException): never {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  processStderr.write(`hpadvise: cannot write the output (${error.code ?? error.message})\n`);
  process.exit(1);
}

/** stderr, written directly: a failure to write it has nowhere left to be reported. */
export const processStderr: Output = direct(2, stderrStream, () => {});

/** stdout: the stream for a terminal, else written directly (see above). */
export function processStdout(terminal: boolean): Output {
  if (terminal) return { write: (s) => void stdoutStream().write(s) };
  return direct(1, stdoutStream, (e) => failedStdout(e as NodeJS.ErrnoException));
}

// --- Your files ---
//
// Where the user's own files live: $XDG_CONFIG_HOME/hpadvise, else
// ~/.config/hpadvise. Read from the context's environment (never os.homedir),
// so tests that give no HOME never see a real user's files.

function configDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "hpadvise");
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, ".config", "hpadvise") : undefined;
}

/** `config.yaml`: your source, what you own, your budget. */
export function configFile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const dir = configDir(env);
  return dir && join(dir, "config.yaml");
}

/** `catalog.yaml`: the personal catalog `add` and `measure --save` write. */
export function personalCatalogFile(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const dir = configDir(env);
  return dir && join(dir, "catalog.yaml");
}

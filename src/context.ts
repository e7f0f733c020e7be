import type { Prompter } from "./prompts/types.js";

/**
 * What a command may touch. Commands never reach for `process` or `console`
 * themselves, so tests can run them in-process with captured streams.
 */
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

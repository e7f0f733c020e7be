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

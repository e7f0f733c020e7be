/** Run the CLI in-process with captured streams, as a user's shell would see it. */
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli.js";
import type { Context } from "../../src/context.js";

export const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], overrides: Partial<Context> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const ctx: Context = {
    stdout: {
      write: (s) => {
        stdout += s;
      },
    },
    stderr: {
      write: (s) => {
        stderr += s;
      },
    },
    stdoutIsTTY: false,
    stdinIsTTY: false,
    color: false,
    columns: 120,
    env: {},
    cwd: packageRoot,
    packageRoot,
    ...overrides,
  };
  const code = await run(ctx, argv);
  return { code, stdout, stderr };
}

/** Run the CLI in-process with captured streams, as a user's shell would see it. */
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
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

/** Run a command with --json: it must succeed with nothing on stderr; its parsed output. */
export async function runJson(argv: string[], overrides: Partial<Context> = {}) {
  const r = await runCli([...argv, "--json"], overrides);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

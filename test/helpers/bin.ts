/** Run the built binary as a shell would: no terminal, empty stdin, a clean environment. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "./run-cli.js";

const bin = join(packageRoot, "bin", "hpadvise.js");

export function hpadvise(args: string[], env: Record<string, string> = {}, input = "") {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: packageRoot,
    encoding: "utf8",
    input,
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 15_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Build dist/ (and the catalog snapshot) so e2e tests run the current code. */
export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
}

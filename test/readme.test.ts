/** The README's first minutes: what you can do, then two commands, then how to get `hpadvise`. */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "./helpers/run-cli.js";

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end);
};

describe("README onboarding", () => {
  it("the quick start is exactly two commands", () => {
    const block = /```sh\n([\s\S]*?)```/.exec(section("Quick start"))?.[1];
    expect(block).toBe("npm install && npx hpadvise recommend --role mastering\nnpm test\n");
  });

  it("then says how to get hpadvise on the PATH", () => {
    const quick = section("Quick start");
    for (const way of ["npm link", "npm install -g .", "npx hpadvise"])
      expect(quick).toContain(way);
  });

  it("leads with what a user can do before how it is built", () => {
    const can = readme.indexOf("## What you can do");
    expect(can).toBeGreaterThan(0);
    expect(can).toBeLessThan(readme.indexOf("## Quick start"));
    for (const later of ["## Performance", "## Development", "## JSON"])
      expect(readme.indexOf(later)).toBeGreaterThan(readme.indexOf("## Quick start"));
  });
});

describe("README shows the catalog as it is", () => {
  it("the coverage report is what `validate --builtin --coverage` prints today", async () => {
    const { runCli } = await import("./helpers/run-cli.js");
    const start = readme.indexOf("$ hpadvise validate --builtin --coverage\n");
    expect(start).toBeGreaterThan(0);
    const shown = readme.slice(start, readme.indexOf("```", start)).split("\n").slice(1).join("\n");
    const r = await runCli(["validate", "--builtin", "--coverage"], { columns: 80 });
    expect(r.code).toBe(0);
    expect(shown).toBe(r.stdout);
  });

  it("the warning on a user's own references is what `validate` prints for such a file", async () => {
    const { runCli } = await import("./helpers/run-cli.js");
    const shown = /^warning: my\.yaml:.*$/m.exec(readme)?.[0];
    expect(shown).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-readme-"));
    copyFileSync(join(packageRoot, "test/fixtures/unnamed-refs.yaml"), join(dir, "my.yaml"));
    const r = await runCli(["validate", "my.yaml"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${shown}\n`);
  });
});

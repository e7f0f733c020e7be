/**
 * Every `hpadvise …` command the README's first sections show (What you can
 * do, Quick start) runs as shown: exit 0, an answer on stdout, nothing on
 * stderr. A command with a placeholder (FILE, …) is a pattern, not a command.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot, runCli } from "./helpers/run-cli.js";

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  return readme.slice(start, readme.indexOf("\n## ", start + 1));
};

/** A command line's words, as a POSIX shell splits them (quotes, no expansion). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

const text = `${section("What you can do")}\n${section("Quick start")}`;
const shown = [
  ...[...text.matchAll(/`((?:npx )?hpadvise(?: [^`]*)?)`/g)].map((m) => m[1] as string),
  ...[...text.matchAll(/^(?:npm install && )?(npx hpadvise .*)$/gm)].map((m) => m[1] as string),
];
const commands = [...new Set(shown.map((c) => c.replace(/^npx /, "")))].filter(
  // Bare `hpadvise` is the guided session: test/e2e/interactive.test.ts runs
  // it in a real terminal.
  (c) => c !== "hpadvise" && !/\b[A-Z]{2,}\b|…/.test(c),
);

describe("the README's first commands", () => {
  it("finds them (the scan itself works)", () => {
    expect(commands).toContain("hpadvise recommend --role mastering");
    expect(commands).toContain("hpadvise show hd800s");
    expect(commands.length).toBeGreaterThan(5);
  });

  it.each(commands)("%s", async (command) => {
    const r = await runCli(words(command).slice(1));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(100);
  });
});

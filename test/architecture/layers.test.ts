/**
 * The house's layering, held by reading the imports: the core imports only
 * the core (it owns its vocabulary; the catalog schema builds from it), and no
 * command imports another command (what they share lives in shared.ts or the core).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../../src");

/** Every module specifier a file imports, static or dynamic. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) specs.push(m[1] as string);
  return specs;
}

const tsFiles = (dir: string) => readdirSync(join(src, dir)).filter((f) => f.endsWith(".ts"));

describe("layers", () => {
  it("finds the imports it checks (the scan itself works)", () => {
    expect(importsOf(join(src, "commands/compare.ts"))).toContain("../core/recommend.js");
  });

  it.each(tsFiles("core"))("core/%s imports only the core", (file) => {
    const outside = importsOf(join(src, "core", file)).filter((s) => !s.startsWith("./"));
    expect(outside).toEqual([]);
  });

  it.each(tsFiles("commands"))("commands/%s imports no other command", (file) => {
    // shared.ts and write-file.ts are helpers every command may use, not commands.
    const helpers = new Set(["./shared.js", "./write-file.js"]);
    const others = importsOf(join(src, "commands", file)).filter(
      (s) => s.startsWith("./") && !helpers.has(s),
    );
    expect(others).toEqual([]);
  });
});

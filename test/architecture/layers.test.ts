/**
 * The house's layering, held by reading the imports: the core imports only
 * the core (it owns its vocabulary; the catalog schema builds from it), no
 * command imports another command (what they share lives in shared.ts or the
 * core), and a command's declaration (`x.command.ts`, read at every start)
 * stays light: it loads its command's code only when the command runs.
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

/** The modules a file loads when it is loaded: its static, non-type imports. */
function staticImportsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^import (?!type )[^;]*? from "([^"]+)"/gms)].map((m) => m[1] as string);
}

/** The modules a file loads later: `await import("...")`. */
function dynamicImportsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/import\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] as string);
}

const declarations = readdirSync(join(src, "commands")).filter((f) => f.endsWith(".command.ts"));

const tsFiles = (dir: string) => readdirSync(join(src, dir)).filter((f) => f.endsWith(".ts"));

describe("layers", () => {
  it("finds the imports it checks (the scan itself works)", () => {
    expect(importsOf(join(src, "commands/compare.ts"))).toContain("../core/recommend.js");
  });

  it.each(tsFiles("core"))("core/%s imports only the core", (file) => {
    const outside = importsOf(join(src, "core", file)).filter((s) => !s.startsWith("./"));
    expect(outside).toEqual([]);
  });

  const code = tsFiles("commands").filter((f) => !f.endsWith(".command.ts") && f !== "surface.ts");
  it.each(code)("commands/%s imports no other command", (file) => {
    // shared.ts and write-file.ts are helpers every command may use, not commands.
    const helpers = new Set(["./shared.js", "./write-file.js"]);
    const others = importsOf(join(src, "commands", file)).filter(
      (s) => s.startsWith("./") && !helpers.has(s),
    );
    expect(others).toEqual([]);
  });

  it.each(declarations)("commands/%s loads nothing heavy, and only its own code later", (file) => {
    // What a declaration may load at start: commander, the declaration helpers,
    // and the light parsers and vocabularies its options name.
    const light = new Set([
      "commander",
      "./surface.js",
      "../options.js",
      "../figures.js",
      "../config/keys.js",
    ]);
    const path = join(src, "commands", file);
    expect(staticImportsOf(path).filter((s) => !light.has(s))).toEqual([]);
    expect(new Set(dynamicImportsOf(path))).toEqual(
      new Set([`./${file.replace(".command.ts", ".js")}`]),
    );
  });

  it("finds every declaration's imports (the scan itself works)", () => {
    const path = join(src, "commands", "recommend.command.ts");
    expect(staticImportsOf(path)).toContain("./surface.js");
    expect(dynamicImportsOf(path)).toEqual(["./recommend.js"]);
  });
});

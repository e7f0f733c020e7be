/**
 * No function in src runs over 150 lines: a reader should see a function's
 * steps without scrolling through several screens. Measured with the
 * TypeScript parser, from a function's first line to its last.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../../src");
const MAX_LINES = 150;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** Every function in `file` with its length in lines, named "path name". */
function functionLengths(file: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const named =
        node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined);
      const name = `${relative(src, file)} ${named ? named.getText() : "(anonymous)"}`;
      found.push({ name, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("function length", () => {
  const all = tsFiles(src).flatMap(functionLengths);

  it("measures (the scan itself works)", () => {
    const main = all.find((f) => f.name === "cli.ts main");
    expect(main?.lines).toBeGreaterThan(2);
    expect(main?.lines).toBeLessThan(20);
  });

  it(`no function in src is over ${MAX_LINES} lines`, () => {
    const long = all.filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it("cli.ts is a registry and the exit point, under 350 lines", () => {
    const lines = readFileSync(join(src, "cli.ts"), "utf8").split("\n").length;
    expect(lines).toBeLessThan(350);
  });
});

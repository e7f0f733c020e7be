/**
 * An unreadable folder in a measurement tree. As root (CI) a mode-000 folder
 * is still readable, so here readdir refuses it as it would another user.
 */
import type * as fs from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { curveCsv, curveTree, SHAPES } from "../helpers/curves.js";

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const readdirSync = ((path: fs.PathLike, options?: unknown) => {
    if (String(path).endsWith("locked")) {
      throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    }
    return (real.readdirSync as (p: fs.PathLike, o?: unknown) => unknown)(path, options);
  }) as typeof real.readdirSync;
  return { ...real, default: { ...real, readdirSync }, readdirSync };
});

const { listCurveFiles } = await import("../../src/catalog/curve.js");

describe("listing a measurement tree", () => {
  it("names a folder it cannot read and lists the rest", () => {
    const tree = curveTree({
      "lab/data/over-ear/a.csv": curveCsv(SHAPES.flat),
      "lab/data/over-ear/locked/b.csv": curveCsv(SHAPES.flat),
      "lab/data/over-ear/c.csv": curveCsv(SHAPES.flat),
    });
    const listing = listCurveFiles(join(tree, "lab"));
    expect(listing.files).toEqual(["data/over-ear/a.csv", "data/over-ear/c.csv"]);
    expect(listing.problems).toEqual(["data/over-ear/locked: cannot be read (EACCES)"]);
  });
});

/**
 * Reading frequency-response curves in AutoEq's CSV format: a header naming
 * `frequency` and `raw` (other columns are ignored), then one row per
 * frequency, rising. Where a file sits in a tree laid out like AutoEq's
 * `measurements/` (`<source>/data/<rig>/<model>.csv`), its source and rig are
 * read from the path. Every problem is a CurveError naming the file and line.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { type Curve, compareRigs } from "../core/fr.js";
import { safeText } from "../core/safe-text.js";
import { HpAdviseError, UsageError } from "../errors.js";
import { readBounded } from "./read.js";

/** Fewer points than this cannot describe a response. */
export const MIN_CURVE_POINTS = 10;
/** A curve file larger than this is refused before reading (AutoEq's are about 10 kB). */
export const MAX_CURVE_BYTES = 8 * 1024 * 1024;
/**
 * A curve's level, in dB, lies within ±this: absolute SPL or relative, no
 * measurement comes near it, and a cell past it is a typo or a hostile file.
 */
export const MAX_CURVE_DB = 200;
/** `--among` reads at most this many curve files. */
export const MAX_CURVE_FILES = 50_000;

const FORMAT_HINT =
  "a curve is AutoEq's CSV: a header line with `frequency` and `raw`, then rows like `20.0,-3.1`, frequencies rising";

/** A curve file that cannot be read or is not a curve. */
export class CurveError extends HpAdviseError {
  override name = "CurveError";
  constructor(file: string, line: number | null, message: string, hint = FORMAT_HINT) {
    // File names and cells are the user's bytes: shown with control characters escaped.
    super(safeText(`${line === null ? file : `${file}:${line}`}: ${message}`), { hint });
  }
}

/** Where a curve came from: the measurer and the rig, when its path says. */
export interface CurveOrigin {
  source: string | null;
  rig: string | null;
}

export interface CurveFile extends Curve, CurveOrigin {
  /** The path as the user gave it (or relative to the directory searched). */
  file: string;
}

/** Source and rig from a path like `.../oratory1990/data/over-ear/Model.csv`. */
export function originFromPath(path: string): CurveOrigin {
  const parts = path.split(/[\\/]+/).filter((p) => p !== "");
  const at = parts.lastIndexOf("data");
  if (at < 1 || at >= parts.length - 2) return { source: null, rig: null };
  return { source: parts[at - 1] as string, rig: parts.slice(at + 1, -1).join("/") };
}

/** Parse a curve's text; `file` names it in errors. */
export function parseCurveText(text: string, file: string): Curve {
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r?\n/);
  let at = lines.findIndex((l) => l.trim() !== "");
  if (at < 0) throw new CurveError(file, null, "the file is empty");
  const header = (lines[at] as string).split(",").map((c) => c.trim().toLowerCase());
  const fCol = header.indexOf("frequency");
  const yCol = header.indexOf("raw");
  if (fCol < 0 || yCol < 0) {
    throw new CurveError(
      file,
      at + 1,
      // Not quoted: a catalog's curve path may point at any file, a secret one included.
      "no header naming `frequency` and `raw`: is it a CSV curve?",
    );
  }
  const frequencyHz: number[] = [];
  const db: number[] = [];
  for (at++; at < lines.length; at++) {
    const line = lines[at] as string;
    if (line.trim() === "") continue;
    const cells = line.split(",");
    const f = numberCell(cells[fCol], file, at + 1, "frequency");
    const y = numberCell(cells[yCol], file, at + 1, "raw");
    if (!(f > 0)) throw new CurveError(file, at + 1, `frequency must be above 0 Hz, got ${f}`);
    if (Math.abs(y) > MAX_CURVE_DB) {
      throw new CurveError(
        file,
        at + 1,
        `raw ${y} dB is outside the plausible range, -${MAX_CURVE_DB} to +${MAX_CURVE_DB} dB`,
      );
    }
    const last = frequencyHz[frequencyHz.length - 1];
    if (last !== undefined && f <= last) {
      throw new CurveError(
        file,
        at + 1,
        f === last
          ? `frequency ${f} Hz is repeated`
          : `frequency ${f} Hz comes after ${last} Hz; frequencies must rise`,
      );
    }
    frequencyHz.push(f);
    db.push(y);
  }
  if (frequencyHz.length < MIN_CURVE_POINTS) {
    throw new CurveError(
      file,
      null,
      `only ${frequencyHz.length} point${frequencyHz.length === 1 ? "" : "s"}; a curve needs at least ${MIN_CURVE_POINTS}`,
    );
  }
  return { frequencyHz, db };
}

function numberCell(cell: string | undefined, file: string, line: number, column: string): number {
  const text = cell?.trim() ?? "";
  const value = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new CurveError(
      file,
      line,
      text === "" ? `no \`${column}\` value` : `\`${column}\` is not a number: "${clip(text)}"`,
    );
  }
  return value;
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** Read one curve file. `path` is opened; `name` is how errors and results call it. */
export function readCurveFile(path: string, name = path): CurveFile {
  const read = readBounded(path, MAX_CURVE_BYTES, "a CSV curve file");
  if ("message" in read) throw new CurveError(name, null, read.message, "check the path");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(read.bytes);
  } catch {
    throw new CurveError(name, null, "is not UTF-8 text");
  }
  return { file: name, ...originFromPath(path), ...parseCurveText(text, name) };
}

/** The `.csv` files under a directory, sorted, as paths relative to it (bounded by MAX_CURVE_FILES). */
export function listCurveFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory())
      throw new CurveError(dir, null, "is not a directory", "give a directory of CSV curves");
  } catch (e) {
    if (e instanceof CurveError) throw e;
    throw new CurveError(dir, null, "no such directory", "give a directory of CSV curves");
  }
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.toLowerCase().endsWith(".csv")) continue;
    out.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
    if (out.length > MAX_CURVE_FILES) {
      throw new CurveError(
        dir,
        null,
        `holds more than ${MAX_CURVE_FILES} CSV files`,
        "point --among at one source's folder",
      );
    }
  }
  return out.sort();
}

/**
 * Read a curve the user named (relative to `cwd`). Its rig comes from its
 * path; `rig` gives it when the path does not say, or, with `force`, always
 * (a catalog entry states its rig).
 */
export function readCurve(cwd: string, file: string, rig?: string, force = false): CurveFile {
  const curve = readCurveFile(resolve(cwd, file), file);
  return rig !== undefined && (force || curve.rig === null) ? { ...curve, rig } : curve;
}

/** A target for `curve`, refused when it belongs to another rig. */
export function readTargetFor(cwd: string, curve: CurveFile, target: string): CurveFile {
  const t = readCurve(cwd, target);
  if (compareRigs(curve.rig, t.rig) === "different") {
    throw new UsageError(
      `${curve.file} was measured on the ${curve.rig} rig, but the target ${target} belongs to the ${t.rig} rig; curves from different rigs cannot be compared`,
      {
        hint: "use a target made for the same rig (AutoEq's targets/ names the rig in each file name)",
      },
    );
  }
  return t;
}

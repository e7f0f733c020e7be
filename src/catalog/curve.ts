/**
 * Reading frequency-response curves: AutoEq's CSV, REW's text export and
 * two-column CSV or TSV exports (parseCurveText), one row per frequency, rising. Where a file sits in a tree laid out like AutoEq's
 * `measurements/` (`<source>/data/<rig>/<model>.csv`), its source and rig are
 * read from the path. Every problem is a CurveError naming the file and line.
 */
import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
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
  "a curve is AutoEq's CSV (a header with `frequency` and `raw`), a two-column CSV or TSV with a header (`frequency,spl`), or REW's text export; rows like `20.0,-3.1`, frequencies rising";

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
  format: CurveFormat;
}

/** Source and rig from a path like `.../oratory1990/data/over-ear/Model.csv`. */
export function originFromPath(path: string): CurveOrigin {
  const parts = path.split(/[\\/]+/).filter((p) => p !== "");
  const at = parts.lastIndexOf("data");
  if (at < 1 || at >= parts.length - 2) return { source: null, rig: null };
  return { source: parts[at - 1] as string, rig: parts.slice(at + 1, -1).join("/") };
}

/** The file formats a curve is read from, as they are named to the user. */
export const CURVE_FORMATS = [
  "AutoEq CSV",
  "REW text export",
  "two-column CSV",
  "two-column TSV",
] as const;
export type CurveFormat = (typeof CURVE_FORMATS)[number];

/** Header names of the frequency column, and of the level column (AutoEq's `raw` first). */
const FREQUENCY_NAMES = ["frequency", "freq", "hz", "f"];
const LEVEL_NAMES = [
  "raw",
  "spl",
  "db",
  "level",
  "magnitude",
  "mag",
  "amplitude",
  "response",
  "gain",
];

/** `Frequency (Hz)`, `SPL [dB]`, ` "db" ` -> `frequency`, `spl`, `db`. */
function columnName(cell: string): string {
  return cell
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .replace(/[([].*$/, "")
    .trim()
    .toLowerCase();
}

/** Cells of a line: tabs, else commas, else semicolons, else runs of spaces separate them. */
function splitterFor(line: string): { split: (l: string) => string[]; tsv: boolean } {
  for (const d of ["\t", ",", ";"]) {
    if (line.includes(d)) return { split: (l) => l.split(d), tsv: d === "\t" };
  }
  return { split: (l) => l.trim().split(/\s+/), tsv: false };
}

/**
 * Parse a curve's text; `file` names it in errors. Three layouts are read,
 * told apart by their first lines:
 * - REW's text export: `*` comment lines, then rows of frequency, SPL and
 *   phase separated by spaces or tabs;
 * - AutoEq's CSV: a header naming `frequency` and `raw` (other columns ignored);
 * - a two-column CSV or TSV with a header naming a frequency column and a
 *   level column (`frequency,spl`, `freq,db`, `Frequency<TAB>SPL`).
 */
export function parseCurveText(text: string, file: string): Curve & { format: CurveFormat } {
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r?\n/);
  let at = lines.findIndex((l) => l.trim() !== "");
  if (at < 0) throw new CurveError(file, null, "the file is empty");
  let format: CurveFormat;
  let fCol = 0;
  let yCol = 1;
  let splitter: ReturnType<typeof splitterFor>;
  const levelName = { value: "SPL" };
  if ((lines[at] as string).trimStart().startsWith("*")) {
    // REW: comment lines, then data with no header of its own.
    while (at < lines.length && /^\s*(\*|$)/.test(lines[at] as string)) at++;
    if (at >= lines.length) throw new CurveError(file, null, "holds only comment lines, no data");
    format = "REW text export";
    splitter = { split: (l) => l.trim().split(/[\s,;]+/), tsv: false };
  } else {
    const header = lines[at] as string;
    splitter = splitterFor(header);
    const names = splitter.split(header).map(columnName);
    fCol = names.findIndex((n) => FREQUENCY_NAMES.includes(n));
    yCol = -1;
    for (const name of LEVEL_NAMES) {
      yCol = names.indexOf(name);
      if (yCol >= 0) {
        levelName.value = name;
        break;
      }
    }
    if (fCol < 0 || yCol < 0) {
      throw new CurveError(
        file,
        at + 1,
        // Not quoted: a catalog's curve path may point at any file, a secret one included.
        "no header naming a frequency column and a level column: is it a curve file?",
      );
    }
    format =
      levelName.value === "raw" && names[fCol] === "frequency" && !splitter.tsv
        ? "AutoEq CSV"
        : splitter.tsv
          ? "two-column TSV"
          : "two-column CSV";
    at++;
  }
  const levelColumn = format === "REW text export" ? "SPL" : levelName.value;
  const frequencyHz: number[] = [];
  const db: number[] = [];
  for (; at < lines.length; at++) {
    const line = lines[at] as string;
    if (line.trim() === "" || (format === "REW text export" && line.trimStart().startsWith("*")))
      continue;
    const cells = splitter.split(line);
    const f = numberCell(cells[fCol], file, at + 1, "frequency");
    const y = numberCell(cells[yCol], file, at + 1, levelColumn);
    if (!(f > 0)) throw new CurveError(file, at + 1, `frequency must be above 0 Hz, got ${f}`);
    if (Math.abs(y) > MAX_CURVE_DB) {
      throw new CurveError(
        file,
        at + 1,
        `${levelColumn} ${y} dB is outside the plausible range, -${MAX_CURVE_DB} to +${MAX_CURVE_DB} dB`,
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
  return { frequencyHz, db, format };
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

/** The `.csv` files found under a folder, and what could not be looked into. */
export interface CurveListing {
  /** Paths relative to the folder, `/`-separated, sorted. */
  files: string[];
  /** One line per folder or link that could not be followed (names escaped). */
  problems: string[];
}

/**
 * The `.csv` files under a folder (bounded by MAX_CURVE_FILES). Links are
 * followed when they lead to somewhere inside the folder (measurement trees
 * share files so), each real folder is walked once (a link back up is no
 * loop), and a folder that cannot be read is named, not fatal.
 */
export function listCurveFiles(dir: string): CurveListing {
  let root: string;
  try {
    if (!statSync(dir).isDirectory())
      throw new CurveError(dir, null, "is not a directory", "give a directory of CSV curves");
    root = realpathSync(dir);
  } catch (e) {
    if (e instanceof CurveError) throw e;
    throw new CurveError(dir, null, "no such directory", "give a directory of CSV curves");
  }
  const files: string[] = [];
  const problems: string[] = [];
  const walked = new Set<string>([root]);
  const inside = (real: string) =>
    real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  const walk = (abs: string, rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      problems.push(
        safeText(`${rel}: cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`),
      );
      return;
    }
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(abs, entry.name);
      const shown = rel === "" ? entry.name : `${rel}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let real = path;
      if (entry.isSymbolicLink()) {
        try {
          real = realpathSync(path);
          const target = statSync(real);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          problems.push(safeText(`${shown}: a link to nothing`));
          continue;
        }
        if (!inside(real)) {
          problems.push(safeText(`${shown}: a link out of the folder, not followed`));
          continue;
        }
      }
      if (isDirectory) {
        if (!entry.isSymbolicLink()) real = realpathSync(path);
        if (walked.has(real)) continue;
        walked.add(real);
        walk(path, shown);
      } else if (isFile && entry.name.toLowerCase().endsWith(".csv")) {
        files.push(shown);
        if (files.length > MAX_CURVE_FILES) {
          throw new CurveError(
            dir,
            null,
            `holds more than ${MAX_CURVE_FILES} CSV files`,
            "point --among at one source's folder",
          );
        }
      }
    }
  };
  walk(root, "");
  return { files: files.sort(), problems };
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

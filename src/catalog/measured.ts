/**
 * Measured tags for the ranking: each catalog entry that points to a curve
 * (`frequencyResponse`, or a file a measurements folder holds under the name
 * its `measurements` gives) is analysed against the target curve, and its
 * measured colouration note (core/fr.ts `measuredNote`) is added to its
 * character, so the neutrality rule and the fit labels judge it from the
 * measurement, not from reviewers' words (core/facts.ts `colouration`). An
 * entry measured on another rig than the target's keeps its described
 * character, with a warning.
 */
import { join } from "node:path";
import { analyzeFr, compareRigs, measuredNote } from "../core/fr.js";
import { safeText } from "../core/safe-text.js";
import type { Catalog, CurveRef, Headphone } from "../core/types.js";
import { CurveError, type CurveFile, listCurveFiles, readCurve } from "./curve.js";
import { matchEntry } from "./lookup.js";
import type { CurveCache, CurveFigures } from "./open.js";

export interface MeasuredCatalog {
  catalog: Catalog;
  /** One line per entry whose curve could not be judged against the target. */
  warnings: string[];
}

/** A curve in a measurements folder: `<source>/data/<rig>/<name>.csv`. */
export interface MeasurementFile {
  source: string;
  rig: string;
  /** The file name without `.csv`: what a model's `measurements` names. */
  name: string;
  /** The path, absolute. */
  path: string;
  /** The path relative to the folder. */
  shown: string;
}

/** A folder of measurements in AutoEq's layout, listed (not read). */
export interface MeasurementFolder {
  dir: string;
  files: MeasurementFile[];
  /** What could not be looked into, one line each. */
  problems: string[];
}

/** List a measurements folder: every `<source>/data/<rig>/<name>.csv` under it. */
export function openMeasurementFolder(dir: string): MeasurementFolder {
  const listing = listCurveFiles(dir);
  const files: MeasurementFile[] = [];
  for (const shown of listing.files) {
    const parts = shown.split("/");
    if (parts.length < 4 || parts[1] !== "data") continue;
    const last = parts[parts.length - 1] as string;
    files.push({
      source: parts[0] as string,
      rig: parts.slice(2, -1).join("/"),
      name: last.slice(0, -".csv".length),
      path: join(dir, shown),
      shown,
    });
  }
  return { dir, files, problems: listing.problems };
}

/**
 * The file a model's names point to in the folder: its sources in the order
 * it lists them; of one source's files, the one on the target's rig, else on
 * an over-ear rig (the catalog holds headphones, not in-ears), else the first.
 */
export function measurementFor(
  h: Pick<Headphone, "measurements">,
  folder: MeasurementFolder,
  preferRig: string | null,
): MeasurementFile | undefined {
  for (const [source, name] of Object.entries(h.measurements)) {
    const found = folder.files.filter((f) => f.source === source && f.name === name);
    const best =
      found.find((f) => f.rig === preferRig) ??
      found.find((f) => f.rig.includes("over-ear")) ??
      found[0];
    if (best !== undefined) return best;
  }
  return undefined;
}

/**
 * The catalog with each model that has no curve of its own given the one the
 * folder holds under its name; `fromFolder` names the ids so given.
 */
export function withMeasurementFolder(
  catalog: Catalog,
  folder: MeasurementFolder,
  preferRig: string | null,
): { catalog: Catalog; fromFolder: Set<string> } {
  const fromFolder = new Set<string>();
  const headphones = catalog.headphones.map((h) => {
    if (h.frequencyResponse !== null) return h;
    const m = measurementFor(h, folder, preferRig);
    if (m === undefined) return h;
    fromFolder.add(h.id);
    return { ...h, frequencyResponse: { file: m.path, rig: m.rig, source: m.source } };
  });
  return { catalog: { ...catalog, headphones }, fromFolder };
}

/**
 * The catalog with a measured note on each entry whose curve is on the
 * target's rig. A curve from a measurements folder that cannot be read is
 * named in a warning (the entry keeps its described character); a catalog
 * entry's own curve that cannot be read is an error, as before. With a
 * cache (bound to this target), a curve unchanged since it was last judged
 * is not read again.
 */
export function withMeasuredTags(
  catalog: Catalog,
  target: CurveFile,
  fromFolder: ReadonlySet<string> = new Set(),
  cache?: CurveCache,
): MeasuredCatalog {
  const warnings: string[] = [];
  const withNote = (h: Headphone, ref: CurveRef, figures: CurveFigures): Headphone => {
    const note = measuredNote(figures, ref.file, ref);
    return { ...h, character: [...h.character.filter((n) => n.measured !== true), note] };
  };
  const measured = (h: Headphone): Headphone => {
    const ref = h.frequencyResponse;
    if (ref === null) return h;
    // The key is taken before the file is read: a change while reading is a miss next time.
    const key = cache?.keyOf(ref.file, ref.rig);
    const cached = key === undefined ? undefined : cache?.get(key);
    if (cached !== undefined) return withNote(h, ref, cached);
    let curve: CurveFile;
    try {
      // A catalog's curve path is absolute once loaded; its rig is the entry's word.
      curve = readCurve("/", ref.file, ref.rig, true);
    } catch (error) {
      if (!(error instanceof CurveError) || !fromFolder.has(h.id)) throw error;
      warnings.push(
        `${h.id}: its measurement could not be read (${error.message}); its described character is used`,
      );
      return h;
    }
    if (compareRigs(curve.rig, target.rig) === "different") {
      warnings.push(
        safeText(
          `${h.id}: its curve ${ref.file} was measured on the ${curve.rig} rig, but the target ${target.file} is for the ${target.rig} rig; its described character is used`,
        ),
      );
      return h;
    }
    const figures = analyzeFr(curve, target);
    if (key !== undefined) cache?.set(key, figures);
    return withNote(h, ref, figures);
  };
  const headphones = catalog.headphones.map(measured);
  return { catalog: { ...catalog, headphones }, warnings };
}

/** A file in a measurements folder that no catalog model names, with the ids it may belong to. */
export interface UnmatchedFile {
  file: MeasurementFile;
  /** Catalog ids whose names come close to the file's (variant words in brackets left out). */
  didYouMean: string[];
}

/**
 * The folder's files that no model's `measurements` names. A file name that
 * reads as a model's name ("Sennheiser HD 650") suggests that model; else
 * the ids closest to it.
 */
export function unmatchedFiles(
  headphones: readonly Headphone[],
  folder: MeasurementFolder,
): UnmatchedFile[] {
  const named = new Set(
    headphones.flatMap((h) => Object.entries(h.measurements).map(([s, n]) => `${s}\u0000${n}`)),
  );
  return folder.files
    .filter((f) => !named.has(`${f.source}\u0000${f.name}`))
    .map((file) => {
      // "AKG K702 (Geekria earpads)" is a K702 with other pads: the model is the name before it.
      const bare = file.name.replace(/\s*\(.*\)\s*$/, "");
      const m = matchEntry(headphones, bare);
      const didYouMean =
        "found" in m
          ? [m.found.id]
          : "ambiguous" in m
            ? m.ambiguous.map((h) => h.id)
            : m.suggestions;
      return { file, didYouMean };
    });
}

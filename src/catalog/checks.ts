/**
 * The catalog checks: cross-field checks on validated catalog files (duplicate
 * ids, name clashes, missing references, references a reader cannot find,
 * implausible figures), each a small named pure function returning located
 * problems. The loader maps paths to lines. (Not to be confused with the
 * ranking rules, core/rank.ts.)
 */
import { quoteName } from "../core/safe-text.js";
import { dbPerVFromDbPerMw } from "../core/units.js";
import { normalizeName } from "./normalize.js";
import type { CatalogFile, HeadphoneEntry, Ref, SensitivityFigure, SourceEntry } from "./schema.js";

export type Path = (string | number)[];

export interface CheckIssue {
  /** Index of the file in the list given to the checks. */
  file: number;
  path: Path;
  message: string;
  /**
   * In a user's file this is advice, not an error: `validate` prints it as a
   * warning and other commands say nothing. In the built-in catalog it is an error.
   */
  adviceInUserFiles?: true;
}

export interface ParsedFile {
  name: string;
  data: CatalogFile;
}

export type CatalogCheck = (files: readonly ParsedFile[]) => CheckIssue[];

type Section = "headphones" | "sources";
type Entry = HeadphoneEntry | SourceEntry;

function* entries(files: readonly ParsedFile[]) {
  for (const [file, f] of files.entries()) {
    for (const section of ["headphones", "sources"] as const) {
      for (const [index, entry] of (f.data[section] as Entry[]).entries()) {
        yield { file, section, index, entry };
      }
    }
  }
}

/** The same id twice in one file is a mistake; across files it is an override. */
export const noDuplicateIds: CatalogCheck = (files) => {
  const issues: CheckIssue[] = [];
  for (const [file, f] of files.entries()) {
    for (const section of ["headphones", "sources"] as const) {
      const seen = new Map<string, number>();
      for (const [index, entry] of (f.data[section] as Entry[]).entries()) {
        const first = seen.get(entry.id);
        if (first === undefined) seen.set(entry.id, index);
        else
          issues.push({
            file,
            path: [section, index, "id"],
            message: `duplicate id "${entry.id}": ${section}[${first}] already uses it`,
          });
      }
    }
  }
  return issues;
};

/**
 * An alias (or id) may not name two different entries once all files are
 * merged, and a headphone and a source may not share an id. Judged on the
 * merged catalog (an entry replaced or overlaid by a later file no longer
 * counts), and a clash is reported in the later of the two files: the
 * user's, which they can edit, not the built-in one.
 */
export const noNameCollisions: CatalogCheck = (files) => {
  const issues: CheckIssue[] = [];
  // The merged catalog: the last entry with each id, in order of appearance.
  const merged = new Map<string, { file: number; section: Section; index: number; entry: Entry }>();
  for (const e of entries(files)) {
    const slot = `${e.section}:${e.entry.id}`;
    merged.delete(slot);
    merged.set(slot, e);
  }
  const all = [...merged.values()].sort((a, b) => a.file - b.file || a.index - b.index);
  type Owner = { section: Section; id: string; file: number; index: number; alias?: number };
  const owners = new Map<string, Owner>();
  const what = (o: Owner) => `${o.section.slice(0, -1)} "${o.id}"`;
  // Ids first, so an alias that shadows another entry's id is the one reported.
  for (const { file, section, index, entry } of all) {
    const key = normalizeName(entry.id);
    const owner = owners.get(key);
    if (!owner) owners.set(key, { section, id: entry.id, file, index });
    else if (owner.section !== section)
      issues.push({
        file,
        path: [section, index, "id"],
        message: `id "${entry.id}" is already used by the ${what(owner)}; headphone and source ids must differ`,
      });
    else
      issues.push({
        file,
        path: [section, index, "id"],
        message: `id "${entry.id}" differs from the ${what(owner)} only in dashes or case; use "${owner.id}" to change that entry, or an id of its own`,
      });
  }
  for (const { file, section, index, entry } of all) {
    for (const [a, alias] of entry.aliases.entries()) {
      const key = normalizeName(alias);
      const owner = owners.get(key);
      if (!owner) owners.set(key, { section, id: entry.id, file, index, alias: a });
      else if (owner.id !== entry.id || owner.section !== section) {
        // Blame the later file; within one file, the entry holding the alias.
        if (owner.file > file && owner.alias === undefined)
          issues.push({
            file: owner.file,
            path: [owner.section, owner.index, "id"],
            message: `id "${owner.id}" is an alias of the ${section.slice(0, -1)} "${entry.id}" ("${alias}")`,
          });
        else
          issues.push({
            file,
            path: [section, index, "aliases", a],
            message: `alias "${alias}" collides with ${what(owner)}`,
          });
      }
    }
  }
  return issues;
};

/** Every `ref:` names a reference in the entry's `refs`. */
export const refsExist: CatalogCheck = (files) => {
  const issues: CheckIssue[] = [];
  for (const { file, section, index, entry } of entries(files)) {
    const known = Object.keys(entry.refs);
    const visit = (value: unknown, path: Path) => {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) visit(v, [...path, i]);
      } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          if (k === "refs") continue;
          if (k === "ref" && typeof v === "string" && !known.includes(v)) {
            issues.push({
              file,
              path: [...path, k],
              message: `ref "${v}" is not in this entry's refs (${known.length ? known.join(", ") : "it has none"})`,
            });
          } else visit(v, [...path, k]);
        }
      }
    };
    visit(entry, [section, index]);
  }
  return issues;
};

/** What a reference without a URL reads, with an example; said wherever one does not. */
export const REFERENCE_FORM =
  'a reference reads "Publisher: title" (e.g. "Sennheiser: HD 600 product sheet") or gives a url';

/**
 * A reference a reader can find: a URL, or a document that names its
 * publisher, then a colon and a space, then its title. (The pattern cannot
 * backtrack: a long document without a colon fails in one pass.)
 */
export function namesPublisher(ref: Ref): boolean {
  return ref.url !== undefined || /^[^:\w]*\w[^:]*: +\S/.test(ref.document ?? "");
}

/**
 * Every reference names where to find it. The built-in catalog's must; a
 * user's own note ("manual", which `add --ref` writes as it is typed) is a
 * fair reference for their own catalog, so there it is advice.
 */
export const referencesNamePublisher: CatalogCheck = (files) => {
  const issues: CheckIssue[] = [];
  for (const { file, section, index, entry } of entries(files)) {
    for (const [key, ref] of Object.entries(entry.refs)) {
      if (namesPublisher(ref)) continue;
      issues.push({
        file,
        path: [section, index, "refs", key, "document"],
        message: `${quoteName(ref.document ?? "")} does not say whose document it is; ${REFERENCE_FORM}`,
        adviceInUserFiles: true,
      });
    }
  }
  return issues;
};

/** Plausible sensitivity ranges for headphones, per unit. */
export const SENSITIVITY_RANGE: Record<SensitivityFigure["unit"], [number, number]> = {
  "dB/mW": [75, 130],
  "dB/V": [75, 150],
};

/** Tolerance for a maker's two sensitivity figures to agree after rounding. */
export const SENSITIVITY_TOLERANCE_DB = 1.5;

export const plausibleHeadphoneValues: CatalogCheck = (files) => {
  const issues: CheckIssue[] = [];
  for (const [file, f] of files.entries()) {
    for (const [index, h] of f.data.headphones.entries()) {
      const at = (...p: Path): Path => ["headphones", index, ...p];
      const ohms = h.impedance?.ohms;
      for (const key of ["sensitivity", "sensitivityMeasured"] as const) {
        const s = h[key];
        if (!s) continue;
        for (const [stated, path] of [
          [s, at(key, "value")],
          ...(s.also ? [[s.also, at(key, "also", "value")] as const] : []),
        ] as const) {
          const [lo, hi] = SENSITIVITY_RANGE[stated.unit];
          if (stated.value < lo || stated.value > hi)
            issues.push({
              file,
              path,
              message: `sensitivity ${stated.value} ${stated.unit} is outside the plausible ${lo}–${hi} ${stated.unit}; check the unit`,
            });
        }
        if (s.also) {
          if (s.also.unit === s.unit)
            issues.push({
              file,
              path: at(key, "also", "unit"),
              message: `"also" restates the sensitivity in the other unit, so it cannot also be ${s.unit}`,
            });
          else if (ohms === undefined)
            issues.push({
              file,
              path: at(key, "also"),
              message: "both sensitivity units are given but no impedance to check them against",
            });
          else {
            const mw = s.unit === "dB/mW" ? s.value : s.also.value;
            const v = s.unit === "dB/V" ? s.value : s.also.value;
            const expectedV = dbPerVFromDbPerMw(mw, ohms);
            if (Math.abs(expectedV - v) > SENSITIVITY_TOLERANCE_DB)
              issues.push({
                file,
                path: at(key, "also", "value"),
                message: `${mw} dB/mW at ${ohms} ohm is ${expectedV.toFixed(1)} dB/V, not ${v} dB/V; the two units disagree by more than ${SENSITIVITY_TOLERANCE_DB} dB`,
              });
          }
        }
      }
      const r = h.impedanceRange;
      if (r?.minOhms !== undefined && r.maxOhms !== undefined && r.minOhms > r.maxOhms)
        issues.push({
          file,
          path: at("impedanceRange", "minOhms"),
          message: `minimum impedance ${r.minOhms} ohm is above the maximum ${r.maxOhms} ohm`,
        });
      const fr = h.frequencyResponseHz;
      if (fr && fr.min >= fr.max)
        issues.push({
          file,
          path: at("frequencyResponseHz", "min"),
          message: `lowest frequency ${fr.min} Hz is not below the highest ${fr.max} Hz`,
        });
    }
  }
  return issues;
};

/** Plausible output ratings per unit (an electrostatic amplifier swings hundreds of volts). */
export const OUTPUT_RANGE: Record<SourceEntry["outputs"][number]["unit"], [number, number]> = {
  mW: [0, 100000],
  Vrms: [0, 1000],
  dBu: [-60, 62],
  dBV: [-60, 60],
};

/** Plausible output noise per unit: above 0 µV, at most 0 dB (a full-scale hiss). */
export const NOISE_RANGE: Record<NonNullable<SourceEntry["noise"]>["unit"], [number, number]> = {
  uV: [0, 100000],
  dBu: [-200, 0],
  dBV: [-200, 0],
};

export const plausibleSourceValues: CatalogCheck = (files) => {
  const issues: CheckIssue[] = [];
  for (const [file, f] of files.entries()) {
    for (const [index, s] of f.data.sources.entries()) {
      for (const [o, out] of s.outputs.entries()) {
        const at: Path = ["sources", index, "outputs", o];
        if (out.unit === "mW" && out.loadOhms === undefined)
          issues.push({
            file,
            path: [...at, "loadOhms"],
            message: "a power rating (mW) needs the load it was stated into (loadOhms)",
          });
        if ((out.unit === "mW" || out.unit === "Vrms") && out.value <= 0)
          issues.push({
            file,
            path: [...at, "value"],
            message: `an output of ${out.value} ${out.unit} is not possible; expected more than 0`,
          });
        else {
          const [lo, hi] = OUTPUT_RANGE[out.unit];
          if (out.value < lo || out.value > hi)
            issues.push({
              file,
              path: [...at, "value"],
              message: `an output of ${out.value} ${out.unit} is outside the plausible ${lo} to ${hi} ${out.unit}; check the unit`,
            });
        }
      }
      const noise = s.noise;
      if (noise) {
        const [lo, hi] = NOISE_RANGE[noise.unit];
        if (!(noise.unit === "uV" ? noise.value > lo : noise.value >= lo) || noise.value > hi)
          issues.push({
            file,
            path: ["sources", index, "noise", "value"],
            message: `noise of ${noise.value} ${noise.unit} is not plausible; expected ${noise.unit === "uV" ? `more than ${lo}` : `at least ${lo}`} and at most ${hi} ${noise.unit}`,
          });
      }
    }
  }
  return issues;
};

export const catalogChecks: readonly CatalogCheck[] = [
  noDuplicateIds,
  noNameCollisions,
  refsExist,
  referencesNamePublisher,
  plausibleHeadphoneValues,
  plausibleSourceValues,
];

export function runCatalogChecks(files: readonly ParsedFile[]): CheckIssue[] {
  return catalogChecks.flatMap((check) => check(files));
}

/**
 * Cross-field checks on validated catalog files: small named rules, each a
 * pure function returning located problems. The loader maps paths to lines.
 */
import { dbPerVFromDbPerMw } from "../core/units.js";
import { normalizeName } from "./normalize.js";
import type { CatalogFile, HeadphoneEntry, SensitivityFigure, SourceEntry } from "./schema.js";

export type Path = (string | number)[];

export interface RuleIssue {
  /** Index of the file in the list given to the rules. */
  file: number;
  path: Path;
  message: string;
}

export interface ParsedFile {
  name: string;
  data: CatalogFile;
}

export type CatalogRule = (files: readonly ParsedFile[]) => RuleIssue[];

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
export const noDuplicateIds: CatalogRule = (files) => {
  const issues: RuleIssue[] = [];
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
 * merged, and a headphone and a source may not share an id.
 */
export const noNameCollisions: CatalogRule = (files) => {
  const issues: RuleIssue[] = [];
  const owners = new Map<string, { section: Section; id: string }>();
  // Ids first, so an alias that shadows another entry's id is the one reported.
  const all = [...entries(files)];
  for (const { file, section, index, entry } of all) {
    const key = normalizeName(entry.id);
    const owner = owners.get(key);
    if (owner && owner.section !== section) {
      issues.push({
        file,
        path: [section, index, "id"],
        message: `id "${entry.id}" is already used by the ${owner.section.slice(0, -1)} "${owner.id}"; headphone and source ids must differ`,
      });
    } else owners.set(key, { section, id: entry.id });
  }
  for (const { file, section, index, entry } of all) {
    for (const [a, alias] of entry.aliases.entries()) {
      const owner = owners.get(normalizeName(alias));
      if (owner && owner.id !== entry.id) {
        issues.push({
          file,
          path: [section, index, "aliases", a],
          message: `alias "${alias}" collides with ${owner.section.slice(0, -1)} "${owner.id}"`,
        });
      } else if (!owner) owners.set(normalizeName(alias), { section, id: entry.id });
    }
  }
  return issues;
};

/** Every `ref:` names a reference in the entry's `refs`. */
export const refsExist: CatalogRule = (files) => {
  const issues: RuleIssue[] = [];
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

/** Plausible sensitivity ranges for headphones, per unit. */
export const SENSITIVITY_RANGE: Record<SensitivityFigure["unit"], [number, number]> = {
  "dB/mW": [75, 130],
  "dB/V": [75, 150],
};

/** Tolerance for a maker's two sensitivity figures to agree after rounding. */
export const SENSITIVITY_TOLERANCE_DB = 1.5;

export const plausibleHeadphoneValues: CatalogRule = (files) => {
  const issues: RuleIssue[] = [];
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
      if (ohms !== undefined && ohms > 2000)
        issues.push({
          file,
          path: at("impedance", "ohms"),
          message: `impedance ${ohms} ohm is implausible for a headphone (expected at most 2000)`,
        });
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
      if (h.weightGrams && h.weightGrams.value > 1500)
        issues.push({
          file,
          path: at("weightGrams", "value"),
          message: `weight ${h.weightGrams.value} g is implausible for a headphone (expected at most 1500)`,
        });
    }
  }
  return issues;
};

export const plausibleSourceValues: CatalogRule = (files) => {
  const issues: RuleIssue[] = [];
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
      }
    }
  }
  return issues;
};

export const catalogRules: readonly CatalogRule[] = [
  noDuplicateIds,
  noNameCollisions,
  refsExist,
  plausibleHeadphoneValues,
  plausibleSourceValues,
];

export function checkCatalogRules(files: readonly ParsedFile[]): RuleIssue[] {
  return catalogRules.flatMap((rule) => rule(files));
}

/**
 * Catalog entries made from what a user typed (`add`) or measured
 * (`measure source --save`), in the catalog file's own shape, so the
 * personal catalog reads like one written by hand.
 */
import type { StatedOutput, StatedSensitivity } from "../figures.js";
import type { Back, Driver, SourceType } from "./schema.js";

export interface EntryBasics {
  id: string;
  brand: string;
  model: string;
  priceUsd?: number | undefined;
  /** Where the figures were read: a document or a URL. */
  ref?: string | undefined;
}

export interface HeadphoneAnswers extends EntryBasics {
  back: Back;
  driver: Driver;
  impedanceOhms?: number | undefined;
  sensitivity?: StatedSensitivity | undefined;
}

export interface SourceAnswers extends EntryBasics {
  type: SourceType;
  outputs?: StatedOutput[] | undefined;
  zoutOhms?: number | undefined;
  currentLimitMa?: number | undefined;
}

type Raw = { id: string } & Record<string, unknown>;

/**
 * A figure read from a cited document is the maker's; without a reference
 * it is the user's own (the catalog's `user` kind).
 */
function provenance(a: EntryBasics, kind?: "measured") {
  if (kind) return a.ref ? { kind, ref: "mine" } : { kind };
  return a.ref ? { kind: "maker", ref: "mine" } : { kind: "user" };
}

function refsOf(a: EntryBasics) {
  if (!a.ref) return {};
  return { refs: { mine: /^https?:\/\//.test(a.ref) ? { url: a.ref } : { document: a.ref } } };
}

export function headphoneEntry(a: HeadphoneAnswers): Raw {
  const p = provenance(a);
  return {
    id: a.id,
    brand: a.brand,
    model: a.model,
    back: a.back,
    driver: a.driver,
    ...refsOf(a),
    ...(a.impedanceOhms === undefined ? {} : { impedance: { ohms: a.impedanceOhms, ...p } }),
    ...(a.sensitivity === undefined ? {} : { sensitivity: { ...a.sensitivity, ...p } }),
    ...(a.priceUsd === undefined ? {} : { priceUsd: { value: a.priceUsd, ...p } }),
  };
}

export function sourceEntry(a: SourceAnswers, kind?: "measured", note?: string): Raw {
  const p = { ...provenance(a, kind), ...(note ? { note } : {}) };
  const price = provenance(a);
  return {
    id: a.id,
    brand: a.brand,
    model: a.model,
    type: a.type,
    ...refsOf(a),
    ...(a.zoutOhms === undefined ? {} : { outputImpedanceOhms: { value: a.zoutOhms, ...p } }),
    ...(a.outputs?.length
      ? {
          outputs: a.outputs.map((o) => ({
            value: o.value,
            unit: o.unit,
            ...(o.loadOhms === undefined ? {} : { loadOhms: o.loadOhms }),
            ...p,
          })),
        }
      : {}),
    ...(a.currentLimitMa === undefined
      ? {}
      : { currentLimitMa: { value: a.currentLimitMa, ...p } }),
    ...(a.priceUsd === undefined ? {} : { priceUsd: { value: a.priceUsd, ...price } }),
  };
}

/** Lower-case, dashes between words: "Scarlett 2i2" -> scarlett-2i2. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Suggested ids, shortest first, in the catalog's style: the model alone with
 * its generation shortened ("Scarlett Solo (4th Gen)" -> scarlett-solo-4g),
 * then with the brand in front (for when the short one is taken or too bare).
 */
export function idCandidates(brand: string, model: string): string[] {
  const shortened = model
    .replace(/\b(\d+)\s*(?:st|nd|rd|th)\s+gen(?:eration)?\b\.?/gi, "$1g")
    .replace(/\bgen(?:eration)?\.?\s*(\d+)\b/gi, "$1g")
    .replace(/\bmk\s*(\d+|[ivx]+)\b/gi, "mk$1");
  const short = slug(shortened);
  const long = slug(`${brand} ${shortened}`);
  // A bare number or two letters say too little on their own.
  return short.length >= 4 && /[a-z]/.test(short) ? [...new Set([short, long])] : [long];
}

/** The first candidate id no entry in `taken` answers to (folded, as lookups fold them). */
export function freeId(brand: string, model: string, taken: readonly string[]): string {
  const folded = new Set(taken.map((t) => t.toLowerCase().replace(/[^a-z0-9]+/g, "")));
  const candidates = idCandidates(brand, model);
  return (
    candidates.find((id) => !folded.has(id.replace(/-/g, ""))) ??
    (candidates[candidates.length - 1] as string)
  );
}

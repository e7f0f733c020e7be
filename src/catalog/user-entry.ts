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

/** A suggested id from brand and model: "Focusrite", "Scarlett 2i2" -> focusrite-scarlett-2i2. */
export function slugId(brand: string, model: string): string {
  return `${brand} ${model}`
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

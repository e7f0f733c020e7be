/**
 * What the ranking reads of each headphone, as columns of numbers: the back
 * and driver as codes, figures as numbers (NaN where not sourced), character
 * tags as a bitmask, the calibration status, and what judging a drive needs.
 * The rules score from these (rank.ts) and the fit labels order from them
 * (fit.ts), built from the opened catalog's headphones (`factsOf`). Pure.
 */
import { needsOf } from "./drive.js";
import { compareText } from "./order.js";
import type { CharacterNote, Headphone } from "./types.js";
import { BACKS, CHARACTER_TAGS, type CharacterTag, DRIVERS, FIGURE_KINDS } from "./vocabulary.js";

/** Each character tag's bit in a tag mask. */
export const TAG = Object.fromEntries(CHARACTER_TAGS.map((t, i) => [t, 1 << i])) as Record<
  CharacterTag,
  number
>;

/** The tags of these notes as a mask. */
export function tagMask(notes: readonly CharacterNote[]): number {
  let mask = 0;
  for (const note of notes) for (const t of note.tags) mask |= TAG[t];
  return mask;
}

/** Back codes: an index into BACKS. */
export const OPEN = BACKS.indexOf("open");
export const CLOSED = BACKS.indexOf("closed");
export const SEMI_OPEN = BACKS.indexOf("semi-open");

/** Calibration status codes. */
export const CAL_UNCHECKED = 0;
export const CAL_NONE = 1;
export const CAL_AVAILABLE = 2;

/** Flag bits. */
/** The catalog describes its sound (it has character notes). */
export const DESCRIBED = 1;
/** The entry points to a measured curve (frequencyResponse): its tags depend on a target. */
export const CURVE = 2;
/** Its colouration is judged from notes derived from a measured curve (`colouration`). */
export const MEASURED = 4;

/**
 * The columns, by name and element type. The index file stores exactly these
 * (a new column is stored and read back with no other change).
 */
export const FACT_COLUMNS = {
  back: Uint8Array,
  driver: Uint8Array,
  /** USD; NaN where not sourced. */
  priceUsd: Float64Array,
  weightGrams: Float64Array,
  isolationDb: Float64Array,
  thdPercent: Float64Array,
  impedanceOhms: Float64Array,
  /** Sensitivity in dB/V (measured beats maker's) and its kind: 0 none, else 1 + FIGURE_KINDS index. */
  sensitivityDbPerV: Float64Array,
  sensitivityKind: Uint8Array,
  eqHeadroomDb: Float64Array,
  /** The headphone's rated input in mW. */
  maxInputMw: Float64Array,
  /** Every character note's tags. */
  tags: Uint32Array,
  /** The tags of the notes colouration is judged from: measured ones when there are any. */
  colour: Uint32Array,
  /** DESCRIBED, CURVE, MEASURED. */
  flags: Uint8Array,
  /** CAL_UNCHECKED, CAL_NONE or CAL_AVAILABLE. */
  calibration: Uint8Array,
  /** Each model's place when the ids are sorted: the ranking's last tie-break. */
  idOrder: Int32Array,
  /**
   * Its family's row key: the catalog index of the family's first model, or
   * its own index when it has no family (recommend shows one row per family).
   */
  row: Int32Array,
} as const;

export type FactColumn = keyof typeof FACT_COLUMNS;

/** A catalog's headphones as fact columns, in catalog order. */
export type FactTable = { count: number } & {
  [K in FactColumn]: InstanceType<(typeof FACT_COLUMNS)[K]>;
};

const num = (n: number | null) => (n === null ? Number.NaN : n);

/** The notes colouration is judged from: those derived from a measured curve when there are any. */
export function colouration(h: Headphone): readonly CharacterNote[] {
  for (const n of h.character)
    if (n.measured === true) return h.character.filter((m) => m.measured === true);
  return h.character;
}

/** The facts of these headphones. */
export function factsOf(headphones: readonly Headphone[]): FactTable {
  const n = headphones.length;
  const t = { count: n } as FactTable;
  for (const [name, Kind] of Object.entries(FACT_COLUMNS))
    (t as unknown as Record<string, unknown>)[name] = new Kind(n);
  const firstOfFamily = new Map<string, number>();
  headphones.forEach((h, i) => {
    if (h.family !== null && !firstOfFamily.has(h.family)) firstOfFamily.set(h.family, i);
    t.row[i] = h.family === null ? i : (firstOfFamily.get(h.family) as number);
    const needs = needsOf(h);
    t.back[i] = BACKS.indexOf(h.back);
    t.driver[i] = DRIVERS.indexOf(h.driver);
    t.priceUsd[i] = num(h.priceUsd);
    t.weightGrams[i] = num(h.weightGrams);
    t.isolationDb[i] = num(h.isolationDb);
    t.thdPercent[i] = num(h.thdPercent);
    t.impedanceOhms[i] = num(h.impedanceOhms);
    t.sensitivityDbPerV[i] = num(needs.figures.dbPerV);
    t.sensitivityKind[i] =
      needs.figures.kind === null ? 0 : 1 + FIGURE_KINDS.indexOf(needs.figures.kind);
    t.eqHeadroomDb[i] = needs.eqHeadroomDb;
    t.maxInputMw[i] = num(h.maxInputMw);
    t.tags[i] = tagMask(h.character);
    t.colour[i] = tagMask(colouration(h));
    t.flags[i] =
      (h.character.length > 0 ? DESCRIBED : 0) |
      (h.frequencyResponse ? CURVE : 0) |
      (h.character.some((n) => n.measured === true) ? MEASURED : 0);
    t.calibration[i] =
      h.calibration.length > 0
        ? CAL_AVAILABLE
        : h.calibrationChecked.length > 0
          ? CAL_NONE
          : CAL_UNCHECKED;
  });
  headphones
    .map((h, i) => ({ id: h.id, i }))
    .sort((a, b) => compareText(a.id, b.id))
    .forEach(({ i }, place) => {
      t.idOrder[i] = place;
    });
  return t;
}

/**
 * The figures that are a value and its provenance, nothing more, declared
 * once for headphones and once for sources. From a table here the catalog
 * schema validates each figure (catalog/schema.ts: `{value, kind, ref, note,
 * confidence}`), resolve copies its value onto the entry and its provenance
 * under its name (catalog/resolve.ts), the `Headphone` and `Source` types
 * have it (types.ts), a rule grades it by its provenance (`figureGrade` in
 * facts.ts) and the test builders take it (test/helpers/factories.ts). A
 * field with more to it (a sensitivity's unit, an isolation's band, a price's
 * date) is written out in those files instead.
 */

/** A number within its plausible range; `what` names it, with its unit, in errors. */
export interface NumberFigure {
  type: "number";
  what: string;
  /** A lower bound of 0 excludes 0 itself. */
  min: number;
  max: number;
}

/** A yes or no, such as a maker's statement of a feature. */
export interface YesNoFigure {
  type: "yes-no";
  what: string;
}

export type FigureSpec = NumberFigure | YesNoFigure;
/** A table of figures: each name with its spec. */
export type FigureTable = Record<string, FigureSpec>;

export const HEADPHONE_FIGURES = {
  weightGrams: { type: "number", what: "weight in grams", min: 1, max: 1500 },
  thdPercent: { type: "number", what: "THD in percent", min: 0, max: 100 },
} as const satisfies FigureTable;

export const SOURCE_FIGURES = {
  /**
   * The rms current the output can sustain into a load, like the power
   * ratings; a maker's peak current is divided by √2 before it goes here.
   */
  currentLimitMa: { type: "number", what: "current limit in mA", min: 0, max: 100000 },
  dynamicRangeDb: { type: "number", what: "dynamic range in dB", min: 0, max: 200 },
} as const satisfies FigureTable;

/** What a figure of this spec holds. */
export type FigureValue<F extends FigureSpec> = F extends YesNoFigure ? boolean : number;

/** A table's figures on a resolved entry: each its value, or null when no source gives it. */
export type FigureValues<T extends FigureTable> = { [K in keyof T]: FigureValue<T[K]> | null };

/** A table's figure names. */
export const namesOf = <T extends FigureTable>(figures: T) =>
  Object.keys(figures) as (keyof T & string)[];

/** Every figure of a table unknown: for gear described only by typed figures. */
export function noFigures<T extends FigureTable>(figures: T): FigureValues<T> {
  return Object.fromEntries(namesOf(figures).map((name) => [name, null])) as FigureValues<T>;
}

/**
 * The headphone figures that are a value and its provenance, nothing more,
 * declared once. From this table the catalog schema validates each
 * (catalog/schema.ts: `{value, kind, ref, note, confidence}`), resolve copies
 * its value onto the headphone and its provenance under its name
 * (catalog/resolve.ts), the `Headphone` type has it (types.ts), a rule reads
 * it as a graded fact (`figure` in facts.ts) and the test builders take it
 * (test/helpers/factories.ts). A field with more to it (a sensitivity's unit,
 * an isolation's band, a price's date) is written out in those files instead.
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

export const HEADPHONE_FIGURES = {
  weightGrams: { type: "number", what: "weight in grams", min: 1, max: 1500 },
  thdPercent: { type: "number", what: "THD in percent", min: 0, max: 100 },
} as const satisfies Record<string, FigureSpec>;

export type HeadphoneFigureName = keyof typeof HEADPHONE_FIGURES;

/** What a figure of this spec holds. */
export type FigureValue<F extends FigureSpec> = F extends YesNoFigure ? boolean : number;

/** The table's figures on a resolved headphone: each its value, or null when no source gives it. */
export type HeadphoneFigureValues = {
  [K in HeadphoneFigureName]: FigureValue<(typeof HEADPHONE_FIGURES)[K]> | null;
};

export const HEADPHONE_FIGURE_NAMES = Object.keys(HEADPHONE_FIGURES) as HeadphoneFigureName[];

/** Every figure unknown: for a headphone described only by typed figures. */
export const NO_HEADPHONE_FIGURES = Object.fromEntries(
  HEADPHONE_FIGURE_NAMES.map((name) => [name, null]),
) as HeadphoneFigureValues;

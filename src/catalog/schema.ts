/**
 * The catalog file format: the one source of truth for what a catalog YAML file
 * may contain. Types of raw entries come from `z.infer`; the resolved objects
 * the core works with are derived from them in `resolve.ts`.
 */
import { z } from "zod";
import {
  type FigureTable,
  HEADPHONE_FIGURES,
  SOURCE_FIGURES,
  type YesNoFigure,
} from "../core/fields.js";
import {
  BACKS,
  CALIBRATION_VENDORS,
  CHARACTER_TAGS,
  CONFIDENCES,
  DRIVERS,
  FIGURE_KINDS,
  ISOLATION_ATTENUATIONS,
  ISOLATION_STATISTICS,
  MAX_INPUT_RATINGS,
  NOTE_BASES,
  OUTPUT_UNITS,
  SENSITIVITY_UNITS,
  SOURCE_TYPES,
} from "../core/vocabulary.js";

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A name shown in one table cell: one line, of a sane length. Longer text
 * (notes, character) may have lines, up to a few pages. Lists are short:
 * a catalog entry of 150,000 outputs is an attack, not a product.
 */
const oneLine = (max = 200) =>
  z
    .string()
    .min(1)
    .max(max, `at most ${max} characters`)
    .regex(/^[^\r\n]*$/, "one line: no line breaks");
const text = (max = 4000) => z.string().min(1).max(max, `at most ${max} characters`);
const MAX_LIST = 64;
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_LIST, `at most ${MAX_LIST} items`);

/**
 * Where a figure comes from. `maker` is the manufacturer's own spec, `measured`
 * a third-party bench measurement, `assumption` a documented assumption (the
 * generic presets), `user` a figure from a user catalog that did not say.
 */
export const figureKindSchema = z.enum(FIGURE_KINDS);
export type FigureKind = z.infer<typeof figureKindSchema>;

export const refSchema = z
  .strictObject({
    url: z.url().optional(),
    document: oneLine(1000).optional(),
    title: oneLine(1000).optional(),
  })
  .refine((r) => r.url !== undefined || r.document !== undefined, {
    message: "a reference needs a url or a document",
  });
export type Ref = z.infer<typeof refSchema>;

/** The provenance every figure carries. */
const provenance = {
  kind: figureKindSchema.default("user"),
  /** Key into the entry's `refs`. */
  ref: z.string().min(1).optional(),
  note: text().optional(),
  /** How far the figure can be trusted (core/vocabulary.ts); absent: its kind's default. */
  confidence: z.enum(CONFIDENCES).optional(),
};

/**
 * A number within its plausible range (listed in the README's catalog
 * section): absurd figures (an impedance of 1e-300, an output of 1e200 V)
 * would otherwise turn into NaN or Infinity in the arithmetic. A lower bound
 * of 0 excludes 0 itself.
 */
const ranged = (what: string, min: number, max: number) => {
  const message = `${what} must be ${min === 0 ? "more than 0" : `at least ${min}`} and at most ${max}`;
  const n = z.number({ error: `expected a number (${what})` });
  return (min === 0 ? n.gt(0, message) : n.gte(min, message)).lte(max, message);
};
/** As ranged, with 0 itself allowed. */
const fromZero = (what: string, max: number) =>
  z
    .number({ error: `expected a number (${what})` })
    .gte(0, `${what} must be at least 0 and at most ${max}`)
    .lte(max, `${what} must be at least 0 and at most ${max}`);

export const numberFigureSchema = (what: string, min: number, max: number) =>
  z.strictObject({ value: ranged(what, min, max), ...provenance });

const yesNoFigureSchema = (what: string) =>
  z.strictObject({
    value: z.boolean({ error: `expected true or false (${what})` }),
    ...provenance,
  });

/** The schema of each figure a table in core/fields.ts declares; absent is unknown. */
function figureSchemas<T extends FigureTable>(figures: T) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(figures))
    shape[name] = (
      f.type === "number" ? numberFigureSchema(f.what, f.min, f.max) : yesNoFigureSchema(f.what)
    ).optional();
  return shape as {
    [K in keyof T]: z.ZodOptional<
      ReturnType<T[K] extends YesNoFigure ? typeof yesNoFigureSchema : typeof numberFigureSchema>
    >;
  };
}

export const sensitivityUnitSchema = z.enum(SENSITIVITY_UNITS, {
  error: (issue) =>
    issue.input === "dB" || issue.input === "dB SPL"
      ? 'a bare "dB" sensitivity is ambiguous: say "dB/mW" (SPL at 1 mW) or "dB/V" (SPL at 1 Vrms)'
      : 'expected "dB/mW" or "dB/V"',
});
export type SensitivityUnit = z.infer<typeof sensitivityUnitSchema>;

const sensitivityValue = z
  .number({ error: "expected a number of dB SPL" })
  .gte(0, "a sensitivity must be at least 0 and at most 200 dB SPL")
  .lte(200, "a sensitivity must be at least 0 and at most 200 dB SPL");

export const sensitivitySchema = z.strictObject({
  value: sensitivityValue,
  unit: sensitivityUnitSchema,
  /** The same statement in the other unit, when the maker gives both. */
  also: z.strictObject({ value: sensitivityValue, unit: sensitivityUnitSchema }).optional(),
  /** The frequency the figure is stated at (beyerdynamic: 500 Hz; most: 1 kHz). */
  atHz: ranged("reference frequency in Hz", 10, 20000).optional(),
  ...provenance,
});
export type SensitivityFigure = z.infer<typeof sensitivitySchema>;

export const backSchema = z.enum(BACKS);
export type Back = z.infer<typeof backSchema>;
export const driverSchema = z.enum(DRIVERS);
export type Driver = z.infer<typeof driverSchema>;

export const characterTagSchema = z.enum(CHARACTER_TAGS);
export type CharacterTag = z.infer<typeof characterTagSchema>;

const idSchema = z
  .string({ error: "expected an id (lowercase letters, digits and dashes)" })
  .regex(ID_PATTERN, "ids are lowercase letters, digits and dashes, e.g. hd800s or dt770pro-80");

/** A price: when and where it was seen, and whether it is a list or a street price. */
export const priceSchema = z.strictObject({
  value: ranged("price in US dollars", 0, 100000),
  ...provenance,
  /** When the price was observed or published: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "a date is YYYY, YYYY-MM or YYYY-MM-DD")
    .optional(),
  /** `list`: the maker's list price (MSRP); `street`: a price a seller asked. */
  basis: z.enum(["list", "street"]).optional(),
});

const commonEntry = {
  id: idSchema,
  brand: oneLine(),
  model: oneLine(),
  aliases: list(oneLine()).default([]),
  /** Siblings (impedance versions, revisions) share a family. */
  family: idSchema.optional(),
  variant: oneLine().optional(),
  refs: z
    .record(z.string(), refSchema)
    .refine((r) => Object.keys(r).length <= MAX_LIST, `at most ${MAX_LIST} refs`)
    .default({}),
  priceUsd: priceSchema.optional(),
};

export const headphoneEntrySchema = z.strictObject({
  ...commonEntry,
  back: backSchema,
  driver: driverSchema,
  /** The family's studio default: the variant a family row stands for when no source is named. */
  familyDefault: z.literal(true).optional(),
  impedance: z
    .strictObject({ ohms: ranged("impedance in ohms", 1, 2000), ...provenance })
    .optional(),
  /** Measured impedance: any of the minimum, the maximum and the value at 1 kHz a lab gives. */
  impedanceRange: z
    .strictObject({
      minOhms: ranged("minimum impedance in ohms", 1, 100000).optional(),
      /** Where the minimum lies, when the lab says. */
      minHz: ranged("frequency of the minimum in Hz", 1, 100000).optional(),
      maxOhms: ranged("maximum impedance in ohms", 1, 100000).optional(),
      maxHz: ranged("frequency of the maximum in Hz", 1, 100000).optional(),
      /** The measured impedance at 1 kHz, when the lab gives it. */
      at1kHzOhms: ranged("impedance at 1 kHz in ohms", 1, 100000).optional(),
      ...provenance,
    })
    .refine(
      (r) => r.minOhms !== undefined || r.maxOhms !== undefined || r.at1kHzOhms !== undefined,
      { message: "a measured impedance needs minOhms, maxOhms or at1kHzOhms" },
    )
    .optional(),
  sensitivity: sensitivitySchema.optional(),
  sensitivityMeasured: sensitivitySchema.optional(),
  maxInputMw: z
    .strictObject({
      value: ranged("maximum input power in mW", 0, 100000),
      /** `maximum`: a short-term peak rating; `continuous`: a long-term (e.g. DIN 45500-10) rating. */
      rating: z.enum(MAX_INPUT_RATINGS).optional(),
      ...provenance,
    })
    .optional(),
  ...figureSchemas(HEADPHONE_FIGURES),
  isolationDb: z
    .strictObject({
      value: fromZero("isolation in dB", 60),
      /** `passive` (cups and pads) or `active` (noise cancelling). */
      attenuation: z.enum(ISOLATION_ATTENUATIONS).optional(),
      /** Over the band: an `average`, the most (`up-to`) or the least (`at-least`). */
      statistic: z.enum(ISOLATION_STATISTICS).optional(),
      /** The band the figure covers, as its source states it. */
      fromHz: ranged("lowest frequency in Hz", 1, 100000).optional(),
      toHz: ranged("highest frequency in Hz", 1, 100000).optional(),
      ...provenance,
    })
    .refine((r) => r.fromHz === undefined || r.toHz === undefined || r.fromHz < r.toHz, {
      message: "an isolation band's fromHz must be below its toHz",
    })
    .optional(),
  frequencyResponseHz: z
    .strictObject({
      min: ranged("lowest frequency in Hz", 0, 200000),
      max: ranged("highest frequency in Hz", 0, 200000),
      ...provenance,
    })
    .optional(),
  /**
   * A measured response curve (AutoEq CSV) in the user's files: the path is
   * relative to the catalog file; `rig` is the measurement rig it was made on
   * (a target must be for the same rig), `source` who measured it. The
   * built-in catalog ships no third-party curves.
   */
  frequencyResponse: z
    .strictObject({
      file: z.string().min(1, "the path of the curve's CSV file"),
      rig: z.string().min(1, "the measurement rig, e.g. over-ear"),
      source: z.string().min(1, "who measured it, e.g. oratory1990"),
    })
    .optional(),
  /**
   * The file names AutoEq's measurement folders give this model, per source
   * (`oratory1990: Sennheiser HD 650` for
   * `oratory1990/data/<rig>/Sennheiser HD 650.csv`), in order of preference.
   * Names only: the curves stay in the user's folder (`--measurements DIR`).
   */
  measurements: z
    .record(
      z.string().min(1, "the source's folder name, e.g. oratory1990").max(100),
      z.string().min(1, "the file name without .csv").max(200),
    )
    .refine((m) => Object.keys(m).length <= MAX_LIST, `at most ${MAX_LIST} sources`)
    .optional(),
  character: z
    .array(
      z.strictObject({
        tags: z.array(characterTagSchema).default([]),
        text: text(),
        ref: z.string().min(1).optional(),
        /** What the note rests on; a reviewer's listening when not said. */
        basis: z.enum(NOTE_BASES).optional(),
      }),
    )
    .max(MAX_LIST, `at most ${MAX_LIST} items`)
    .default([]),
  calibration: z
    .array(
      z.strictObject({
        vendor: z.enum(CALIBRATION_VENDORS),
        /**
         * `available`: a profile for this model exists (sourced); `unavailable`: the
         * vendor's list was checked and has none. No entry for a vendor: not checked.
         */
        status: z.enum(["available", "unavailable"]).default("available"),
        /** Largest boost of the correction, i.e. the headroom it takes, in dB. */
        headroomDb: fromZero("calibration headroom in dB", 40).optional(),
        ref: z.string().min(1).optional(),
        note: text().optional(),
      }),
    )
    .max(MAX_LIST, `at most ${MAX_LIST} items`)
    .default([]),
});
export type HeadphoneEntry = z.infer<typeof headphoneEntrySchema>;

export const outputUnitSchema = z.enum(OUTPUT_UNITS);
export type OutputUnit = z.infer<typeof outputUnitSchema>;

export const sourceTypeSchema = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof sourceTypeSchema>;

export const sourceEntrySchema = z.strictObject({
  ...commonEntry,
  type: sourceTypeSchema,
  /** A generic preset (laptop, phone, interface) built on stated assumptions. */
  generic: z.boolean().default(false),
  outputImpedanceOhms: z
    .strictObject({
      value: fromZero("output impedance in ohms", 1000),
      ...provenance,
    })
    .optional(),
  /** Ratings exactly as stated: power or voltage, into a load when one is given. */
  outputs: z
    .array(
      z.strictObject({
        value: z.number({ error: "expected a number" }),
        unit: outputUnitSchema,
        loadOhms: ranged("load in ohms", 0, 1000000).optional(),
        /**
         * For sources that switch their output by load (the MacBook Pro jack):
         * the rating applies only to loads in this range.
         */
        forLoadsOhms: z
          .strictObject({
            min: ranged("ohms", 0, 1000000).optional(),
            max: ranged("ohms", 0, 1000000).optional(),
          })
          .optional(),
        ...provenance,
      }),
    )
    .max(MAX_LIST, `at most ${MAX_LIST} outputs`)
    .default([]),
  ...figureSchemas(SOURCE_FIGURES),
  noise: z
    .strictObject({
      value: z.number({ error: "expected a number" }),
      unit: z.enum(["uV", "dBu", "dBV"]),
      ...provenance,
    })
    .optional(),
  crossfeed: z
    .strictObject({
      value: z.boolean(),
      ref: z.string().optional(),
      note: text().optional(),
    })
    .optional(),
  headphoneOutputs: z
    .strictObject({
      value: ranged("number of headphone outputs", 1, 64).int(
        "a number of outputs is a whole number",
      ),
      ...provenance,
    })
    .optional(),
});
export type SourceEntry = z.infer<typeof sourceEntrySchema>;

export const catalogFileSchema = z.strictObject(
  {
    headphones: z.array(headphoneEntrySchema).default([]),
    sources: z.array(sourceEntrySchema).default([]),
  },
  { error: "a catalog file is a mapping with `headphones:` and/or `sources:` lists" },
);
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/**
 * A user catalog's entry: a whole entry, or, with the id of an earlier one
 * (a built-in model), only the fields to add or replace; `replace: true`
 * replaces the earlier entry whole. The loader merges it over the earlier
 * entry and validates the result with the entry schema above, so the shape
 * here only checks the fields given (no defaults: an absent field is kept).
 */
function overlayOf<S extends z.core.$ZodLooseShape>(shape: S) {
  const given = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => {
      const f = field as z.ZodType;
      const inner = f.def.type === "default" ? (f as z.ZodDefault<z.ZodType>).def.innerType : f;
      return [key, (inner as z.ZodType).optional()];
    }),
  );
  return z.strictObject({
    ...given,
    id: idSchema,
    /** Replace the earlier entry with this id whole instead of laying fields over it. */
    replace: z.boolean().optional(),
  });
}

export const headphoneOverlaySchema = overlayOf(headphoneEntrySchema.shape);
export const sourceOverlaySchema = overlayOf(sourceEntrySchema.shape);

export const overlayFileSchema = z.strictObject(
  {
    headphones: z.array(headphoneOverlaySchema).default([]),
    sources: z.array(sourceOverlaySchema).default([]),
  },
  { error: "a catalog file is a mapping with `headphones:` and/or `sources:` lists" },
);
export type OverlayFile = z.infer<typeof overlayFileSchema>;

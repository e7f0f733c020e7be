/**
 * The words the catalog and the core share: each is an `as const` tuple here,
 * its type derived from it, and the catalog schema (catalog/schema.ts) builds
 * its enums from these, so the core never imports from the catalog. Roles are
 * in roles.ts beside their targets.
 */

/** Where a figure comes from: see catalog/schema.ts. */
export const FIGURE_KINDS = ["maker", "measured", "assumption", "user"] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/**
 * How far a figure can be trusted, beside its kind: `high` (read on the maker's
 * document or a lab's report, or two independent sources agree), `medium` (one
 * named secondary source quoting the maker), `low` (a row its own dataset marks
 * unverified, an undated list price, a figure quoted second-hand). A figure that
 * does not say takes its kind's default (see `confidenceOf` in core/facts.ts).
 */
export const CONFIDENCES = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const SENSITIVITY_UNITS = ["dB/mW", "dB/V"] as const;
export type SensitivityUnit = (typeof SENSITIVITY_UNITS)[number];

export const BACKS = ["open", "closed", "semi-open"] as const;
export type Back = (typeof BACKS)[number];

export const DRIVERS = ["dynamic", "planar", "electrostatic"] as const;
export type Driver = (typeof DRIVERS)[number];

/**
 * What a character note says of a model. Colouration has a degree: the
 * `slight-` tags, `warm`, `dark`, `mid-forward`, the presence tags and
 * `treble-peak` are mild colourations an engineer accounts for; `bright`,
 * `treble-lift`, `bass-lift` and `v-shaped` are strong ones that mislead a mix
 * (core/facts.ts `DEGREE`).
 */
export const CHARACTER_TAGS = [
  "neutral",
  "warm",
  "dark",
  "bright",
  "treble-lift",
  "slight-treble-lift",
  "treble-peak",
  "bass-lift",
  "slight-bass-lift",
  "presence-lift",
  "presence-dip",
  "v-shaped",
  "mid-forward",
  "wide-image",
  "intimate-image",
  "low-distortion",
  "detailed",
  // Fit and isolation, from reviews that describe them without a number.
  "isolating",
  "comfortable",
  "clamping",
] as const;
export type CharacterTag = (typeof CHARACTER_TAGS)[number];

/**
 * What a character note rests on: a `measurement` (a lab's or a reviewer's
 * measured curve or distortion figures), the `maker`'s own claim, or a
 * reviewer's `listening` (the default).
 */
export const NOTE_BASES = ["measurement", "maker", "listening"] as const;
export type NoteBasis = (typeof NOTE_BASES)[number];

/**
 * How strong the evidence for a fact is, strongest first: a measurement (a lab
 * figure, a measured curve), a maker's figure or claim, several independent
 * reviews that agree, one review (README, "Evidence grades").
 */
export const GRADES = ["measurement", "maker", "reviews", "review"] as const;
export type Grade = (typeof GRADES)[number];

/**
 * What an isolation figure means. `passive`: the cups and pads alone; `active`:
 * with noise cancelling. Over its band the figure is an `average`, the most
 * (`up-to`, "up to 32 dB") or the least (`at-least`, ">34 dB above 4 kHz").
 */
export const ISOLATION_ATTENUATIONS = ["passive", "active"] as const;
export type IsolationAttenuation = (typeof ISOLATION_ATTENUATIONS)[number];
export const ISOLATION_STATISTICS = ["average", "up-to", "at-least"] as const;
export type IsolationStatistic = (typeof ISOLATION_STATISTICS)[number];

/** Units an amplifier's output may be stated in. */
export const OUTPUT_UNITS = ["mW", "Vrms", "dBu", "dBV"] as const;
export type OutputUnit = (typeof OUTPUT_UNITS)[number];

export const SOURCE_TYPES = [
  "interface",
  "amplifier",
  "dongle",
  "computer",
  "phone",
  "distribution-amp",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** A headphone's rated input: a short-term peak or a long-term figure. */
export const MAX_INPUT_RATINGS = ["maximum", "continuous"] as const;
export type MaxInputRating = (typeof MAX_INPUT_RATINGS)[number];

/** Calibration vendors whose profile lists the catalog records. */
export const CALIBRATION_VENDORS = ["sonarworks"] as const;
export type CalibrationVendor = (typeof CALIBRATION_VENDORS)[number];

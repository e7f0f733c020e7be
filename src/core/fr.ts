/**
 * Frequency response: what a measured curve says about a headphone's
 * colouration, what correcting it to a target costs in headroom, and how near
 * two curves are. Pure: curves come in as numbers, results go out as numbers.
 *
 * The procedure follows AutoEq (github.com/jaakkopasanen/AutoEq), read in its
 * `autoeq/frequency_response.py` (`process`, `interpolate`, `compensate`,
 * `smoothen`, `equalize`, `harman_overear_preference_score`), `autoeq/utils.py`
 * (`generate_frequencies`, `smoothing_window_size`, `log_f_sigmoid`) and
 * `autoeq/constants.py`; no code is copied, the steps are re-derived:
 *
 * 1. Both curves are resampled onto AutoEq's grid (20 Hz to 20 kHz, each point
 *    1.01 times the last), linearly in log frequency.
 * 2. Levels are aligned on the mean error over ALIGN_BAND_HZ (AutoEq sets 0 dB
 *    at exactly 1 kHz; a band is not thrown off by a notch at 1 kHz).
 * 3. error = curve - target. The smoothed error is a quadratic Savitzky-Golay
 *    fit over 1/12 octave, blended into 2 octaves above 6-8 kHz, where
 *    measurements on a rig scatter with fit.
 * 4. The EQ is the inverse of the smoothed error with its slope limited to
 *    MAX_SLOPE_DB_PER_OCTAVE around boosts (AutoEq's `equalize`,
 *    `protection_mask`, `find_rtl_start`, `limited_ltr_slope`: a narrow dip
 *    in the response is not filled with a narrow boost), its boost capped at
 *    MAX_BOOST_DB (AutoEq's default max gain), smoothed over 1/5 octave, and
 *    capped again, so the cap holds after smoothing as documented (AutoEq
 *    caps before smoothing only). The parametric EQ is fitted to it (peq.ts).
 * 5. The preference score is Harman's over-ear model as AutoEq computes it:
 *    the raw error on the 1/12-octave nominal frequencies (ISO 3 R40 series)
 *    from 50 Hz to 10 kHz; std with ddof 1; the least-squares slope of the
 *    error against ln f; score = 114.490443008238 - 12.62 std - 15.5163857197367 |slope|.
 */

import type { CharacterNote, CharacterTag } from "./types.js";

/** A response curve: frequencies strictly rising, a level in dB at each. */
export interface Curve {
  frequencyHz: readonly number[];
  db: readonly number[];
}

/** The band whose mean error is set to 0 dB: two octaves around 1 kHz. */
export const ALIGN_BAND_HZ = { min: 500, max: 2000 } as const;
/** AutoEq's cap on the boost an EQ may apply (DEFAULT_MAX_GAIN). */
export const MAX_BOOST_DB = 6;
/** AutoEq's limit on the EQ's slope into a boost (DEFAULT_MAX_SLOPE). */
export const MAX_SLOPE_DB_PER_OCTAVE = 18;
/** The band the score and the tilt are worked out over (Harman's over-ear model). */
export const SCORE_BAND_HZ = { min: 50, max: 10_000 } as const;
/** Bass and treble: the mean error over these bands. */
export const BASS_BAND_HZ = { min: 20, max: 200 } as const;
export const TREBLE_BAND_HZ = { min: 4000, max: 10_000 } as const;
/** `closest` compares curves over this band: above 10 kHz a rig measures fit more than the headphone. */
export const CLOSEST_BAND_HZ = { min: 20, max: 10_000 } as const;
/** Peaks and dips are looked for here, and must stand out, and reach, at least this much. */
export const PEAK_BAND_HZ = { min: 20, max: 10_000 } as const;
export const PEAK_PROMINENCE_DB = 1;

/**
 * When a measured tag is given. Tilt is the error's slope per octave over the
 * score band; bass and treble are mean errors over their bands.
 */
export const TAG_THRESHOLDS = {
  /** tilt at or below: dark */
  darkTiltDbPerOctave: -0.6,
  /** tilt at or below (and above dark): warm */
  warmTiltDbPerOctave: -0.3,
  /** tilt at or above: bright */
  brightTiltDbPerOctave: 0.3,
  /** bass mean at or above: bass-lift */
  bassLiftDb: 3,
  /** treble mean at or above: treble-lift */
  trebleLiftDb: 3,
  /** bass and treble both at or above: v-shaped */
  vShapeDb: 2,
  /**
   * neutral: no other tag, |bass| and |treble| below neutralBandDb, the error's
   * std below neutralStdDb, and no peak or dip beyond neutralPeakDb
   */
  neutralBandDb: 2,
  neutralStdDb: 2.5,
  neutralPeakDb: 3,
} as const;

export type MeasuredTag = Extract<
  CharacterTag,
  "neutral" | "warm" | "dark" | "bright" | "bass-lift" | "treble-lift" | "v-shaped"
>;

export interface Extremum {
  frequencyHz: number;
  db: number;
}

export interface FrAnalysis {
  /** The shared grid and the curves on it, aligned (curve and target) for plotting. */
  frequencyHz: number[];
  curveDb: number[];
  targetDb: number[];
  errorDb: number[];
  errorSmoothedDb: number[];
  /** The correcting EQ curve: positive is boost. */
  eqDb: number[];
  /** Slope of the error against log2 f over the score band; negative: warm/dark. */
  tiltDbPerOctave: number;
  /** The same slope per natural-log unit, as the score uses it. */
  slopePerLn: number;
  stdDb: number;
  score: number;
  bassDb: number;
  trebleDb: number;
  peaks: Extremum[];
  dips: Extremum[];
  tags: MeasuredTag[];
}

/** AutoEq's grid: from 20 Hz, each frequency 1.01 times the last, up to 20 kHz. */
export function autoEqGrid(): number[] {
  const grid: number[] = [];
  for (let f = 20; f <= 20_000; f *= 1.01) grid.push(f);
  return grid;
}

/**
 * The 1/12-octave nominal frequencies of ISO 3's R40 series within a band
 * (the grid Harman's score is defined on).
 */
export function r40Frequencies(minHz: number, maxHz: number): number[] {
  const out: number[] = [];
  for (let decade = 1; decade <= 1e5; decade *= 10) {
    for (const m of R40) {
      const f = Math.round(m * decade * 100) / 100;
      if (f >= minHz && f <= maxHz) out.push(f);
    }
  }
  return out;
}
const R40 = [
  1, 1.06, 1.12, 1.18, 1.25, 1.32, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.12, 2.24, 2.36, 2.5, 2.65,
  2.8, 3, 3.15, 3.35, 3.55, 3.75, 4, 4.25, 4.5, 4.75, 5, 5.3, 5.6, 6, 6.3, 6.7, 7.1, 7.5, 8, 8.5, 9,
  9.5,
];

/**
 * The curve's level at each of `at` (rising), linear in log frequency between its
 * points and held at its end values beyond them (AutoEq extends the end
 * slopes; holding is the safer guess for a curve that stops short).
 */
export function resample(curve: Curve, at: readonly number[]): number[] {
  const xs = curve.frequencyHz.map(Math.log10);
  const ys = curve.db;
  const n = xs.length;
  const out = new Array<number>(at.length);
  let j = 0;
  for (let i = 0; i < at.length; i++) {
    const x = Math.log10(at[i] as number);
    if (x <= (xs[0] as number)) {
      out[i] = ys[0] as number;
      continue;
    }
    if (x >= (xs[n - 1] as number)) {
      out[i] = ys[n - 1] as number;
      continue;
    }
    // `at` rises, so the segment only moves right.
    while (j < n - 2 && x > (xs[j + 1] as number)) j++;
    const x0 = xs[j] as number;
    const x1 = xs[j + 1] as number;
    const t = (x - x0) / (x1 - x0);
    out[i] = (ys[j] as number) + t * ((ys[j + 1] as number) - (ys[j] as number));
  }
  return out;
}

/** Mean of `values` where `fs` lies in the band (inclusive). NaN if none do. */
export function bandMean(
  fs: readonly number[],
  values: readonly number[],
  band: { min: number; max: number },
): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i] as number;
    if (f >= band.min && f <= band.max) {
      sum += values[i] as number;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Window length in points for a smoothing width in octaves on a log grid (odd, as AutoEq rounds it). */
export function windowPoints(fs: readonly number[], octaves: number): number {
  let steps = 0;
  for (let i = 1; i < fs.length; i++) steps += (fs[i] as number) / (fs[i - 1] as number);
  const step = steps / (fs.length - 1);
  const n = Math.round((octaves * Math.LN2) / Math.log(step));
  return n % 2 === 0 ? n + 1 : n;
}

/**
 * Quadratic Savitzky-Golay smoothing with an odd window. The first and last
 * half-windows take the quadratic fitted to the first and last full window
 * (scipy's `mode="interp"`, which AutoEq uses).
 */
export function savitzkyGolay(values: readonly number[], window: number): number[] {
  const n = values.length;
  const w = Math.min(window, n % 2 === 0 ? n - 1 : n);
  if (w < 3) return [...values];
  const m = (w - 1) / 2;
  const denominator = (2 * m + 1) * (4 * m * m + 4 * m - 3);
  const coefficients: number[] = [];
  for (let k = -m; k <= m; k++) {
    coefficients.push((3 * (3 * m * m + 3 * m - 1) - 15 * k * k) / denominator);
  }
  const out = new Array<number>(n);
  for (let i = m; i < n - m; i++) {
    let s = 0;
    for (let k = -m; k <= m; k++) s += (coefficients[k + m] as number) * (values[i + k] as number);
    out[i] = s;
  }
  const head = fitQuadratic(values, 0, w);
  for (let i = 0; i < m; i++) out[i] = head(i);
  const tail = fitQuadratic(values, n - w, w);
  for (let i = n - m; i < n; i++) out[i] = tail(i);
  return out;
}

/** Least-squares quadratic through values[start .. start+count), as a function of the index. */
function fitQuadratic(
  values: readonly number[],
  start: number,
  count: number,
): (i: number) => number {
  const c = start + (count - 1) / 2;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  for (let i = start; i < start + count; i++) {
    const x = i - c;
    const y = values[i] as number;
    s0 += 1;
    s1 += x;
    s2 += x * x;
    s3 += x * x * x;
    s4 += x * x * x * x;
    t0 += y;
    t1 += x * y;
    t2 += x * x * y;
  }
  const [a, b, q] = solve3(
    [
      [s0, s1, s2],
      [s1, s2, s3],
      [s2, s3, s4],
    ],
    [t0, t1, t2],
  );
  return (i) => a + b * (i - c) + q * (i - c) * (i - c);
}

function solve3(m: number[][], v: number[]): [number, number, number] {
  const det = (a: number[][]) =>
    (a[0]?.[0] as number) *
      ((a[1]?.[1] as number) * (a[2]?.[2] as number) -
        (a[1]?.[2] as number) * (a[2]?.[1] as number)) -
    (a[0]?.[1] as number) *
      ((a[1]?.[0] as number) * (a[2]?.[2] as number) -
        (a[1]?.[2] as number) * (a[2]?.[0] as number)) +
    (a[0]?.[2] as number) *
      ((a[1]?.[0] as number) * (a[2]?.[1] as number) -
        (a[1]?.[1] as number) * (a[2]?.[0] as number));
  const d = det(m);
  const column = (k: number) =>
    m.map((row, r) => row.map((x, c) => (c === k ? (v[r] as number) : x)));
  return [det(column(0)) / d, det(column(1)) / d, det(column(2)) / d];
}

/** Weight of the treble smoothing at f: a logistic in log f across [lower, upper] (AutoEq's log_f_sigmoid). */
export function trebleWeight(f: number, lowerHz: number, upperHz: number): number {
  const centre = Math.log10(Math.sqrt(upperHz / lowerHz) * lowerHz);
  const halfRange = Math.log10(upperHz) - centre;
  return 1 / (1 + Math.exp(-(Math.log10(f) - centre) / (halfRange / 4)));
}

/** Smoothing over `octaves`, blended into `trebleOctaves` between 6 and 8 kHz. */
export function smoothLog(
  fs: readonly number[],
  values: readonly number[],
  octaves: number,
  trebleOctaves: number,
): number[] {
  const normal = savitzkyGolay(values, windowPoints(fs, octaves));
  const treble = savitzkyGolay(values, windowPoints(fs, trebleOctaves));
  return normal.map((y, i) => {
    const k = trebleWeight(fs[i] as number, 6000, 8000);
    return y * (1 - k) + (treble[i] as number) * k;
  });
}

/** Least-squares slope of y against x. */
export function slopeOf(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    sxy += dx * ((y[i] as number) - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

/** Sample standard deviation (ddof 1). */
export function sampleStd(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) * (v - mean), 0);
  return Math.sqrt(ss / (n - 1));
}

/** Harman's over-ear preference model, as AutoEq states it. */
export function preferenceScore(stdDb: number, slopePerLn: number): number {
  return 114.490443008238 - 12.62 * stdDb - 15.5163857197367 * Math.abs(slopePerLn);
}

/** std and slope (per ln f and per octave) of an error curve on the R40 grid of the score band. */
export function scoreFigures(fs: readonly number[], errorDb: readonly number[]) {
  const at = r40Frequencies(SCORE_BAND_HZ.min, SCORE_BAND_HZ.max);
  const e = resample({ frequencyHz: fs, db: errorDb }, at);
  const slopePerLn = slopeOf(at.map(Math.log), e);
  const stdDb = sampleStd(e);
  return {
    stdDb,
    slopePerLn,
    tiltDbPerOctave: slopePerLn * Math.LN2,
    score: preferenceScore(stdDb, slopePerLn),
  };
}

/** Local maxima of `values` standing out by at least `prominence` (scipy's find_peaks prominence). */
export function findPeaks(values: readonly number[], prominence: number): number[] {
  const n = values.length;
  const out: number[] = [];
  for (let i = 1; i < n - 1; i++) {
    const v = values[i] as number;
    if (!(v > (values[i - 1] as number))) continue;
    // A plateau counts once, at its left end.
    let j = i;
    while (j < n - 1 && values[j + 1] === v) j++;
    if (j >= n - 1 || !(v > (values[j + 1] as number))) continue;
    let leftMin = v;
    for (let k = i - 1; k >= 0 && (values[k] as number) <= v; k--)
      leftMin = Math.min(leftMin, values[k] as number);
    let rightMin = v;
    for (let k = j + 1; k < n && (values[k] as number) <= v; k++)
      rightMin = Math.min(rightMin, values[k] as number);
    if (v - Math.max(leftMin, rightMin) >= prominence) out.push(i);
  }
  return out;
}

function extrema(fs: readonly number[], values: readonly number[], sign: 1 | -1): Extremum[] {
  const lo = fs.findIndex((f) => f >= PEAK_BAND_HZ.min);
  let hi = fs.length - 1;
  while (hi > 0 && (fs[hi] as number) > PEAK_BAND_HZ.max) hi--;
  const slice = values.slice(lo, hi + 1).map((v) => sign * v);
  return (
    findPeaks(slice, PEAK_PROMINENCE_DB)
      .map((i) => ({ frequencyHz: fs[lo + i] as number, db: values[lo + i] as number }))
      // A peak under 1 dB can stand out by 1 dB beside a dip; listed are those reaching 1 dB.
      .filter((e) => sign * e.db >= PEAK_PROMINENCE_DB)
      .sort((a, b) => sign * (b.db - a.db))
      .slice(0, 3)
  );
}

/** Colouration tags from the figures, by TAG_THRESHOLDS. */
export function tagsFor(a: {
  tiltDbPerOctave: number;
  bassDb: number;
  trebleDb: number;
  stdDb: number;
  /** The largest |peak| or |dip| of the smoothed error. */
  extremeDb: number;
}): MeasuredTag[] {
  const t = TAG_THRESHOLDS;
  const tags: MeasuredTag[] = [];
  if (a.tiltDbPerOctave <= t.darkTiltDbPerOctave) tags.push("dark");
  else if (a.tiltDbPerOctave <= t.warmTiltDbPerOctave) tags.push("warm");
  else if (a.tiltDbPerOctave >= t.brightTiltDbPerOctave) tags.push("bright");
  if (a.bassDb >= t.vShapeDb && a.trebleDb >= t.vShapeDb) tags.push("v-shaped");
  if (a.bassDb >= t.bassLiftDb) tags.push("bass-lift");
  if (a.trebleDb >= t.trebleLiftDb) tags.push("treble-lift");
  if (
    tags.length === 0 &&
    Math.abs(a.bassDb) < t.neutralBandDb &&
    Math.abs(a.trebleDb) < t.neutralBandDb &&
    a.stdDb < t.neutralStdDb &&
    a.extremeDb < t.neutralPeakDb
  )
    tags.push("neutral");
  return tags;
}

/**
 * The EQ curve for a smoothed error: its inverse, the slope into each boost
 * limited to MAX_SLOPE_DB_PER_OCTAVE from both sides (the two limited curves
 * combined by their minimum), the boost capped, smoothed over 1/5 octave and
 * capped again.
 */
export function equalizationCurve(
  fs: readonly number[],
  errorSmoothedDb: readonly number[],
): number[] {
  const y = errorSmoothedDb.map((e) => -e);
  const peaks = findPeaks(y, 1);
  const dips = findPeaks(
    y.map((v) => -v),
    1,
  );
  const free = protectionMask(y, peaks, dips);
  const n = y.length;
  const ltr = limitRisingSlope(fs, y, 0, peaks, free);
  const flip = <T>(xs: readonly T[]) => [...xs].reverse();
  const rtl = flip(
    limitRisingSlope(
      flip(fs),
      flip(y),
      n - 1 - rtlStart(y, peaks, dips),
      peaks.map((i) => n - 1 - i),
      flip(free),
    ),
  );
  const capped = ltr.map((v, i) => Math.min(v, rtl[i] as number, MAX_BOOST_DB));
  return savitzkyGolay(capped, windowPoints(fs, 1 / 5)).map((v) => Math.min(v, MAX_BOOST_DB));
}

/**
 * Where the slope limit does not apply: around each cut (a dip of the EQ
 * curve) lower than the cuts on either side, out to where the curve climbs
 * back to their levels. The curve's end counts as a cut at its minimum.
 */
function protectionMask(y: readonly number[], peaks: number[], dips: number[]): boolean[] {
  const n = y.length;
  const mask = new Array<boolean>(n).fill(false);
  const lastPeak = peaks[peaks.length - 1];
  const lastDip = dips[dips.length - 1];
  const at = [...dips];
  const levels = dips.map((i) => y[i] as number);
  if (lastPeak !== undefined && (lastDip === undefined || lastPeak > lastDip)) {
    let low = lastPeak;
    for (let i = lastPeak; i < n; i++) if ((y[i] as number) < (y[low] as number)) low = i;
    at.push(low);
    levels.push(y[low] as number);
  } else {
    at.push(n - 1);
    levels.push(Math.min(...y));
  }
  for (let k = 1; k < at.length - 1; k++) {
    const dip = at[k] as number;
    let left = 0;
    for (let i = dip - 1; i >= 0; i--) {
      if ((y[i] as number) >= (levels[k - 1] as number)) {
        left = i + 1;
        break;
      }
    }
    let right = n - 1;
    for (let i = dip; i < n; i++) {
      if ((y[i] as number) >= (levels[k + 1] as number)) {
        right = i - 1;
        break;
      }
    }
    for (let i = left; i <= right; i++) mask[i] = true;
  }
  return mask;
}

/** Where the right-to-left pass starts: past the last boost, where the curve falls to the last cut's level. */
function rtlStart(y: readonly number[], peaks: number[], dips: number[]): number {
  const lastPeak = peaks[peaks.length - 1];
  const lastDip = dips[dips.length - 1];
  if (lastPeak === undefined || (lastDip !== undefined && lastDip > lastPeak)) {
    return lastDip ?? y.length - 1;
  }
  const level =
    lastDip !== undefined
      ? (y[lastDip] as number)
      : Math.max(y[0] as number, y[y.length - 1] as number);
  for (let i = lastPeak; i < y.length; i++) if ((y[i] as number) <= level) return i;
  return y.length - 1;
}

/**
 * `y` with every rise steeper than MAX_SLOPE_DB_PER_OCTAVE (walking from
 * index `start` on) held to that slope, outside `free`. A held stretch that
 * reaches no boost (an index in `peaks`) is let go again.
 */
function limitRisingSlope(
  fs: readonly number[],
  y: readonly number[],
  start: number,
  peaks: readonly number[],
  free: readonly boolean[],
): number[] {
  const out = y.slice(0, start + 1);
  let regionStart = -1;
  for (let i = start + 1; i < y.length; i++) {
    const octaves = Math.abs(Math.log2((fs[i] as number) / (fs[i - 1] as number)));
    const previous = out[i - 1] as number;
    if (((y[i] as number) - previous) / octaves > MAX_SLOPE_DB_PER_OCTAVE && !free[i]) {
      if (regionStart < 0) regionStart = i;
      out.push(previous + MAX_SLOPE_DB_PER_OCTAVE * octaves);
      continue;
    }
    out.push(y[i] as number);
    if (regionStart >= 0) {
      const from = regionStart;
      if (!peaks.some((p) => p >= from && p < i)) {
        for (let k = from; k < i; k++) out[k] = y[k] as number;
      }
      regionStart = -1;
    }
  }
  return out;
}

/** Everything `fr analyze` reports about a curve against a target. */
export function analyzeFr(curve: Curve, target: Curve): FrAnalysis {
  const fs = autoEqGrid();
  const raw = resample(curve, fs);
  const tgt = resample(target, fs);
  const offset = bandMean(
    fs,
    raw.map((r, i) => r - (tgt[i] as number)),
    ALIGN_BAND_HZ,
  );
  const curveDb = raw.map((r) => r - offset);
  // To a micro-decibel: a level offset then changes no bit of the error, so
  // the EQ fit, which can round a filter either way on the last bit of its
  // input, gives an offset copy of a curve the same filters.
  const errorDb = curveDb.map((r, i) => Math.round((r - (tgt[i] as number)) * 1e6) / 1e6);
  const errorSmoothedDb = smoothLog(fs, errorDb, 1 / 12, 2);
  const eqDb = equalizationCurve(fs, errorSmoothedDb);
  const { stdDb, slopePerLn, tiltDbPerOctave, score } = scoreFigures(fs, errorDb);
  const bassDb = bandMean(fs, errorDb, BASS_BAND_HZ);
  const trebleDb = bandMean(fs, errorDb, TREBLE_BAND_HZ);
  const peaks = extrema(fs, errorSmoothedDb, 1);
  const dips = extrema(fs, errorSmoothedDb, -1);
  const extremeDb = Math.max(0, ...[...peaks, ...dips].map((e) => Math.abs(e.db)));
  return {
    frequencyHz: fs,
    curveDb,
    targetDb: tgt,
    errorDb,
    errorSmoothedDb,
    eqDb,
    tiltDbPerOctave,
    slopePerLn,
    stdDb,
    score,
    bassDb,
    trebleDb,
    peaks,
    dips,
    tags: tagsFor({ tiltDbPerOctave, bassDb, trebleDb, stdDb, extremeDb }),
  };
}

/** RMS of the difference of two curves over CLOSEST_BAND_HZ, after aligning their levels there. */
export function rmsDifference(a: Curve, b: Curve): number {
  const fs = autoEqGrid().filter((f) => f >= CLOSEST_BAND_HZ.min && f <= CLOSEST_BAND_HZ.max);
  const ya = resample(a, fs);
  const yb = resample(b, fs);
  const d = ya.map((y, i) => y - (yb[i] as number));
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  return Math.sqrt(d.reduce((s, v) => s + (v - mean) * (v - mean), 0) / d.length);
}

/**
 * RMS of the difference of two analyses' smoothed errors over
 * CLOSEST_BAND_HZ, their mean difference removed: how alike two headphones
 * miss the same target, measurement scatter smoothed away as the analysis
 * smooths it.
 */
export function errorDistance(
  a: Pick<FrAnalysis, "frequencyHz" | "errorSmoothedDb">,
  b: Pick<FrAnalysis, "errorSmoothedDb">,
): number {
  const d: number[] = [];
  a.frequencyHz.forEach((f, i) => {
    if (f >= CLOSEST_BAND_HZ.min && f <= CLOSEST_BAND_HZ.max)
      d.push((a.errorSmoothedDb[i] as number) - (b.errorSmoothedDb[i] as number));
  });
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  return Math.sqrt(d.reduce((s, v) => s + (v - mean) * (v - mean), 0) / d.length);
}

/** A flat 0 dB target: the error is the curve itself. */
export const FLAT_TARGET: Curve = { frequencyHz: [20, 20_000], db: [0, 0] };

/** Whether two curves were measured on the same rig: unknown when either path does not say. */
export function compareRigs(a: string | null, b: string | null): "same" | "different" | "unknown" {
  if (a === null || b === null) return "unknown";
  return a === b ? "same" : "different";
}

/**
 * The measured tags as a character note, with the curve file as its source:
 * the neutrality rule reads these in preference to reviewers' words.
 */
export function measuredNote(
  a: Pick<FrAnalysis, "tags" | "tiltDbPerOctave" | "bassDb" | "trebleDb">,
  file: string,
  origin?: { source: string; rig: string },
): CharacterNote {
  const sign = (v: number) => `${v > 0 ? "+" : ""}${v.toFixed(1)}`;
  return {
    tags: a.tags,
    text: `measured${origin ? `: ${origin.source}, ${origin.rig}` : ""}: tilt ${sign(a.tiltDbPerOctave)} dB/octave, bass ${sign(a.bassDb)} dB, treble ${sign(a.trebleDb)} dB against the target`,
    ref: null,
    source: file,
    measured: true,
  };
}

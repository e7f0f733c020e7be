/**
 * A parametric EQ fitted to an EQ curve: the filters a user types into an
 * equaliser (Equalizer APO, most EQ apps), and the preamp that keeps their
 * boosted sum from clipping. Pure.
 *
 * The method follows AutoEq's `autoeq/peq.py` and `constants.py`
 * (github.com/jaakkopasanen/AutoEq), read, not copied:
 * - its default set for `ParametricEQ.txt` (`8_PEAKING_WITH_SHELVES`): a low
 *   shelf at 105 Hz and a high shelf at 10 kHz (Q 0.7, gain free) and eight
 *   peaking filters (20 Hz-10 kHz, Q 0.18248-6, gain ±20 dB);
 * - the loss: mean squared difference from the EQ curve on a grid of 2 %
 *   steps, with everything above 10 kHz counted by its mean only (there only
 *   the energy matters), plus a penalty on boosts steeper than 18 dB/octave
 *   (a sigmoid in gain / gain limit, the limit ≈ 20.575/Q − 0.095 dB, AutoEq's
 *   fit of where a peaking filter's slope reaches 18 dB/octave);
 * - the start: the shelves' gains as the EQ curve's mean weighted by a 1 dB
 *   shelf's response, then each peaking filter on the largest remaining peak or
 *   dip by width × height, its Q matching the width at half prominence;
 * - the filters are RBJ cookbook biquads; AutoEq applies them at 44.1 kHz by
 *   default, we at 48 kHz, the rate most interfaces run at.
 * AutoEq refines with SLSQP; here a bounded Levenberg-Marquardt over (log fc,
 * Q, gain) does, deterministically and in a few milliseconds.
 */
import { type FrAnalysis, resample } from "./fr.js";

export const FILTER_TYPES = ["LSC", "PK", "HSC"] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export interface PeqFilter {
  type: FilterType;
  fcHz: number;
  gainDb: number;
  q: number;
}

export interface Peq {
  /** Minus the filters' largest boost (0 when they only cut): set it before the filters. */
  preampDb: number;
  filters: PeqFilter[];
  /**
   * RMS of the filters' response less the EQ curve they stand for, 20 Hz to
   * 10 kHz (the measure AutoEq's optimiser minimises, its "target" being the
   * EQ curve).
   */
  errorDbRms: number;
}

/** The sample rate the filters are designed at. */
export const PEQ_SAMPLE_RATE_HZ = 48_000;
/** The band `errorDbRms` is worked out over, as AutoEq's figures are quoted. */
export const PEQ_ERROR_BAND_HZ = { min: 20, max: 10_000 } as const;

const SHELF_FC = { LSC: 105, HSC: 10_000 } as const;
const SHELF_Q = 0.7;
const PEAKING_COUNT = 8;
const FC_RANGE = { min: 20, max: 10_000 };
const Q_RANGE = { min: 0.18248, max: 6 };
const GAIN_RANGE = { min: -20, max: 20 };
/** Above this the loss counts the mean only. */
const ENERGY_ONLY_ABOVE_HZ = 10_000;

/** The grid the filters are fitted on: 20 Hz to 20 kHz in 2 % steps. */
function fitGrid(): number[] {
  const grid: number[] = [];
  for (let f = 20; f <= 20_000; f *= 1.02) grid.push(f);
  return grid;
}

/** cos(w) and cos(2w) at each frequency, for the magnitude of any biquad. */
interface Trig {
  cos1: Float64Array;
  cos2: Float64Array;
}

function trigFor(fs: readonly number[]): Trig {
  const cos1 = new Float64Array(fs.length);
  const cos2 = new Float64Array(fs.length);
  fs.forEach((f, i) => {
    const w = (2 * Math.PI * f) / PEQ_SAMPLE_RATE_HZ;
    cos1[i] = Math.cos(w);
    cos2[i] = Math.cos(2 * w);
  });
  return { cos1, cos2 };
}

/** The RBJ cookbook coefficients [b0, b1, b2, a0, a1, a2]. */
export function biquadCoefficients(f: PeqFilter): [number, number, number, number, number, number] {
  const a = 10 ** (f.gainDb / 40);
  const w0 = (2 * Math.PI * f.fcHz) / PEQ_SAMPLE_RATE_HZ;
  const c = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * f.q);
  if (f.type === "PK") {
    return [1 + alpha * a, -2 * c, 1 - alpha * a, 1 + alpha / a, -2 * c, 1 - alpha / a];
  }
  const s = 2 * Math.sqrt(a) * alpha;
  if (f.type === "LSC") {
    return [
      a * (a + 1 - (a - 1) * c + s),
      2 * a * (a - 1 - (a + 1) * c),
      a * (a + 1 - (a - 1) * c - s),
      a + 1 + (a - 1) * c + s,
      -2 * (a - 1 + (a + 1) * c),
      a + 1 + (a - 1) * c - s,
    ];
  }
  return [
    a * (a + 1 + (a - 1) * c + s),
    -2 * a * (a - 1 + (a + 1) * c),
    a * (a + 1 + (a - 1) * c - s),
    a + 1 - (a - 1) * c + s,
    2 * (a - 1 - (a + 1) * c),
    a + 1 - (a - 1) * c - s,
  ];
}

function responseInto(out: Float64Array, f: PeqFilter, t: Trig): void {
  const [b0, b1, b2, a0, a1, a2] = biquadCoefficients(f);
  const nb0 = b0 * b0 + b1 * b1 + b2 * b2;
  const nb1 = 2 * (b0 * b1 + b1 * b2);
  const nb2 = 2 * b0 * b2;
  const na0 = a0 * a0 + a1 * a1 + a2 * a2;
  const na1 = 2 * (a0 * a1 + a1 * a2);
  const na2 = 2 * a0 * a2;
  for (let i = 0; i < out.length; i++) {
    const c1 = t.cos1[i] as number;
    const c2 = t.cos2[i] as number;
    out[i] = 10 * Math.log10((nb0 + nb1 * c1 + nb2 * c2) / (na0 + na1 * c1 + na2 * c2));
  }
}

/** The filters' summed response in dB at each of `fs`, at PEQ_SAMPLE_RATE_HZ. */
export function peqResponse(filters: readonly PeqFilter[], fs: readonly number[]): number[] {
  const t = trigFor(fs);
  const sum = new Float64Array(fs.length);
  const one = new Float64Array(fs.length);
  for (const f of filters) {
    responseInto(one, f, t);
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (one[i] as number);
  }
  return Array.from(sum);
}

/** What the fit moves: per filter, log10 fc, Q and gain, or the gain alone for a shelf. */
interface Slot {
  type: FilterType;
  /** Index of its first parameter in the vector. */
  at: number;
}

function filterAt(s: Slot, p: Float64Array): PeqFilter {
  if (s.type === "PK") {
    return {
      type: "PK",
      fcHz: 10 ** (p[s.at] as number),
      q: p[s.at + 1] as number,
      gainDb: p[s.at + 2] as number,
    };
  }
  return { type: s.type, fcHz: SHELF_FC[s.type], q: SHELF_Q, gainDb: p[s.at] as number };
}

function boundsOf(slots: readonly Slot[], n: number): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (const s of slots) {
    if (s.type === "PK") {
      lo.set([Math.log10(FC_RANGE.min), Q_RANGE.min, GAIN_RANGE.min], s.at);
      hi.set([Math.log10(FC_RANGE.max), Q_RANGE.max, GAIN_RANGE.max], s.at);
    } else {
      lo[s.at] = GAIN_RANGE.min;
      hi[s.at] = GAIN_RANGE.max;
    }
  }
  return { lo, hi };
}

/** The gain at which a peaking filter of this Q gets steeper than 18 dB/octave (AutoEq's fit). */
function sharpGainLimit(q: number): number {
  return -0.09503189270199464 + 20.575128011847003 / q;
}

/** A peaking filter's sharpness penalty factor: near 0 below the 18 dB/octave gain, near 1 above. */
function sharpness(s: Slot, p: Float64Array): number {
  if (s.type !== "PK") return 0;
  const x = (p[s.at + 2] as number) / sharpGainLimit(p[s.at + 1] as number) - 1;
  const factor = 1 / (1 + Math.exp(-x * 100));
  // Far below the limit the factor is 0 in effect; kept exact, its products
  // would sink into subnormal numbers, which the processor works slowly.
  return factor < 1e-12 ? 0 : factor;
}

/**
 * The loss as least squares. Residuals: the difference from the target below
 * 10 kHz, the mean difference above (weighted by its point count), then each
 * peaking filter's response times its sharpness factor; all over √N, so that
 * the sum of squares is AutoEq's loss squared.
 */
class Loss {
  readonly scale: number;
  readonly highCount: number;
  constructor(
    readonly slots: readonly Slot[],
    readonly target: Float64Array,
    readonly lowCount: number,
    readonly trig: Trig,
  ) {
    this.scale = 1 / Math.sqrt(target.length);
    this.highCount = target.length - lowCount;
  }

  /** Each filter's response and sharpness factor at `p`. */
  state(p: Float64Array): { responses: Float64Array[]; factors: number[] } {
    const responses = this.slots.map((s) => {
      const r = new Float64Array(this.target.length);
      responseInto(r, filterAt(s, p), this.trig);
      return r;
    });
    return { responses, factors: this.slots.map((s) => sharpness(s, p)) };
  }

  /** The fit residuals (lowCount + 1 of them) for these responses. */
  fitResiduals(responses: readonly Float64Array[]): Float64Array {
    const out = new Float64Array(this.lowCount + 1);
    let high = 0;
    for (let i = 0; i < this.target.length; i++) {
      let d = this.target[i] as number;
      for (const r of responses) d -= r[i] as number;
      if (i < this.lowCount) out[i] = d * this.scale;
      else high += d;
    }
    out[this.lowCount] =
      this.highCount > 0 ? (high / this.highCount) * Math.sqrt(this.highCount) * this.scale : 0;
    return out;
  }

  cost(state: { responses: Float64Array[]; factors: number[] }): number {
    let c = sumSquares(this.fitResiduals(state.responses));
    state.responses.forEach((r, k) => {
      const f = (state.factors[k] as number) * this.scale;
      if (f !== 0) c += f * f * sumSquares(r);
    });
    return c;
  }
}

/**
 * Peaks of `y` (which is ≥ 0) with their prominence and their width in
 * samples at half prominence, as scipy's find_peaks reports them.
 */
function peaksWithWidth(y: Float64Array): { at: number; height: number; width: number }[] {
  const n = y.length;
  const out: { at: number; height: number; width: number }[] = [];
  for (let i = 1; i < n - 1; i++) {
    const v = y[i] as number;
    if (!(v > (y[i - 1] as number))) continue;
    let j = i;
    while (j < n - 1 && y[j + 1] === v) j++;
    if (j >= n - 1 || !(v > (y[j + 1] as number))) continue;
    const peak = Math.floor((i + j) / 2);
    let left = peak;
    let leftMin = v;
    for (let k = i - 1; k >= 0 && (y[k] as number) <= v; k--) {
      if ((y[k] as number) < leftMin) {
        leftMin = y[k] as number;
        left = k;
      }
    }
    let right = peak;
    let rightMin = v;
    for (let k = j + 1; k < n && (y[k] as number) <= v; k++) {
      if ((y[k] as number) < rightMin) {
        rightMin = y[k] as number;
        right = k;
      }
    }
    const prominence = v - Math.max(leftMin, rightMin);
    if (!(prominence > 0)) continue;
    const line = v - prominence / 2;
    let l = peak;
    while (l > left && (y[l] as number) > line) l--;
    const lx =
      (y[l] as number) < line
        ? l + (line - (y[l] as number)) / ((y[l + 1] as number) - (y[l] as number))
        : l;
    let r = peak;
    while (r < right && (y[r] as number) > line) r++;
    const rx =
      (y[r] as number) < line
        ? r - (line - (y[r] as number)) / ((y[r - 1] as number) - (y[r] as number))
        : r;
    out.push({ at: peak, height: v, width: rx - lx });
    i = j;
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** AutoEq's start: shelves on the curve's mean, then peaking filters on the largest features left. */
function initialise(
  slots: readonly Slot[],
  p: Float64Array,
  grid: readonly number[],
  target: Float64Array,
  t: Trig,
): void {
  const remaining = Float64Array.from(target);
  const response = new Float64Array(grid.length);
  const subtract = (f: PeqFilter) => {
    responseInto(response, f, t);
    for (let i = 0; i < remaining.length; i++)
      remaining[i] = (remaining[i] as number) - (response[i] as number);
  };
  for (const s of [...slots].filter((x) => x.type !== "PK").reverse()) {
    const type = s.type as keyof typeof SHELF_FC;
    const unit = { type, fcHz: SHELF_FC[type], q: SHELF_Q, gainDb: 1 };
    responseInto(response, unit, t);
    let dot = 0;
    let sum = 0;
    for (let i = 0; i < remaining.length; i++) {
      dot += (remaining[i] as number) * (response[i] as number);
      sum += response[i] as number;
    }
    p[s.at] = clamp(dot / sum, GAIN_RANGE.min, GAIN_RANGE.max);
    subtract(filterAt(s, p));
  }
  const minAt = grid.findIndex((f) => f >= FC_RANGE.min);
  let maxAt = grid.length - 1;
  while (maxAt > 0 && (grid[maxAt] as number) > FC_RANGE.max) maxAt--;
  const step = Math.log2((grid[1] as number) / (grid[0] as number));
  for (const s of slots.filter((x) => x.type === "PK")) {
    const up = peaksWithWidth(remaining.map((v) => Math.max(0, v)));
    const down = peaksWithWidth(remaining.map((v) => Math.max(0, -v)));
    const all = [...up.map((x) => ({ ...x, sign: 1 })), ...down.map((x) => ({ ...x, sign: -1 }))]
      .filter((x) => x.at >= minAt && x.at <= maxAt)
      .sort((a, b) => b.width * b.height - a.width * a.height || a.at - b.at);
    const best = all[0];
    if (best === undefined) {
      p.set([Math.log10(grid[Math.floor((minAt + maxAt) / 2)] as number), Math.SQRT2, 0], s.at);
    } else {
      const bw = best.width * step;
      const q = Math.sqrt(2 ** bw) / (2 ** bw - 1);
      p.set(
        [
          Math.log10(clamp(grid[best.at] as number, FC_RANGE.min, FC_RANGE.max)),
          clamp(q, Q_RANGE.min, Q_RANGE.max),
          clamp(best.sign * best.height, GAIN_RANGE.min, GAIN_RANGE.max),
        ],
        s.at,
      );
    }
    subtract(filterAt(s, p));
  }
}

/** Solve the symmetric positive definite system A x = b (Cholesky); null if it is not. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / (l[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = s / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = s / (l[i * n + i] as number);
  }
  return x;
}

const sumSquares = (r: Float64Array) => r.reduce((s, v) => s + v * v, 0);

/** Σ x[xo + i] · y[yo + i] for i < count. */
function dotAt(x: Float64Array, xo: number, y: Float64Array, yo: number, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += (x[xo + i] as number) * (y[yo + i] as number);
  return s;
}

/** out[o + i] = (probe[i] − base[i]) · k below `low`; returns Σ (probe − base) from `low` on. */
function differenceInto(
  out: Float64Array,
  o: number,
  probe: Float64Array,
  base: Float64Array,
  k: number,
  low: number,
): number {
  for (let i = 0; i < low; i++) out[o + i] = ((probe[i] as number) - (base[i] as number)) * k;
  let high = 0;
  for (let i = low; i < probe.length; i++) high += (probe[i] as number) - (base[i] as number);
  return high;
}

/** out[o + i] = (probe[i] · pf − base[i] · bf) · k: a change of a filter's penalty residuals. */
function penaltyInto(
  out: Float64Array,
  o: number,
  probe: Float64Array,
  pf: number,
  base: Float64Array,
  bf: number,
  k: number,
): void {
  for (let i = 0; i < probe.length; i++)
    out[o + i] = ((probe[i] as number) * pf - (base[i] as number) * bf) * k;
}

/**
 * Bounded Levenberg-Marquardt from `p`, with a forward-difference Jacobian.
 * A parameter moves only its own filter's response, so each column is one
 * filter's change, and the penalty rows of two filters never meet. The inner
 * loops are small functions called often: a command runs the fit once, and
 * the engine optimises a function called often sooner than a loop in one
 * called once.
 */
function refine(slots: readonly Slot[], p: Float64Array, loss: Loss): Float64Array {
  const n = p.length;
  const { lo, hi } = boundsOf(slots, n);
  const owner = new Int32Array(n);
  slots.forEach((s, k) => {
    for (let j = 0; j < (s.type === "PK" ? 3 : 1); j++) owner[s.at + j] = k;
  });
  const N = loss.target.length;
  const L = loss.lowCount;
  const F = L + 1;
  const scale = loss.scale;
  const highWeight = loss.highCount > 0 ? (Math.sqrt(loss.highCount) * scale) / loss.highCount : 0;
  const fitCols = new Float64Array(n * F);
  const penCols = new Float64Array(n * N);
  const penalised = slots.map((s) => s.type === "PK");
  const probe = new Float64Array(N);
  const jtj = new Float64Array(n * n);
  const jtr = new Float64Array(n);
  const damped = new Float64Array(n * n);
  let state = loss.state(p);
  let cost = loss.cost(state);
  let lambda = 1e-3;
  for (let iteration = 0; iteration < 25; iteration++) {
    for (let a = 0; a < n; a++) {
      const k = owner[a] as number;
      const slot = slots[k] as Slot;
      const saved = p[a] as number;
      const h = 1e-6 * Math.max(1, Math.abs(saved));
      // Step inward at an upper bound, so the probe stays feasible.
      const d = saved + h > (hi[a] as number) ? -h : h;
      p[a] = saved + d;
      responseInto(probe, filterAt(slot, p), loss.trig);
      const probeFactor = sharpness(slot, p);
      p[a] = saved;
      const base = state.responses[k] as Float64Array;
      const high = differenceInto(fitCols, a * F, probe, base, -scale / d, L);
      fitCols[a * F + L] = (-high / d) * highWeight;
      if (penalised[k]) {
        const factor = state.factors[k] as number;
        penaltyInto(penCols, a * N, probe, probeFactor, base, factor, scale / d);
      }
    }
    const fitR = loss.fitResiduals(state.responses);
    for (let a = 0; a < n; a++) {
      const oa = a * F;
      const ka = owner[a] as number;
      for (let b = 0; b <= a; b++) {
        const ob = b * F;
        let v = dotAt(fitCols, oa, fitCols, ob, F);
        if (ka === owner[b] && penalised[ka]) v += dotAt(penCols, a * N, penCols, b * N, N);
        jtj[a * n + b] = v;
        jtj[b * n + a] = v;
      }
      let g = dotAt(fitCols, oa, fitR, 0, F);
      if (penalised[ka]) {
        const f = (state.factors[ka] as number) * scale;
        g += dotAt(penCols, a * N, state.responses[ka] as Float64Array, 0, N) * f;
      }
      jtr[a] = -g;
    }
    let improved = false;
    for (let attempt = 0; attempt < 6; attempt++) {
      damped.set(jtj);
      for (let k = 0; k < n; k++) {
        const diagonal = jtj[k * n + k] as number;
        damped[k * n + k] = diagonal + lambda * Math.max(diagonal, 1e-9);
      }
      const step = solveSpd(damped, jtr, n);
      if (step === null) {
        lambda *= 8;
        continue;
      }
      const next = p.map((v, k) =>
        clamp(v + (step[k] as number), lo[k] as number, hi[k] as number),
      );
      const nextState = loss.state(next);
      const nextCost = loss.cost(nextState);
      if (nextCost < cost) {
        improved = (cost - nextCost) / cost > 1e-3;
        p = next;
        state = nextState;
        cost = nextCost;
        lambda = Math.max(lambda / 3, 1e-9);
        break;
      }
      lambda *= 8;
    }
    if (!improved) break;
  }
  return p;
}

/** How a filter is written: Fc to the hertz, gain to 0.1 dB, Q to 0.01 (Equalizer APO's file, AutoEq's rounding). */
export function roundFilter(f: PeqFilter): PeqFilter {
  return {
    type: f.type,
    fcHz: Math.round(f.fcHz),
    gainDb: Math.round(f.gainDb * 10) / 10,
    q: Math.round(f.q * 100) / 100,
  };
}

/**
 * Fit the filters to `eqDb` (the EQ curve on the rising grid `fs`) and judge
 * them as written (rounded) against it.
 */
export function fitPeq(fs: readonly number[], eqDb: readonly number[]): Peq {
  const grid = fitGrid();
  const target = Float64Array.from(resample({ frequencyHz: fs, db: eqDb }, grid));
  const lowCount = grid.findIndex((f) => f >= ENERGY_ONLY_ABOVE_HZ);
  const t = trigFor(grid);
  const slots: Slot[] = [{ type: "LSC", at: 0 }];
  for (let k = 0; k < PEAKING_COUNT; k++) slots.push({ type: "PK", at: 1 + 3 * k });
  slots.push({ type: "HSC", at: 1 + 3 * PEAKING_COUNT });
  const p = new Float64Array(2 + 3 * PEAKING_COUNT);
  initialise(slots, p, grid, target, t);
  const fitted = refine(slots, p, new Loss(slots, target, lowCount, t));
  const order = { LSC: 0, PK: 1, HSC: 2 } as const;
  const filters = slots
    .map((s) => roundFilter(filterAt(s, fitted)))
    .filter((f) => f.gainDb !== 0)
    .sort((a, b) => order[a.type] - order[b.type] || a.fcHz - b.fcHz);
  const response = peqResponse(filters, fs);
  const largestBoost = Math.max(0, ...response);
  let sum = 0;
  let count = 0;
  fs.forEach((f, i) => {
    if (f < PEQ_ERROR_BAND_HZ.min || f > PEQ_ERROR_BAND_HZ.max) return;
    const e = (response[i] as number) - (eqDb[i] as number);
    sum += e * e;
    count++;
  });
  return {
    preampDb: largestBoost === 0 ? 0 : -Math.ceil(largestBoost * 10) / 10,
    filters,
    errorDbRms: Math.sqrt(sum / count),
  };
}

/** The Equalizer APO text format (AutoEq's ParametricEQ.txt). */
export function equalizerApoText(peq: Peq): string {
  const lines = [`Preamp: ${peq.preampDb.toFixed(1)} dB`];
  peq.filters.forEach((f, i) => {
    lines.push(
      `Filter ${i + 1}: ON ${f.type} Fc ${f.fcHz.toFixed(0)} Hz Gain ${f.gainDb.toFixed(1)} dB Q ${f.q.toFixed(2)}`,
    );
  });
  return `${lines.join("\n")}\n`;
}

/** The parametric EQ for an analysed curve, fitted to its EQ curve. */
export function equalizeFr(a: Pick<FrAnalysis, "frequencyHz" | "eqDb">): Peq {
  return fitPeq(a.frequencyHz, a.eqDb);
}

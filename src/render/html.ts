/**
 * Pictures as one self-contained HTML page: inline SVG and CSS, no scripts,
 * fonts or images from anywhere, colours from CSS variables that follow
 * `prefers-color-scheme`. Strings only; the command writes the file.
 */
import type { AmpCheck, Verdict } from "../core/amp.js";
import { headroomText } from "../core/format.js";
import { type FrAnalysis, resample } from "../core/fr.js";
import { type Peq, peqResponse } from "../core/peq.js";
import type { RoleFit } from "../core/recommend.js";
import type { Headphone } from "../core/types.js";
import type { FrMeta } from "./fr.js";

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #666666; --grid: #dddddd;
  --s1: #1f5fbf; --s2: #d0342c; --s3: #2e8b57; --s4: #b8860b; --s5: #7b3fb5; --ok: #2e8b57; --bad: #d0342c; --mark: #1b1b1b; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181c; --fg: #e8e8e8; --muted: #a0a0a0; --grid: #3a3d44;
    --s1: #6ea8ff; --s2: #ff7a6e; --s3: #5fd38d; --s4: #f0c04a; --s5: #c79bff; --ok: #5fd38d; --bad: #ff7a6e; --mark: #e8e8e8; }
}
html { background: var(--bg); color: var(--fg); }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 980px; padding: 0 16px; }
h1 { font-size: 1.4em; margin: 0 0 4px; } h2 { font-size: 1.1em; margin: 28px 0 6px; }
p.meta, figcaption { color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0; } td, th { padding: 3px 12px 3px 0; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: normal; }
svg { width: 100%; height: auto; display: block; }
svg text { fill: var(--muted); font: 12px system-ui, sans-serif; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .zero { stroke: var(--muted); stroke-width: 1; }
svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg .thin { stroke-width: 1.5; opacity: 0.8; }
svg .s1 { stroke: var(--s1); } svg .s2 { stroke: var(--s2); } svg .s3 { stroke: var(--s3); } svg .s4 { stroke: var(--s4); } svg .s5 { stroke: var(--s5); }
svg .f1 { fill: var(--s1); } svg .f2 { fill: var(--s2); } svg .f3 { fill: var(--s3); } svg .f4 { fill: var(--s4); } svg .f5 { fill: var(--s5); }
svg .area { fill: var(--s3); opacity: 0.25; stroke: none; }
svg .bar-ok { fill: var(--ok); } svg .bar-marginal { fill: var(--s4); } svg .bar-bad { fill: var(--bad); } svg .bar-unknown { fill: var(--grid); }
svg .mark { stroke: var(--mark); stroke-width: 2; stroke-dasharray: 5 4; }
.legend span { margin-right: 16px; white-space: nowrap; } .legend i { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 6px; }
.legend i.thin { height: 2px; opacity: 0.8; }
.legend .k1 { background: var(--s1); } .legend .k2 { background: var(--s2); } .legend .k3 { background: var(--s3); } .legend .k4 { background: var(--s4); } .legend .k5 { background: var(--s5); }
`;

/** A whole page around `body`. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface Series {
  name: string;
  values: readonly number[];
  /** Drawn thin and faint (the raw error behind the smoothed one). */
  thin?: boolean;
  /** Filled down to 0 dB (the EQ's boost). */
  area?: boolean;
  /** Colour 1-5; by default the series' place. */
  tone?: number;
}

const W = 900;
const H = 320;
const PAD = { left: 52, right: 16, top: 12, bottom: 34 };
const X_TICKS = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000];

const fmtHz = (f: number) => (f >= 1000 ? `${f / 1000}k` : String(f));
const fixed = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * The widest span a plot's axis shows, in dB each side of 0: whatever the
 * values, the grid has a bounded number of lines and a value past it is drawn
 * at the edge.
 */
const PLOT_LIMIT_DB = 120;

/** The least and greatest finite value and `floor`/`ceil`, clamped to ±limit (a loop: a spread of 150,000 arguments overflows the stack). */
function extent(values: Iterable<number | null>, floor: number, ceil: number, limit: number) {
  let lo = floor;
  let hi = ceil;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo: Math.max(-limit, lo), hi: Math.min(limit, hi) };
}

/** Grid steps of 3, 6, 12... so a plot has at most a dozen or so lines. */
function gridStep(span: number, first: number): number {
  let step = first;
  while (span / step > 12) step *= 2;
  return step;
}

/** Curves against log frequency, 20 Hz to 20 kHz. */
export function svgFrequencyPlot(
  fs: readonly number[],
  series: readonly Series[],
  options: { label: string; minSpanDb?: number },
): string {
  const all = series.flatMap((s) => s.values.filter((_, i) => (fs[i] as number) >= 20));
  let { lo, hi } = extent(all, 0, 0, PLOT_LIMIT_DB);
  const span = Math.max(options.minSpanDb ?? 12, hi - lo);
  const mid = (lo + hi) / 2;
  lo = Math.floor((mid - span / 2 - 1) / 3) * 3;
  hi = Math.ceil((mid + span / 2 + 1) / 3) * 3;
  const x0 = Math.log10(20);
  const x1 = Math.log10(20_000);
  const px = (f: number) =>
    PAD.left + ((Math.log10(f) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [];
  const yStep = gridStep(hi - lo, 3);
  for (let v = Math.ceil(lo / yStep) * yStep; v <= hi; v += yStep) {
    parts.push(
      `<line class="${v === 0 ? "zero" : "grid"}" x1="${PAD.left}" x2="${W - PAD.right}" y1="${fixed(py(v))}" y2="${fixed(py(v))}"/>`,
      `<text x="${PAD.left - 6}" y="${fixed(py(v) + 4)}" text-anchor="end">${v > 0 ? "+" : ""}${v}</text>`,
    );
  }
  for (const f of X_TICKS) {
    parts.push(
      `<line class="grid" x1="${fixed(px(f))}" x2="${fixed(px(f))}" y1="${PAD.top}" y2="${H - PAD.bottom}"/>`,
      `<text x="${fixed(px(f))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${fmtHz(f)}</text>`,
    );
  }
  parts.push(
    `<text x="${W - PAD.right}" y="${H - 4}" text-anchor="end">Hz</text>`,
    `<text x="4" y="${fixed((H - PAD.bottom + PAD.top) / 2)}">dB</text>`,
  );
  series.forEach((s, k) => {
    const pts = s.values
      .map((v, i) => [fs[i] as number, v] as const)
      .filter(([f, v]) => f >= 20 && f <= 20_000 && Number.isFinite(v))
      .map(([f, v]) => `${fixed(px(f))},${fixed(py(Math.max(lo, Math.min(hi, v))))}`);
    if (pts.length === 0) return;
    if (s.area) {
      const first = pts[0]?.split(",")[0];
      const last = pts[pts.length - 1]?.split(",")[0];
      parts.push(
        `<polygon class="area" points="${first},${fixed(py(0))} ${pts.join(" ")} ${last},${fixed(py(0))}"/>`,
      );
    }
    parts.push(
      `<polyline class="line s${s.tone ?? (k % 5) + 1}${s.thin ? " thin" : ""}" data-series="${escapeHtml(s.name)}" points="${pts.join(" ")}"/>`,
    );
  });
  const legend = series
    .map(
      (s, k) =>
        `<span><i class="k${s.tone ?? (k % 5) + 1}${s.thin ? " thin" : ""}"></i>${escapeHtml(s.name)}</span>`,
    )
    .join("");
  return `<figure>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(options.label)}" xmlns="http://www.w3.org/2000/svg">
${parts.join("\n")}
</svg>
<figcaption class="legend">${legend}</figcaption>
</figure>`;
}

const signed = (v: number, digits = 1) => `${v > 0 ? "+" : ""}${v.toFixed(digits)}`;

const hzText = (f: number) =>
  f >= 1000 ? `${(f / 1000).toFixed(f >= 10_000 ? 0 : 1)} kHz` : `${Math.round(f)} Hz`;

/**
 * `fr analyze --html`: the curve over its target, the error, its peaks and
 * dips, the parametric EQ's filters, and the curve corrected by them.
 */
export function renderFrPage(a: FrAnalysis, peq: Peq, m: FrMeta): string {
  const target = m.target ?? "flat (0 dB)";
  const extremes = (xs: FrAnalysis["peaks"]) =>
    xs.length
      ? xs.map((p) => `${signed(p.db)} dB at ${hzText(p.frequencyHz)}`).join(", ")
      : "none over 1 dB";
  const rows: [string, string][] = [
    ["Tilt", `${signed(a.tiltDbPerOctave, 2)} dB/octave (50 Hz–10 kHz; negative: warm/dark)`],
    ["Bass", `${signed(a.bassDb)} dB (mean error 20–200 Hz)`],
    ["Treble", `${signed(a.trebleDb)} dB (mean error 4–10 kHz)`],
    ["Peaks", extremes(a.peaks)],
    ["Dips", extremes(a.dips)],
    [
      "Preamp",
      `${peq.preampDb.toFixed(1)} dB (headroom the parametric EQ below costs; boost capped at 6 dB)`,
    ],
    [
      "Score",
      m.target === null ? "— (needs a target)" : `${a.score.toFixed(1)} (Harman over-ear model)`,
    ],
    ["Tags", `${a.tags.join(", ") || "none"} (measured)`],
  ];
  const response = peqResponse(peq.filters, a.frequencyHz);
  const corrected = a.curveDb.map((v, i) => v + (response[i] as number));
  const filters = peq.filters.length
    ? `<table class="peq"><tr><th>#</th><th>Type</th><th>Fc (Hz)</th><th>Gain (dB)</th><th>Q</th></tr>${peq.filters
        .map(
          (f, i) =>
            `<tr><td>${i + 1}</td><td>${f.type}</td><td>${f.fcHz}</td><td>${signed(f.gainDb)}</td><td>${f.q.toFixed(2)}</td></tr>`,
        )
        .join("")}</table>`
    : `<p class="meta">No filters needed.</p>`;
  const body = `<h1>${escapeHtml(m.file)}</h1>
<p class="meta">${escapeHtml(m.format)} · rig ${escapeHtml(m.rig ?? "unknown")}${m.source ? ` · measured by ${escapeHtml(m.source)}` : ""} · target ${escapeHtml(target)}</p>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>
<h2>Response and target</h2>
${svgFrequencyPlot(
  a.frequencyHz,
  [
    { name: "target", values: a.targetDb },
    { name: "measured (aligned 500 Hz–2 kHz)", values: a.curveDb },
  ],
  { label: "measured response and target" },
)}
<h2>Error (measured − target)</h2>
${svgFrequencyPlot(
  a.frequencyHz,
  [
    { name: "error", values: a.errorDb, thin: true },
    { name: "error, smoothed", values: a.errorSmoothedDb },
  ],
  { label: "error curve", minSpanDb: 12 },
)}
<h2>Parametric EQ</h2>
<p class="meta">Preamp ${peq.preampDb.toFixed(1)} dB, then these filters (48 kHz biquads, as Equalizer APO applies them). The filters are within ${peq.errorDbRms.toFixed(2)} dB RMS of the EQ curve from 20 Hz to 10 kHz.</p>
${filters}
${svgFrequencyPlot(
  a.frequencyHz,
  [
    { name: "EQ curve (above 0 dB boosts, below cuts)", values: a.eqDb, area: true, tone: 3 },
    { name: "parametric EQ", values: response, tone: 5 },
  ],
  { label: "EQ curve and parametric EQ", minSpanDb: 12 },
)}
<h2>Corrected by the parametric EQ</h2>
${svgFrequencyPlot(
  a.frequencyHz,
  [
    { name: "target", values: a.targetDb },
    { name: "corrected", values: corrected, tone: 3 },
  ],
  { label: "corrected response and target" },
)}
<p class="meta">Written by hpadvise. Method after AutoEq (github.com/jaakkopasanen/AutoEq).</p>`;
  return htmlPage(`${m.file}: frequency response`, body);
}

/** Headroom bars: one per row, the verdict's colour, 0 dB (the role's target) marked. */
export function svgHeadroomBars(
  rows: readonly { label: string; headroomDb: number | null; verdict: string }[],
  options: { label: string; targetLabel: string },
): string {
  const rowH = 26;
  const left = 250;
  // Names start at the left edge and are cut to the room before the bars (12 px type: about 7 px a character).
  const nameChars = Math.floor((left - 16) / 7);
  const right = 60;
  const h = PAD.top + rows.length * rowH + 44;
  const range = extent(
    rows.map((r) => r.headroomDb),
    -6,
    6,
    PLOT_LIMIT_DB,
  );
  const step = gridStep(range.hi - range.lo, 6);
  const lo = Math.floor(range.lo / step) * step;
  const hi = Math.ceil(range.hi / step) * step;
  const px = (v: number) => left + ((v - lo) / (hi - lo)) * (W - left - right);
  const parts: string[] = [];
  for (let v = lo; v <= hi; v += step) {
    parts.push(
      `<line class="grid" x1="${fixed(px(v))}" x2="${fixed(px(v))}" y1="${PAD.top}" y2="${h - 40}"/>`,
      `<text x="${fixed(px(v))}" y="${h - 24}" text-anchor="middle">${v > 0 ? "+" : ""}${v}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = PAD.top + i * rowH;
    const name = r.label.length > nameChars ? `${r.label.slice(0, nameChars - 1)}…` : r.label;
    parts.push(
      `<text class="name" x="4" y="${y + rowH / 2 + 4}"><title>${escapeHtml(r.label)}</title>${escapeHtml(name)}</text>`,
    );
    if (r.headroomDb === null) {
      parts.push(
        `<rect class="bar bar-unknown" data-label="${escapeHtml(r.label)}" x="${fixed(px(lo))}" y="${y + 5}" width="${fixed(px(hi) - px(lo))}" height="${rowH - 10}" opacity="0.4"/>`,
        `<text x="${fixed(px(0) + 6)}" y="${y + rowH / 2 + 4}">unknown</text>`,
      );
      return;
    }
    const v = Math.max(lo, Math.min(hi, r.headroomDb));
    const x = Math.min(px(0), px(v));
    parts.push(
      `<rect class="bar ${r.verdict === "ok" ? "bar-ok" : r.verdict === "marginal" ? "bar-marginal" : "bar-bad"}" data-label="${escapeHtml(r.label)}" x="${fixed(x)}" y="${y + 5}" width="${fixed(Math.max(1, Math.abs(px(v) - px(0))))}" height="${rowH - 10}"/>`,
      // Right of the bar's outer end, or of the target line for a short bar: never over the names.
      `<text class="value" x="${fixed(Math.max(px(v), px(0)) + 6)}" y="${y + rowH / 2 + 4}">${headroomText(r.headroomDb, r.verdict as Verdict)}</text>`,
    );
  });
  parts.push(
    `<line class="mark target" x1="${fixed(px(0))}" x2="${fixed(px(0))}" y1="${PAD.top - 4}" y2="${h - 40}"/>`,
    `<text x="${fixed(px(0))}" y="${h - 6}" text-anchor="middle">${escapeHtml(options.targetLabel)}</text>`,
  );
  return `<figure>
<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${escapeHtml(options.label)}" xmlns="http://www.w3.org/2000/svg">
${parts.join("\n")}
</svg>
</figure>`;
}

/** `check-amp --headphone ID --html`: headroom at the role's target on every source. */
export function renderCheckAmpPage(
  headphone: { name: string },
  checks: readonly AmpCheck[],
  head: { role: string; targetSplDb: number },
): string {
  const rows = checks.map((c) => ({
    label: c.source.name,
    headroomDb: c.headroomDb,
    verdict: c.verdict,
  }));
  const body = `<h1>${escapeHtml(headphone.name)} on every source</h1>
<p class="meta">Headroom above ${head.targetSplDb} dB SPL peaks (${escapeHtml(head.role)}): bars right of the dashed line reach the target. Green: ok; amber: marginal; red: insufficient; grey: unknown.</p>
${svgHeadroomBars(rows, { label: `headroom of ${headphone.name} per source`, targetLabel: `${head.role} target (${head.targetSplDb} dB SPL)` })}
<table><tr><th>Source</th><th>Verdict</th><th>Why</th></tr>${checks
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.source.name)}</td><td>${c.verdict}</td><td>${escapeHtml(c.reason)}</td></tr>`,
    )
    .join("")}</table>
<p class="meta">Written by hpadvise.</p>`;
  return htmlPage(`${headphone.name}: headroom per source`, body);
}

/** `compare --html`: the models side by side, with their measured curves where the catalog gives them. */
export function renderComparePage(
  hs: readonly Headphone[],
  fits: Record<string, RoleFit[]>,
  curves: readonly { id: string; frequencyHz: readonly number[]; db: readonly number[] }[],
  conclusions: readonly { text: string }[] = [],
): string {
  const cell = (v: string | number | null | undefined) =>
    escapeHtml(v === null || v === undefined ? "—" : String(v));
  const row = (label: string, f: (h: Headphone) => string | number | null) =>
    `<tr><th>${escapeHtml(label)}</th>${hs.map((h) => `<td>${cell(f(h))}</td>`).join("")}</tr>`;
  const roles = Object.keys(fits);
  const fitText = (id: string, role: string) => {
    const f = fits[role]?.find((x) => x.id === id);
    if (!f) return "—";
    return f.excluded !== null
      ? `${f.fit}: excluded, ${f.excluded}`
      : `${f.fit}, ${f.score?.toFixed(1)} (#${f.rank} of ${f.of})`;
  };
  const table = `<table>
<tr><th></th>${hs.map((h) => `<th>${escapeHtml(h.name)}</th>`).join("")}</tr>
${row("Back", (h) => h.back)}
${row("Driver", (h) => h.driver)}
${row("Impedance (Ω)", (h) => h.impedanceOhms)}
${row("Sensitivity (dB/V)", (h) => (h.sensitivity?.dbPerV == null ? null : h.sensitivity.dbPerV.toFixed(1)))}
${row("Weight (g)", (h) => h.weightGrams)}
${row("Price (USD)", (h) => h.priceUsd)}
${row("Character", (h) => [...new Set(h.character.flatMap((c) => c.tags))].join(", ") || null)}
${roles.map((r) => `<tr><th>${escapeHtml(r)}</th>${hs.map((h) => `<td>${escapeHtml(fitText(h.id, r))}</td>`).join("")}</tr>`).join("\n")}
</table>`;
  let plot = `<p class="meta">No measured curves: a catalog entry can point to one with <code>frequencyResponse: {file, rig, source}</code>.</p>`;
  if (curves.length > 0) {
    const grid: number[] = [];
    for (let f = 20; f <= 20_000; f *= 1.02) grid.push(f);
    const series = curves.map((c) => ({
      name: hs.find((h) => h.id === c.id)?.name ?? c.id,
      values: resample(c, grid),
    }));
    plot = svgFrequencyPlot(grid, series, { label: "measured responses" });
    const without = hs.filter((h) => !curves.some((c) => c.id === h.id));
    if (without.length > 0)
      plot += `\n<p class="meta">No measured curve for ${without.map((h) => escapeHtml(h.name)).join(", ")}: not drawn.</p>`;
  }
  const body = `<h1>${hs.map((h) => escapeHtml(h.name)).join(" vs ")}</h1>
${table}
${conclusions.length > 0 ? `<h2>Which suits better</h2>\n${conclusions.map((c) => `<p>${escapeHtml(c.text)}</p>`).join("\n")}` : ""}
<h2>Measured responses</h2>
${plot}
<p class="meta">Written by hpadvise.</p>`;
  return htmlPage(hs.map((h) => h.name).join(" vs "), body);
}

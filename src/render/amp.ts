/** Amp-check renderers: one check, a matrix, an overview. Strings only. */
import type { ChalkInstance } from "chalk";
import type { AmpCheck, Flag, Verdict } from "../core/amp.js";
import type { Fix, FixKind, MissingFigures, Remedy } from "../core/fixes.js";
import { fixed, headroomText, sig, signedDb } from "../core/format.js";
import type { Headphone, Source } from "../core/types.js";
import type { RenderOptions } from "./catalog.js";
import { DASH, hang, renderFittedTable, renderTable, textWidth, usd } from "./text.js";

/** Headroom bar: ±`span` dB around a centre line, `half` cells each side. */
export function headroomBar(
  headroomDb: number | null,
  chalk: ChalkInstance,
  half = 8,
  span = 24,
): string {
  if (headroomDb === null) return `${" ".repeat(half)}?${" ".repeat(half)}`;
  const cells = Math.min(half, Math.round((Math.abs(headroomDb) / span) * half));
  const fill = "■".repeat(cells);
  if (headroomDb < 0) {
    return `${" ".repeat(half - cells)}${chalk.red(fill)}│${" ".repeat(half)}`;
  }
  return `${" ".repeat(half)}│${chalk.green(fill)}${" ".repeat(half - cells)}`;
}

export function verdictText(v: Verdict, chalk: ChalkInstance, upper = false): string {
  const text = upper ? v.toUpperCase() : v;
  switch (v) {
    case "ok":
      return chalk.green(text);
    case "marginal":
      return chalk.yellow(text);
    case "insufficient":
      return chalk.red(text);
    default:
      return chalk.dim(text);
  }
}

function flagLine(f: Flag, chalk: ChalkInstance, columns: number): string {
  const mark =
    f.severity === "error"
      ? chalk.red("✗")
      : f.severity === "warn"
        ? chalk.yellow("!")
        : chalk.dim("i");
  return hang(`  ${mark} `, `${chalk.bold(f.code)}: ${f.message}`, columns, "    ");
}

/** A check's headroom as its verdict reads it (never "+3 dB" beside MARGINAL, never "−0 dB"). */
const dB = (c: AmpCheck) => (c.headroomDb === null ? DASH : headroomText(c.headroomDb, c.verdict));

export interface CheckRenderExtras {
  explain?: boolean | undefined;
  /** Why the target is what it is (the role's assumption, or "set with --target-spl"). */
  targetWhy?: string | undefined;
  /** What would fix a shortfall, or the figures an unknown verdict lacks. */
  remedy?: Remedy | null | undefined;
  /** The figures the user typed, described: marked so they are not taken for catalog data. */
  userFigures?: string | undefined;
}

export function renderCheck(c: AmpCheck, o: RenderOptions, extras: CheckRenderExtras = {}): string {
  const { chalk, columns } = o;
  /** A labelled line: the label, then the text wrapped under itself. */
  const labelled = (label: string, text: string) => hang(label.padEnd(10), text, columns);
  const lines: string[] = [];
  lines.push(hang("", `${chalk.bold(c.headphone.name)} on ${chalk.bold(c.source.name)}`, columns));
  lines.push(hang(`${verdictText(c.verdict, chalk, true)}  `, c.reason, columns, "  "));
  if (extras.userFigures) lines.push(chalk.cyan(hang("Yours: ", extras.userFigures, columns)));
  lines.push("");
  const need = c.required;
  const have = c.available;
  // Small requirements to significant figures: 0.00316 mW, not "0 mW".
  const figure = (n: number | undefined, unit: string) =>
    n === undefined ? DASH : `${sig(n)} ${unit}`;
  const rows = [
    ["Voltage", figure(need?.vrms, "Vrms"), figure(have?.vrms, "Vrms")],
    ["Current", figure(need?.ma, "mA"), figure(have?.ma, "mA")],
    ["Power", figure(need?.mw, "mW"), figure(have?.mw, "mW")],
    ...(c.maxInputMw === null
      ? []
      : [
          [
            "Rated input",
            "",
            `${sig(c.maxInputMw)} mW${c.maxInputRating ? ` ${c.maxInputRating}` : ""}`,
          ],
        ]),
    [
      "Peak SPL",
      `${fixed(c.targetSplDb)} dB SPL`,
      c.maxSplDb === null ? DASH : `${fixed(c.maxSplDb)} dB SPL`,
    ],
  ];
  lines.push(
    renderTable(["", "Needed", "Available"], rows, {
      chalk,
      columns: o.columns,
      right: [1, 2],
    }).trimEnd(),
  );
  lines.push("");
  lines.push(`Headroom  ${dB(c)}  ${headroomBar(c.headroomDb, chalk)}`.trimEnd());
  if (c.bestHeadroomDb !== null)
    lines.push(
      labelled("", `${signedDb(c.bestHeadroomDb)} at best: the output impedance is not stated`),
    );
  if (extras.targetWhy)
    lines.push(
      chalk.dim(
        labelled(
          "Target",
          `${fixed(c.targetSplDb)} dB SPL peaks, what the chain must reach (not a level to listen at): ${extras.targetWhy}`,
        ),
      ),
    );
  if (c.eqHeadroomDb > 0)
    lines.push(
      chalk.dim(
        labelled(
          "EQ",
          `${fixed(c.eqHeadroomDb)} dB given up to correction EQ, counted in what is needed`,
        ),
      ),
    );
  const zo = c.outputImpedanceOhms;
  const load = c.loadOhms === null ? "?" : sig(c.loadOhms);
  // A 0 Ω output damps without limit: a figure, not the dash of an unknown one.
  const damping =
    zo === null
      ? `${DASH} (output impedance not stated)`
      : zo === 0
        ? `∞ (${load} Ω / 0 Ω)`
        : c.dampingFactor === null
          ? DASH
          : `${fixed(c.dampingFactor)} (${load} Ω / ${sig(zo)} Ω)`;
  lines.push(
    labelled(
      "Damping",
      `${damping}${c.frDeviationDb === null ? "" : `, response shift ${fixed(c.frDeviationDb, 2)} dB`}`,
    ),
  );
  if (c.noiseSplDb !== null) lines.push(labelled("Hiss", `${fixed(c.noiseSplDb)} dB SPL`));
  if (c.sensitivityKind !== null) {
    lines.push(
      chalk.dim(
        labelled(
          "Figures",
          `sensitivity is the ${c.sensitivityKind === "measured" ? "bench-measured" : c.sensitivityKind} figure${c.flags.some((f) => f.code === "output-rating-uncertain") ? " and the output rating of low confidence" : ""} (±${c.uncertaintyDb} dB); verdicts inside that band are marginal`,
        ),
      ),
    );
  }
  if (c.flags.length) {
    lines.push("", chalk.bold("Flags"), ...c.flags.map((f) => flagLine(f, chalk, columns)));
  }
  if (extras.explain && c.steps.length) {
    lines.push("", chalk.bold("Arithmetic"), ...c.steps.map((s) => hang("  ", s, columns, "    ")));
  }
  if (extras.remedy) lines.push("", ...remedyLines(extras.remedy, o));
  return `${lines.join("\n")}\n`;
}

const KIND_HEADINGS: Record<FixKind, string> = {
  amplifier: "Headphone amplifiers",
  interface: "Interfaces and AD/DA converters",
};

/** By kind (the suggestions' order), priced ones first, the rest under "price not in the catalog". */
function remedyLines(r: Remedy, o: RenderOptions): string[] {
  const { chalk, columns } = o;
  if (r.verdict === "unknown")
    return [chalk.bold("What is missing"), ...missingLines(r.missing, columns)];
  const lines = [chalk.bold("What would fix it")];
  if (r.fixes.length === 0)
    lines.push(
      hang("  ", "no amplifier in the catalog has the sourced figures to show it would", columns),
    );
  const idWidth = r.fixes.reduce((w, f) => Math.max(w, f.source.id.length), 0);
  const price = (f: Fix) => usd(f.source.priceUsd, f.priceApproximate);
  const priceWidth = r.fixes.reduce(
    (w, f) => Math.max(w, f.source.priceUsd === null ? 0 : price(f).length),
    0,
  );
  for (const kind of Object.keys(KIND_HEADINGS) as FixKind[]) {
    const ofKind = r.fixes.filter((f) => f.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(hang("  ", KIND_HEADINGS[kind], columns));
    let unpricedHeading = false;
    for (const f of ofKind) {
      const known = f.source.priceUsd !== null;
      if (!known && !unpricedHeading) {
        lines.push(hang("    ", chalk.dim("price not in the catalog:"), columns));
        unpricedHeading = true;
      }
      lines.push(
        hang(
          `    ${f.source.id.padEnd(idWidth)} `,
          `${known ? `${price(f).padStart(priceWidth)}  ` : ""}${dB(f.check)} headroom`,
          columns,
          "      ",
        ),
      );
    }
  }
  return lines;
}

/** The figures an unknown verdict lacks, and the three ways to supply each. */
function missingLines(m: MissingFigures, columns: number): string[] {
  const lines: string[] = [];
  if (m.source)
    lines.push(
      hang(
        "  ",
        "the source's headphone-output figures (a voltage or power into a load, the output impedance). Supply them: on the command line with --vout and --zout (or --power, --current-limit); measure it with `hpadvise measure source --save NAME`; or describe it with `hpadvise add source`.",
        columns,
        "  ",
      ),
    );
  if (m.headphone)
    lines.push(
      hang(
        "  ",
        "the headphone's impedance and sensitivity. Supply them: on the command line with --impedance and --sensitivity; or describe it with `hpadvise add headphone`.",
        columns,
        "  ",
      ),
    );
  lines.push(hang("  ", "Nothing to buy until the verdict can be judged.", columns, "  "));
  return lines;
}

/** One headphone against many sources (or one source against many headphones). */
export function renderMatrix(
  checks: readonly AmpCheck[],
  by: "source" | "headphone",
  o: RenderOptions,
): string {
  const { chalk } = o;
  const shown = (c: AmpCheck) =>
    c.flags
      .filter((f) => f.severity !== "info" || f.code === "output-impedance-high")
      .map((f) => f.code)
      .join(", ");
  const name = (c: AmpCheck) => (by === "source" ? c.source.id : c.headphone.id);
  const head = by === "source" ? "Source" : "Headphone";
  const withBar = {
    headers: [head, "Verdict", "Max SPL", "Headroom", "", "Flags"],
    rows: checks.map((c) => [
      name(c),
      verdictText(c.verdict, chalk),
      c.maxSplDb === null ? DASH : `${fixed(c.maxSplDb)} dB`,
      dB(c),
      headroomBar(c.headroomDb, chalk, 6),
      shown(c),
    ]),
    wrap: [5],
    right: [2, 3],
  };
  // Narrow: no bar; then no maximum SPL (the headroom says the same against the target).
  const noBar = {
    headers: [head, "Verdict", "Max SPL", "Headroom", "Flags"],
    rows: withBar.rows.map((r) => [...r.slice(0, 4), r[5] as string]),
    wrap: [4],
    right: [2, 3],
  };
  const narrow = {
    headers: [head, "Verdict", "Headroom", "Flags"],
    rows: withBar.rows.map((r) => [r[0], r[1], r[3], r[5]] as string[]),
    wrap: [3],
    right: [2],
  };
  // Narrower still: a long id is cut rather than the table given up for a list.
  const cutIds = {
    ...narrow,
    rows: narrow.rows.map((r) => [cutId(r[0] as string), ...r.slice(1)]),
  };
  return renderFittedTable([withBar, noBar, narrow, cutIds], { chalk, columns: o.columns });
}

/** Ids past this are cut in the narrowest table (the whole id is in --json and `list`). */
const ID_CUT = 16;
const cutId = (id: string) => (id.length > ID_CUT ? `${id.slice(0, ID_CUT - 1)}…` : id);

/** A source against the catalog: which headphones it drives well, adequately, or not. */
export function renderOverview(checks: readonly AmpCheck[], o: RenderOptions): string {
  const { chalk } = o;
  const groups: [Verdict, string][] = [
    ["ok", "Drives well"],
    ["marginal", "Adequately (within the spread of real units)"],
    ["insufficient", "Not loud enough"],
    ["unknown", "Cannot judge (figures not sourced)"],
  ];
  const out: string[] = [];
  // Ids line up across the groups, however long the longest.
  const idWidth = checks.reduce((w, c) => Math.max(w, c.headphone.id.length), 14);
  for (const [verdict, title] of groups) {
    const inGroup = checks.filter((c) => c.verdict === verdict);
    if (inGroup.length === 0) continue;
    const list =
      verdict === "unknown"
        ? hang("  ", inGroup.map((c) => c.headphone.id).join(", "), o.columns)
        : inGroup
            .map((c) => {
              const line = `  ${c.headphone.id.padEnd(idWidth)} ${dB(c).padStart(9)}`;
              const bar = `  ${headroomBar(c.headroomDb, chalk, 6)}`.trimEnd();
              return textWidth(line) + textWidth(bar) <= o.columns ? `${line}${bar}` : line;
            })
            .join("\n");
    out.push(`${hang("", `${chalk.bold(title)} (${inGroup.length})`, o.columns)}\n${list}`);
  }
  return `${out.join("\n\n")}\n`;
}

/** For a headphone card: each preset's verdict at each role's target. */
export function renderDrivability(
  rows: { source: string; checks: AmpCheck[] }[],
  roles: readonly { role: string; targetSplDb: number }[],
  o: RenderOptions,
): string {
  const { chalk } = o;
  const table = renderTable(
    ["Source", ...roles.map((r) => `${r.role} (${r.targetSplDb} dB)`)],
    rows.map((r) => [
      r.source,
      ...r.checks.map((c) =>
        c.verdict === "unknown"
          ? verdictText(c.verdict, chalk)
          : `${verdictText(c.verdict, chalk)} ${dB(c)}`,
      ),
    ]),
    { chalk, columns: o.columns },
  );
  const unknown = rows.flatMap((r) => r.checks).find((c) => c.verdict === "unknown");
  const why = unknown ? `${chalk.dim(hang("  ", unknown.reason, o.columns))}\n` : "";
  const title = hang(
    "",
    `${chalk.bold("Drivability")} ${chalk.dim("(generic presets; hpadvise check-amp for any source)")}`,
    o.columns,
  );
  return `\n${title}\n${table}${why}`;
}

export function userLine(text: string | undefined, columns = Number.POSITIVE_INFINITY): string {
  return text === undefined ? "" : `${hang("Yours: ", text, columns)}\n`;
}

/** "impedance 300 Ω, sensitivity 97 dB/mW; output 2 Vrms unloaded": the figures the user gave. */
export function describeUserFigures(
  h: Headphone | undefined,
  s: Source | undefined,
  yours: { headphone: string[]; source: string[] },
): string | undefined {
  const parts: string[] = [];
  if (h && yours.headphone.includes("impedanceOhms")) parts.push(`impedance ${h.impedanceOhms} Ω`);
  if (h && yours.headphone.includes("sensitivity") && h.sensitivity)
    parts.push(`sensitivity ${h.sensitivity.value} ${h.sensitivity.unit}`);
  if (s && yours.source.includes("outputs"))
    parts.push(
      `output ${s.outputs
        .map(
          (r) =>
            `${r.value} ${r.unit}${r.loadOhms === null ? " unloaded" : ` into ${r.loadOhms} Ω`}`,
        )
        .join(", ")}`,
    );
  if (s && yours.source.includes("outputImpedanceOhms"))
    parts.push(`output impedance ${s.outputImpedanceOhms} Ω`);
  if (s && yours.source.includes("currentLimitMa"))
    parts.push(`current limit ${s.currentLimitMa} mA`);
  return parts.length === 0 ? undefined : `${parts.join(", ")} (your figures)`;
}

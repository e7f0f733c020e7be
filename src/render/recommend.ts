/** Recommendation renderers: the ranked table, explanations, advice, JSON. Strings only. */
import type { ChalkInstance } from "chalk";
import type { Fit } from "../core/fit.js";
import type { Ranked } from "../core/rank.js";
import type { Recommendation, Row } from "../core/recommend.js";
import { verdictText } from "./amp.js";
import type { RenderOptions } from "./catalog.js";
import { hang, num, renderTable, textWidth, usd, wrapLines } from "./text.js";

/** A fit label, coloured by how well it suits. */
export function fitText(fit: Fit, chalk: ChalkInstance): string {
  switch (fit) {
    case "excellent":
      return chalk.green(fit);
    case "good":
      return chalk.cyan(fit);
    case "workable":
      return chalk.yellow(fit);
    case "avoid":
      return chalk.red(fit);
  }
}

/** Is the label provisional: could unknown facts move it? */
export const provisional = (r: Pick<Ranked, "fitRange">) => r.fitRange.high !== r.fitRange.low;

/**
 * The short "why": the two biggest positive known reasons, each to its first
 * clause and without its citation (the drive has its own column).
 */
function shortWhy(r: Ranked): string {
  return r.reasons
    .filter((x) => x.points > 0 && !x.unknown && x.rule !== "drive")
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map((x) => x.text.split(/[:;]| \(/)[0]?.trim())
    .join("; ");
}

/** "judged on 5 of 8 facts" */
function evidenceText(r: Ranked): string {
  return `judged on ${r.evidence.known} of ${r.evidence.of} facts`;
}

export function renderExplanation(r: Ranked, chalk: ChalkInstance, columns: number): string {
  const standing = r.excluded
    ? chalk.red("excluded")
    : `${fitText(r.fit, chalk)}${provisional(r) ? ` (could be ${r.fitRange.high})` : ""}, score ${num(r.score)}, ${evidenceText(r)}`;
  const head = hang("", `${chalk.bold(r.name)} ${chalk.dim(r.id)}  ${standing}`, columns);
  // Below 70 columns the reason goes under the rule, not beside it.
  const beside = columns >= 70;
  const line = (pts: string, rule: string, text: string) => {
    const label = `  ${pts}  ${chalk.dim(beside ? rule.padEnd(16) : rule)}`;
    return beside
      ? hang(`${label} `, text, columns)
      : `${label}\n${hang("          ", text, columns)}`;
  };
  const fit = r.excluded ? [] : [line("      ", "fit", r.fitReason)];
  const lines = r.reasons.map((x) => {
    const pts = r.excluded
      ? "  ✗ "
      : `${x.points >= 0 ? "+" : "−"}${num(Math.abs(x.points))}`.padStart(6);
    return line(pts, x.rule, x.unknown ? chalk.dim(x.text) : x.text);
  });
  return [head, ...fit, ...lines].join("\n");
}

export interface RecommendRenderOptions {
  top: number;
  explain: boolean;
}

/**
 * The family on the user's source, the variants it drives first: "32 ohm: ok
 * on laptop; 80 ohm: marginal; 250 ohm: insufficient". Without a source, the
 * other variants' ids.
 */
function variantsText(r: Row, source: string | null): string {
  if (r.variants.length === 0) return "";
  if (source === null) return `also ${r.variants.map((v) => v.id).join(", ")}`;
  const rank = (v: string | null) => (v === "ok" ? 0 : v === "marginal" ? 1 : v === null ? 3 : 2);
  const each = [
    { name: r.variant ?? r.id, verdict: r.driveVerdict },
    ...r.variants.map((v) => ({ name: v.variant ?? v.id, verdict: v.drive })),
  ].sort((a, b) => rank(a.verdict) - rank(b.verdict));
  return each
    .map((v, i) => `${v.name}: ${v.verdict ?? "not judged"}${i === 0 ? ` on ${source}` : ""}`)
    .join("; ");
}

/**
 * The reasons' lines for a row, most important first, wrapped to `width`
 * and cut to `max` lines (the last cut one ends in "…").
 */
function whyLines(
  r: Row,
  rec: Recommendation,
  width: number,
  max: number,
  lead: string[],
): string[] {
  const source = rec.source?.id ?? null;
  // The drive has its own column and line: its watch-out would say it again.
  const watches = r.watchOut.filter((w) => source === null || !w.includes(source));
  const paragraphs = [
    ...lead,
    shortWhy(r),
    provisional(r) ? `not known: ${r.unknown.join(", ")}` : "",
    variantsText(r, source),
    source && r.driveFix && r.driveVerdict !== "ok" ? `fix: e.g. ${r.driveFix}` : "",
    watches.length ? `watch: ${watches.join("; ")}` : "",
  ].filter((p) => p !== "");
  const out: string[] = [];
  for (const p of paragraphs) {
    const lines = wrapLines(p, width);
    for (const line of lines) {
      if (out.length === max) {
        const last = out[max - 1] as string;
        out[max - 1] = textWidth(last) < width ? `${last}…` : `${last.slice(0, -1)}…`;
        return out;
      }
      out.push(line);
    }
  }
  return out;
}

/** At most this many lines per row: two for the name and id, the rest for the reasons. */
const ROW_LINES = 4;

function resultsTable(rec: Recommendation, shown: readonly Row[], o: RenderOptions): string {
  const { chalk, columns } = o;
  const source = rec.source?.id ?? null;
  const wide = columns >= 100;
  // Wide: the name (two lines at most) over the id; narrower: the id alone.
  const modelWidth = wide
    ? Math.min(columns >= 120 ? 24 : 20, Math.max(...shown.map((r) => textWidth(r.name))))
    : 0;
  const model = (r: Row) => {
    const yours = r.owned ? chalk.green(" (yours)") : "";
    if (!wide) return `${r.id}${yours}`;
    const lines = wrapLines(r.name, modelWidth);
    const name = lines.slice(0, 2);
    if (lines.length > 2) name[1] = `${(name[1] as string).slice(0, modelWidth - 1)}…`;
    return [...name.slice(0, -1), `${name[name.length - 1]}${yours}`, chalk.dim(r.id)].join("\n");
  };
  const fitCell = (r: Row) =>
    `${fitText(r.fit, chalk)}${provisional(r) ? `\n${chalk.dim(`→ ${r.fitRange.high}?`)}` : ""}`;
  // The score has a column from 120 columns; below 80 the price and the
  // drive verdict join the reasons too.
  const roomy = columns >= 80;
  const scored = columns >= 120;
  const headers = ["#", "Model", "Fit", ...(scored ? ["Score"] : []), ...(roomy ? ["Price"] : [])];
  const fixed = shown.map((r) => [
    String(r.rank),
    model(r),
    fitCell(r),
    ...(scored ? [num(r.score)] : []),
    ...(roomy ? [usd(r.priceUsd, r.priceApproximate)] : []),
  ]);
  const driveColumn = source !== null && roomy;
  if (driveColumn) {
    headers.push(source);
    shown.forEach((r, k) => {
      fixed[k]?.push(r.driveVerdict ? verdictText(r.driveVerdict, chalk) : "—");
    });
  }
  const widthOf = (i: number) =>
    Math.max(
      textWidth(headers[i] as string),
      ...fixed.map((cells) => Math.max(...(cells[i] ?? "").split("\n").map(textWidth))),
    );
  const used = headers.reduce((sum, _, i) => sum + widthOf(i) + 2, 0);
  const width = Math.max(12, columns - used);
  const max = ROW_LINES + (source ? 1 : 0);
  const rows = shown.map((r, k) => {
    const lead = roomy
      ? []
      : [
          `${usd(r.priceUsd, r.priceApproximate)}${source && r.driveVerdict ? `; ${source}: ${r.driveVerdict}` : ""}`,
        ];
    const why = whyLines(r, rec, width, wide ? max : max + 2, lead);
    return [...(fixed[k] as string[]), why.join("\n")];
  });
  return renderTable([...headers, "Why / watch out"], rows, {
    chalk,
    columns,
    wrap: [headers.length],
    right: scored ? [0, 3, 4] : roomy ? [0, 3] : [0],
  });
}

function ownedLines(rec: Recommendation, chalk: ChalkInstance, columns: number): string {
  if (rec.owned.length === 0) return "";
  const lines = rec.owned.map((o) =>
    hang(
      `${o.serves ? chalk.green("✓") : chalk.yellow("•")} `,
      `${o.name}: ${o.fit} for ${o.role} — ${o.reason}`,
      columns,
    ),
  );
  if (rec.addNext) {
    const n = rec.addNext;
    const price = n.priceUsd !== null ? `, ${usd(n.priceUsd, n.priceApproximate)}` : "";
    lines.push(
      chalk.yellow(
        hang(
          "→ ",
          `Nothing you own is good for ${rec.role}; add next: ${n.name} (${n.id}), ${n.fit}: ${n.fitReason}${price}.`,
          columns,
        ),
      ),
    );
  }
  return `\n${lines.join("\n")}\n`;
}

export function renderRecommendations(
  rec: Recommendation,
  o: RenderOptions,
  ro: RecommendRenderOptions,
): string {
  const { chalk } = o;
  const shown = rec.results.slice(0, ro.top);
  const context = [
    rec.budgetUsd !== null ? `budget ${usd(rec.budgetUsd)}` : null,
    rec.source ? `driven by ${rec.source.id}` : null,
  ].filter(Boolean);
  const out: string[] = [];
  out.push(
    `${hang("", `${chalk.bold(`Headphones for ${rec.role}`)}${context.length ? chalk.dim(` (${context.join(", ")})`) : ""}`, o.columns)}\n`,
  );
  if (rec.assumption) out.push(`${chalk.dim(hang("", rec.assumption, o.columns))}\n`);
  if (shown.length === 0) {
    out.push("No headphone in the catalog passes the filters for this role.\n");
  } else {
    out.push(resultsTable(rec, shown, o));
    const order = rec.source
      ? `what ${rec.source.id} cannot drive ranks below what it drives (marginal between); then `
      : "";
    out.push(
      `\n${chalk.dim(hang("", `Fit is what the known evidence supports; "→ excellent?": it could be, once the facts not known are. Order: ${order}the fit expected with unknown facts as a typical model's, then the score (${num(rec.scale.min)} to ${num(rec.scale.max)}); ties share a rank, the cheaper first. README: Evidence grades.`, o.columns))}\n`,
    );
  }
  if (rec.unverifiedCount > 0) {
    const names = rec.unverified.slice(0, ro.top).map((r) => `${r.id} (${r.fit})`);
    const more = rec.unverifiedCount - names.length;
    const why = rec.unverified[0]?.unverified?.text ?? "a limit you set cannot be checked";
    out.push(
      `\n${chalk.yellow(hang("Not verified — ", `${why}: ${names.join(", ")}${more > 0 ? `, and ${more} more` : ""}.`, o.columns, "  "))}\n`,
    );
  }
  out.push(ownedLines(rec, chalk, o.columns));
  if (ro.explain) {
    out.push(
      `\n${chalk.bold("Why, rule by rule")}\n${shown.map((r) => renderExplanation(r, chalk, o.columns)).join("\n\n")}\n`,
    );
    if (rec.excluded.length) {
      out.push(
        `\n${chalk.bold("Excluded")}\n${rec.excluded
          .map((r) => hang(`  ${r.id.padEnd(14)} `, r.excludedBy?.text ?? "", o.columns))
          .join("\n")}\n`,
      );
    }
  } else if (rec.excludedCount) {
    out.push(chalk.dim(`\n${rec.excludedCount} excluded (see --explain).\n`));
  }
  out.push(`\n${rec.advice.map((a) => chalk.dim(hang("• ", a, o.columns))).join("\n")}\n`);
  return out.join("");
}

/** A ranked model as the JSON contract gives it (README, JSON). */
function modelJson(r: Ranked) {
  return {
    id: r.id,
    name: r.name,
    back: r.back,
    driver: r.driver,
    priceUsd: r.priceUsd,
    priceApproximate: r.priceApproximate,
    score: r.score,
    fit: r.fit,
    fitRange: r.fitRange,
    fitExpected: r.fitExpected,
    unknown: r.unknown,
    fitReason: r.fitReason,
    evidence: r.evidence,
    family: r.family,
    variant: r.variant,
    reasons: r.reasons,
    watchOut: r.watchOut,
    owned: r.owned,
    drive: r.drive,
    driveVerdict: r.driveVerdict,
    driveFix: r.driveFix,
  };
}

/** The JSON contract of `recommend --json` (README, JSON). */
export function recommendationJson(rec: Recommendation) {
  return {
    role: rec.role,
    budgetUsd: rec.budgetUsd,
    source: rec.source,
    assumption: rec.assumption,
    scale: rec.scale,
    results: rec.results.map((r) => ({ rank: r.rank, ...modelJson(r), variants: r.variants })),
    unverified: rec.unverified.map((r) => ({ ...modelJson(r), why: r.unverified?.text ?? null })),
    unverifiedCount: rec.unverifiedCount,
    excluded: rec.excluded.map((r) => ({
      id: r.id,
      name: r.name,
      why: r.excludedBy?.text ?? null,
    })),
    excludedCount: rec.excludedCount,
    owned: rec.owned.map((o) => ({ id: o.id, role: o.role, fit: o.fit, reason: o.reason })),
    addNext: rec.addNext
      ? { id: rec.addNext.id, fit: rec.addNext.fit, reason: rec.addNext.fitReason }
      : null,
    advice: rec.advice,
  };
}

/** Recommendation renderers: the ranked table, explanations, advice, JSON. Strings only. */
import type { ChalkInstance } from "chalk";
import type { Fit } from "../core/fit.js";
import type { Ranked } from "../core/rank.js";
import type { Recommendation, Row, Variant } from "../core/recommend.js";
import { verdictText } from "./amp.js";
import type { RenderOptions } from "./catalog.js";
import { num, usd } from "./style.js";
import { renderFittedTable } from "./table.js";
import { hang } from "./wrap.js";

/** A bar of `width` cells: where `score` sits between the scale's min and max. */
export function scoreBar(
  score: number,
  scale: { min: number; max: number },
  chalk: ChalkInstance,
  width = 10,
): string {
  const span = scale.max - scale.min;
  const share = span <= 0 ? 0 : (score - scale.min) / span;
  const cells = Math.max(0, Math.min(width, Math.round(share * width)));
  return `${chalk.cyan("█".repeat(cells))}${chalk.dim("·".repeat(width - cells))}`;
}

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

/** The short "why": the two biggest positive known reasons. */
export function shortWhy(r: Ranked): string {
  return r.reasons
    .filter((x) => x.points > 0 && !x.unknown)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map((x) => x.text.split(/[:;]/)[0])
    .join("; ");
}

/** "judged on 5 of 8 facts" */
export function evidenceText(r: Ranked): string {
  return `judged on ${r.evidence.known} of ${r.evidence.of} facts`;
}

export function renderExplanation(r: Ranked, chalk: ChalkInstance, columns: number): string {
  const standing = r.excluded
    ? chalk.red("excluded")
    : `${fitText(r.fit, chalk)}, score ${num(r.score)}, ${evidenceText(r)}`;
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

/** The family's other variants, in a few words: "also 80 ohm (dt770pro-80), 250 ohm (dt770pro-250)". */
export function variantsText(variants: readonly Variant[]): string {
  if (variants.length === 0) return "";
  return `also ${variants.map((v) => (v.variant ? `${v.variant} (${v.id})` : v.id)).join(", ")}`;
}

export interface RecommendRenderOptions {
  top: number;
  explain: boolean;
}

function modelCell(r: Row, chalk: ChalkInstance): string {
  const also = variantsText(r.variants);
  return [
    `${r.name}${r.owned ? chalk.green(" (yours)") : ""}`,
    chalk.dim(r.id),
    ...(also ? [chalk.dim(also)] : []),
  ].join("\n");
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
    const price = n.priceUsd !== null ? `, ${usd(n.priceUsd)}` : "";
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

function resultsTable(rec: Recommendation, shown: readonly Row[], o: RenderOptions): string {
  const { chalk } = o;
  const drive = (r: Ranked) => (r.drive ? verdictText(r.drive.verdict, chalk) : "");
  const full = {
    headers: [
      "#",
      "Model",
      "Fit",
      "Score",
      "",
      "Price",
      "Back",
      ...(rec.source ? [rec.source.id] : []),
      "Why",
      "Watch out",
    ],
    rows: shown.map((r) => [
      String(r.rank),
      modelCell(r, chalk),
      fitText(r.fit, chalk),
      num(r.score),
      scoreBar(r.score, rec.scale, chalk),
      usd(r.priceUsd),
      r.back,
      ...(rec.source ? [drive(r)] : []),
      shortWhy(r),
      r.watchOut.join("; "),
    ]),
    wrap: rec.source ? [1, 8, 9] : [1, 7, 8],
    right: [0, 3, 5],
  };
  // Narrow: the id stands for the name, no bar, and one column says why and what to watch.
  const notes = (r: Row) =>
    [
      shortWhy(r),
      r.watchOut.length ? `watch out: ${r.watchOut.join("; ")}` : "",
      variantsText(r.variants),
    ]
      .filter(Boolean)
      .join("\n");
  const id = (r: Ranked) => `${r.id}${r.owned ? chalk.green(" (yours)") : ""}`;
  const narrow = {
    headers: [
      "#",
      "Model",
      "Fit",
      "Score",
      "Price",
      "Back",
      ...(rec.source ? [rec.source.id] : []),
      "Why / watch out",
    ],
    rows: shown.map((r) => [
      String(r.rank),
      id(r),
      fitText(r.fit, chalk),
      num(r.score),
      usd(r.priceUsd),
      r.back,
      ...(rec.source ? [drive(r)] : []),
      notes(r),
    ]),
    wrap: [1, rec.source ? 7 : 6],
    right: [0, 3, 4],
  };
  // Narrowest: the back, the score and the drive verdict join the notes.
  const narrowest = {
    headers: ["#", "Model", "Fit", "Price", "Why / watch out"],
    rows: shown.map((r) => [
      String(r.rank),
      id(r),
      fitText(r.fit, chalk),
      usd(r.priceUsd),
      [
        `${r.back}, score ${num(r.score)}${rec.source && r.drive ? `; ${rec.source.id}: ${drive(r)}` : ""}`,
        notes(r),
      ].join("\n"),
    ]),
    wrap: [1, 4],
    right: [0, 3],
  };
  return renderFittedTable([full, narrow, narrowest], { chalk, columns: o.columns });
}

export function renderRecommendations(
  rec: Recommendation,
  o: RenderOptions,
  ro: RecommendRenderOptions,
): string {
  const { chalk } = o;
  const shown = rec.results.slice(0, ro.top);
  const context = [
    rec.budgetUsd !== null ? `budget $${rec.budgetUsd}` : null,
    rec.source ? `driven by ${rec.source.id}` : null,
  ].filter(Boolean);
  const out: string[] = [];
  out.push(
    `${hang("", `${chalk.bold(`Headphones for ${rec.role}`)}${context.length ? chalk.dim(` (${context.join(", ")})`) : ""}`, o.columns)}\n`,
  );
  if (shown.length === 0) {
    out.push("No headphone in the catalog passes the filters for this role.\n");
  } else {
    out.push(resultsTable(rec, shown, o));
    out.push(
      `\n${chalk.dim(hang("", `Score: the role's weighted rules, from ${num(rec.scale.min)} to ${num(rec.scale.max)}; equal fit and score share a rank, the cheaper listed first. Fit is judged from the guide's criteria (README).`, o.columns))}\n`,
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

/** The JSON contract of `recommend --json` (README, JSON). */
export function recommendationJson(rec: Recommendation) {
  const model = (r: Ranked) => ({
    id: r.id,
    name: r.name,
    back: r.back,
    driver: r.driver,
    priceUsd: r.priceUsd,
    score: r.score,
    fit: r.fit,
    fitReason: r.fitReason,
    evidence: r.evidence,
    family: r.family,
    variant: r.variant,
    reasons: r.reasons,
    watchOut: r.watchOut,
    owned: r.owned,
    drive: r.drive,
  });
  return {
    role: rec.role,
    budgetUsd: rec.budgetUsd,
    source: rec.source,
    scale: rec.scale,
    results: rec.results.map((r) => ({ rank: r.rank, ...model(r), variants: r.variants })),
    unverified: rec.unverified.map((r) => ({ ...model(r), why: r.unverified?.text ?? null })),
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

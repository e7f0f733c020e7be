/** Recommendation renderers: the ranked table, explanations, advice. Strings only. */
import type { ChalkInstance } from "chalk";
import type { Ranked } from "../core/rank.js";
import { verdictText } from "./amp.js";
import type { RenderOptions } from "./catalog.js";
import { num, usd } from "./style.js";
import { renderFittedTable } from "./table.js";
import { hang } from "./wrap.js";

/** The part of a recommendation the renderers need. */
export interface RecommendationView {
  role: string;
  budgetUsd: number | null;
  source: { id: string; name: string } | null;
  /** Best first, excluded last; may hold only the best kept models (the packed index). */
  results: Ranked[];
  /** How many models were excluded, whether or not `results` holds them. */
  excludedCount: number;
  ownedServes: { id: string; rank: number } | null;
  owned: string[];
  advice: string[];
}

export function scoreBar(score: number, max: number, chalk: ChalkInstance, width = 10): string {
  const cells = max <= 0 ? 0 : Math.max(0, Math.min(width, Math.round((score / max) * width)));
  return `${chalk.cyan("█".repeat(cells))}${chalk.dim("·".repeat(width - cells))}`;
}

/** The short "why": the two biggest positive reasons. */
export function shortWhy(r: Ranked): string {
  return r.reasons
    .filter((x) => x.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map((x) => x.text.split(/[:;]/)[0])
    .join("; ");
}

/** Every rule's points and reason for one model, each reason wrapped under itself. */
export function renderExplanation(r: Ranked, chalk: ChalkInstance, columns: number): string {
  const head = hang(
    "",
    `${chalk.bold(r.name)} ${chalk.dim(r.id)}  ${r.excluded ? chalk.red("excluded") : `score ${num(r.score)}`}`,
    columns,
  );
  // Below 70 columns the reason goes under the rule, not beside it.
  const beside = columns >= 70;
  const lines = r.reasons.map((x) => {
    const pts = r.excluded
      ? "  ✗ "
      : `${x.points >= 0 ? "+" : "−"}${num(Math.abs(x.points))}`.padStart(6);
    const label = `  ${pts}  ${chalk.dim(beside ? x.rule.padEnd(16) : x.rule)}`;
    return beside
      ? hang(`${label} `, x.text, columns)
      : `${label}\n${hang("          ", x.text, columns)}`;
  });
  return [head, ...lines].join("\n");
}

export interface RecommendRenderOptions {
  top: number;
  explain: boolean;
}

export function renderRecommendations(
  rec: RecommendationView,
  o: RenderOptions,
  ro: RecommendRenderOptions,
): string {
  const { chalk } = o;
  const shown = rec.results.filter((r) => !r.excluded).slice(0, ro.top);
  const excluded = rec.results.filter((r) => r.excluded);
  const max = Math.max(0, ...shown.map((r) => r.score));
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
    const drive = (r: Ranked) => (r.drive ? verdictText(r.drive.verdict, chalk) : "");
    const full = {
      headers: [
        "#",
        "Model",
        "Score",
        "",
        "Price",
        "Back",
        ...(rec.source ? [rec.source.id] : []),
        "Why",
        "Watch out",
      ],
      rows: shown.map((r, i) => [
        String(i + 1),
        `${r.name}${r.owned ? chalk.green(" (yours)") : ""}\n${chalk.dim(r.id)}`,
        num(r.score),
        scoreBar(r.score, max, chalk),
        usd(r.priceUsd),
        r.back,
        ...(rec.source ? [drive(r)] : []),
        shortWhy(r),
        r.watchOut.join("; "),
      ]),
      wrap: rec.source ? [1, 7, 8] : [1, 6, 7],
      right: [0, 2, 4],
    };
    // Narrow: the id stands for the name, no bar, and one column says why and what to watch.
    const notes = (r: Ranked) =>
      [shortWhy(r), r.watchOut.length ? `watch out: ${r.watchOut.join("; ")}` : ""]
        .filter(Boolean)
        .join("\n");
    const id = (r: Ranked) => `${r.id}${r.owned ? chalk.green(" (yours)") : ""}`;
    const narrow = {
      headers: [
        "#",
        "Model",
        "Score",
        "Price",
        "Back",
        ...(rec.source ? [rec.source.id] : []),
        "Why / watch out",
      ],
      rows: shown.map((r, i) => [
        String(i + 1),
        id(r),
        num(r.score),
        usd(r.priceUsd),
        r.back,
        ...(rec.source ? [drive(r)] : []),
        notes(r),
      ]),
      wrap: [1, rec.source ? 6 : 5],
      right: [0, 2, 3],
    };
    // Narrowest: the back and the drive verdict join the notes.
    const narrowest = {
      headers: ["#", "Model", "Score", "Price", "Why / watch out"],
      rows: shown.map((r, i) => [
        String(i + 1),
        id(r),
        num(r.score),
        usd(r.priceUsd),
        [
          `${r.back}${rec.source && r.drive ? `; ${rec.source.id}: ${drive(r)}` : ""}`,
          notes(r),
        ].join("\n"),
      ]),
      wrap: [1, 4],
      right: [0, 2, 3],
    };
    out.push(renderFittedTable([full, narrow, narrowest], { chalk, columns: o.columns }));
  }
  if (rec.owned.length > 0) {
    out.push(
      rec.ownedServes
        ? `\n${chalk.green(hang("", `You already own ${rec.ownedServes.id}, which serves ${rec.role} (rank ${rec.ownedServes.rank}).`, o.columns))}\n`
        : `\n${chalk.yellow(hang("", `Nothing you own (${rec.owned.join(", ")}) ranks in the top five for ${rec.role}.`, o.columns))}\n`,
    );
  }
  if (ro.explain) {
    out.push(
      `\n${chalk.bold("Why, rule by rule")}\n${shown.map((r) => renderExplanation(r, chalk, o.columns)).join("\n\n")}\n`,
    );
    if (excluded.length) {
      out.push(
        `\n${chalk.bold("Excluded")}\n${excluded
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

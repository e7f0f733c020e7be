/** Recommendation renderers: the ranked table, explanations, advice. Strings only. */
import type { ChalkInstance } from "chalk";
import type { Ranked } from "../core/rank.js";
import { verdictText } from "./amp.js";
import type { RenderOptions } from "./catalog.js";
import { num, usd } from "./style.js";
import { renderTable } from "./table.js";
import { wrapText } from "./wrap.js";

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

export function renderExplanation(r: Ranked, chalk: ChalkInstance): string {
  const head = `${chalk.bold(r.name)} ${chalk.dim(r.id)}  ${r.excluded ? chalk.red("excluded") : `score ${num(r.score)}`}`;
  const lines = r.reasons.map((x) => {
    const pts = r.excluded
      ? "  ✗ "
      : `${x.points >= 0 ? "+" : "−"}${num(Math.abs(x.points))}`.padStart(6);
    return `  ${pts}  ${chalk.dim(x.rule.padEnd(16))} ${x.text}`;
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
    `${chalk.bold(`Headphones for ${rec.role}`)}${context.length ? chalk.dim(` (${context.join(", ")})`) : ""}\n`,
  );
  if (shown.length === 0) {
    out.push("No headphone in the catalog passes the filters for this role.\n");
  } else {
    const headers = ["#", "Model", "Score", "", "Price", "Back", "Why", "Watch out"];
    if (rec.source) headers.splice(6, 0, rec.source.id);
    out.push(
      renderTable(
        headers,
        shown.map((r, i) => {
          const row = [
            String(i + 1),
            `${r.name}${r.owned ? chalk.green(" (yours)") : ""}\n${chalk.dim(r.id)}`,
            num(r.score),
            scoreBar(r.score, max, chalk),
            usd(r.priceUsd),
            r.back,
            shortWhy(r),
            r.watchOut.join("; "),
          ];
          if (rec.source) row.splice(6, 0, r.drive ? verdictText(r.drive.verdict, chalk) : "");
          return row;
        }),
        { chalk, columns: o.columns, wrap: rec.source ? [1, 7, 8] : [1, 6, 7], right: [0, 2, 4] },
      ),
    );
  }
  if (rec.owned.length > 0) {
    out.push(
      rec.ownedServes
        ? chalk.green(
            `\nYou already own ${rec.ownedServes.id}, which serves ${rec.role} (rank ${rec.ownedServes.rank}).\n`,
          )
        : chalk.yellow(
            `\nNothing you own (${rec.owned.join(", ")}) ranks in the top five for ${rec.role}.\n`,
          ),
    );
  }
  if (ro.explain) {
    out.push(
      `\n${chalk.bold("Why, rule by rule")}\n${shown.map((r) => renderExplanation(r, chalk)).join("\n\n")}\n`,
    );
    if (excluded.length) {
      out.push(
        `\n${chalk.bold("Excluded")}\n${excluded
          .map((r) => `  ${r.id.padEnd(14)} ${r.excludedBy?.text ?? ""}`)
          .join("\n")}\n`,
      );
    }
  } else if (rec.excludedCount) {
    out.push(chalk.dim(`\n${rec.excludedCount} excluded (see --explain).\n`));
  }
  out.push(
    `\n${rec.advice.map((a) => chalk.dim(`• ${wrapText(a, o.columns, "  ")}`)).join("\n")}\n`,
  );
  return out.join("");
}

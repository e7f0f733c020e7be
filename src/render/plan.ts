/** `hpadvise plan`: the plan as a table and a few sentences, and its JSON contract. */
import type { Plan, PlanStep, Purchase } from "../core/plan.js";
import type { Role } from "../core/roles.js";
import type { RenderOptions } from "./catalog.js";
import { hang, renderFittedTable, usd } from "./text.js";

function price(b: Purchase): string {
  return b.priceUsd === null ? "price not in the catalog" : usd(b.priceUsd, b.approximate);
}

function buyText(s: PlanStep): string {
  return s.buy.map((b) => `${b.name} (${b.id}) ${price(b)}`).join("\n+ ");
}

/** The step's cost: what its priced purchases add up to, "about" when one is approximate; "?" when one has no price. */
function costText(s: PlanStep): string {
  if (s.buy.some((b) => b.priceUsd === null)) return s.costUsd > 0 ? `${usd(s.costUsd)} + ?` : "?";
  return usd(
    s.costUsd,
    s.buy.some((b) => b.approximate),
  );
}

function budgetText(s: PlanStep): string {
  if (s.withinBudget) return "within";
  return s.buy.some((b) => b.priceUsd === null) ? "unpriced" : "save for";
}

function roleCell(r: Role, plan: Plan): string {
  const a = plan.assignments[r];
  if (!a) return "—";
  return `${a.id}${a.owned ? " (yours)" : ""}`;
}

export function renderPlan(plan: Plan, o: RenderOptions): string {
  const { chalk, columns } = o;
  const out: string[] = [];
  const context = [
    `budget ${usd(plan.budgetUsd)}`,
    plan.source ? `driven by ${plan.source.id}` : "no source given",
  ];
  out.push(
    `${hang("", `${chalk.bold(`A setup for ${plan.roles.join(", ")}`)} ${chalk.dim(`(${context.join(", ")})`)}`, columns)}\n`,
  );
  for (const line of plan.explanation) out.push(`${hang("", line, columns)}\n`);

  out.push(`\n${chalk.bold("Once the steps within the budget are taken")}\n`);
  const roleRows = plan.roles.map((r) => {
    const a = plan.assignments[r];
    return [
      r,
      roleCell(r, plan),
      a ? `${a.rough ? "workable, rough mixes" : a.fit}` : "not covered yet",
      a ? (a.drive ?? "not judged") : "",
    ];
  });
  out.push(
    renderFittedTable(
      [{ headers: ["Role", "Headphone", "Fit", "Drive"], rows: roleRows, wrap: [1, 2] }],
      { chalk, columns },
    ),
  );

  if (plan.steps.length === 0) {
    out.push(
      `\n${hang("", "Nothing to buy: what you own already covers these roles.", columns)}\n`,
    );
  } else {
    out.push(`\n${chalk.bold("Steps")}\n`);
    const rows = plan.steps.map((s, i) => [
      String(i + 1),
      s.withinBudget ? s.when : chalk.yellow(s.when),
      buyText(s),
      costText(s),
      s.unlocks.join(", ") || "—",
      s.withinBudget ? budgetText(s) : chalk.yellow(budgetText(s)),
    ]);
    const narrowRows = plan.steps.map((s, i) => [
      `${i + 1} ${s.when}`,
      `${s.buy.map((b) => `${b.id} ${b.priceUsd === null ? "?" : usd(b.priceUsd, b.approximate)}`).join(" + ")}${s.unlocks.length ? `\n→ ${s.unlocks.join(", ")}` : ""}${s.withinBudget ? "" : ` (${budgetText(s)})`}`,
      costText(s),
    ]);
    out.push(
      renderFittedTable(
        [
          {
            headers: ["#", "When", "Buy", "Cost", "Unlocks", "Budget"],
            rows,
            wrap: [2, 4],
            right: [0, 3],
          },
          { headers: ["Step", "Buy → unlocks", "Cost"], rows: narrowRows, wrap: [1], right: [2] },
        ],
        { chalk, columns },
      ),
    );
    out.push("\n");
    plan.steps.forEach((s, i) => {
      const head = `${i + 1}. ${s.when[0]?.toUpperCase()}${s.when.slice(1)} (${costText(s)}): `;
      out.push(`${hang(head, `${s.why}.`, columns, "   ")}\n`);
      out.push(`${chalk.dim(hang("   Without it: ", `${s.without}.`, columns, "   "))}\n`);
      for (const n of s.notes) out.push(`${hang("   • ", `${n}.`, columns, "     ")}\n`);
    });
  }
  const approximate = plan.steps.some((st) => st.withinBudget && st.buy.some((b) => b.approximate));
  out.push(
    `\n${hang("", `Within the budget: ${usd(plan.totalUsd, approximate)} of ${usd(plan.budgetUsd)}${approximate ? " (some prices in the catalog are approximate)" : ""}.`, columns)}\n`,
  );
  if (plan.warnings.length) {
    out.push("\n");
    for (const w of plan.warnings) out.push(`${chalk.yellow(hang("! ", w.message, columns))}\n`);
  }
  return out.join("");
}

/** The JSON contract of `plan --json` (README, JSON). */
export function planJson(plan: Plan) {
  const assignments: Record<
    string,
    { id: string; owned: boolean; fit: string; drive: string | null } | null
  > = {};
  for (const r of plan.roles) {
    const a = plan.assignments[r];
    assignments[r] = a ? { id: a.id, owned: a.owned, fit: a.fit, drive: a.drive } : null;
  }
  return {
    budgetUsd: plan.budgetUsd,
    totalUsd: plan.totalUsd,
    assignments,
    steps: plan.steps.map((s) => ({
      when: s.when,
      buy: s.buy.map((b) => ({
        id: b.id,
        kind: b.kind,
        priceUsd: b.priceUsd,
        priceApproximate: b.approximate,
      })),
      costUsd: s.costUsd,
      unlocks: s.unlocks,
      withinBudget: s.withinBudget,
      why: s.why,
    })),
    warnings: plan.warnings.map((w) => ({ code: w.code, message: w.message })),
    explanation: plan.explanation,
  };
}

/**
 * `hpadvise` in a terminal (or `hpadvise interactive`): a guided session. It
 * asks what the flags of `recommend` would say (skipping what flags already
 * said), shows the same recommendation objects through the same renderers,
 * and offers next steps, each with the command line that does it directly.
 */
import { findHeadphone, findSource } from "../catalog/lookup.js";
import type { OpenCatalog } from "../catalog/open.js";
import type { Context } from "../context.js";
import { planSetup } from "../core/plan.js";
import type { Profile } from "../core/profiles.js";
import { PROFILES } from "../core/profiles.js";
import { concludeComparison, type Recommendation, roleFits } from "../core/recommend.js";
import type { Role } from "../core/roles.js";
import type { Back, Catalog } from "../core/types.js";
import { UsageError } from "../errors.js";
import {
  ask,
  askComparison,
  BACK,
  BACK_CHOICE,
  carriedFlags,
  EMPTY_ANSWERS,
  equivalentCommand,
  filterChoices,
  headphoneChoices,
  NO_TERMINAL,
  QUESTIONS,
  type Question,
  type SessionAnswers,
} from "../prompts/session.js";
import type { Prompter } from "../prompts/types.js";
import { renderCheck } from "../render/amp.js";
import type { RenderOptions } from "../render/catalog.js";
import { renderComparison } from "../render/compare.js";
import { renderPlan } from "../render/plan.js";
import { renderExplanation, renderRecommendations } from "../render/recommend.js";
import { commandLine, hang } from "../render/text.js";
import {
  catalogFor,
  type GlobalOptions,
  namedHeadphones,
  profilesFor,
  recommendFromCatalog,
  renderOptionsFor,
  targetCurve,
  withConfigDefaults,
} from "./shared.js";

export interface InteractiveOptions extends GlobalOptions {
  role?: Role[] | undefined;
  budget?: number | undefined;
  source?: string | undefined;
  own?: string[] | undefined;
  maxWeight?: number | undefined;
  back?: Back | undefined;
  rules?: string | undefined;
  /** A target curve: catalog curves are judged against it, as `recommend --target` does. */
  target?: string | undefined;
  /** A folder of measurements in AutoEq's layout: the catalog's models' curves. */
  measurements?: string | undefined;
}

/** Answers given by flags, and which questions they settle. */
export function answersFromFlags(o: InteractiveOptions, catalog: Catalog) {
  const given = new Set<Question>();
  const a: SessionAnswers = { ...EMPTY_ANSWERS };
  if (o.role?.length) {
    a.roles = [...new Set(o.role)];
    given.add("roles");
  }
  if (o.budget !== undefined) {
    a.budget = o.budget;
    given.add("budget");
  }
  if (o.source !== undefined) {
    a.source = o.source === "none" ? null : findSource(catalog, o.source).id;
    given.add("source");
  }
  if (o.own !== undefined) {
    a.own = o.own.map((id) => findHeadphone(catalog, id).id);
    given.add("own");
  }
  if (o.maxWeight !== undefined) {
    a.maxWeight = o.maxWeight;
    given.add("maxWeight");
  }
  if (o.back !== undefined) {
    a.back = o.back;
    given.add("back");
  }
  return { answers: a, given };
}

const TOP = 5;

function recommendations(
  catalog: OpenCatalog,
  profiles: Record<Role, Profile>,
  a: SessionAnswers,
): Recommendation[] {
  return a.roles.map((role) =>
    recommendFromCatalog(catalog, profiles[role], {
      role,
      budget: a.budget ?? undefined,
      source: a.source ?? undefined,
      own: a.own,
      back: a.back ?? undefined,
      maxWeight: a.maxWeight ?? undefined,
    }),
  );
}

function renderAll(
  recs: Recommendation[],
  a: SessionAnswers,
  ro: RenderOptions,
  carried: readonly string[],
): string {
  return recs
    .map(
      (rec) =>
        `${renderRecommendations(rec, ro, { top: TOP, explain: false })}${ro.chalk.dim(commandLine(equivalentCommand(rec.role as Role, a, carried), ro.columns))}\n`,
    )
    .join("\n");
}

/**
 * The shortlist shown before, checked on the new source: each model's drive
 * verdict at the role's target, what fixes it, and its place now.
 */
function recheck(
  before: readonly Recommendation[],
  after: readonly Recommendation[],
  a: SessionAnswers,
  ro: RenderOptions,
  carried: readonly string[],
): string {
  const out: string[] = [];
  after.forEach((rec, k) => {
    const on = rec.source ? rec.source.id : "no source";
    out.push(ro.chalk.bold(`Your ${rec.role} shortlist on ${on}`));
    for (const old of (before[k]?.results ?? []).slice(0, TOP)) {
      const row = rec.results.find((r) => r.id === old.id);
      const variant = rec.results.flatMap((r) => r.variants).find((v) => v.id === old.id);
      const verdict = row?.driveVerdict ?? variant?.drive ?? null;
      const fix = row?.driveFix && verdict !== "ok" ? `; e.g. ${row.driveFix} drives it` : "";
      const place = row ? ` (now #${row.rank})` : "";
      out.push(hang("  ", `${old.id}: ${verdict ?? "not judged"}${fix}${place}`, ro.columns));
    }
    out.push(
      ro.chalk.dim(commandLine(equivalentCommand(rec.role as Role, a, carried), ro.columns)),
    );
  });
  return `${out.join("\n")}\n\n`;
}

/** The `plan` command line for the session's answers (more than one role). */
function planCommand(a: SessionAnswers, carried: readonly string[]): string {
  const parts = ["hpadvise", "plan", "--budget", a.budget === null ? "USD" : String(a.budget)];
  parts.push("--roles", a.roles.join(","));
  if (a.source !== null) parts.push("--source", a.source);
  if (a.own.length) parts.push("--own", ...a.own);
  return [...parts, ...carried].join(" ");
}

/** Several roles: the plan across them (it needs a budget), and its command. */
function renderPlanFor(
  catalog: Catalog,
  a: SessionAnswers,
  ro: RenderOptions,
  carried: readonly string[],
): string {
  const command = ro.chalk.dim(commandLine(planCommand(a, carried), ro.columns));
  if (a.budget === null)
    return `\nA plan needs a budget: change the budget answer, or run\n${command}\n\n`;
  const plan = planSetup({
    headphones: catalog.headphones,
    sources: catalog.sources,
    roles: a.roles,
    budgetUsd: a.budget,
    owned: a.own.map((id) => findHeadphone(catalog, id)),
    source: a.source === null ? null : findSource(catalog, a.source),
  });
  return `\n${renderPlan(plan, ro)}${command}\n\n`;
}

export async function runInteractive(ctx: Context, options: InteractiveOptions): Promise<void> {
  await withConfigDefaults(
    ctx,
    options,
    ["source", "own", "budget", "target", "measurements"],
    (o) => interactiveWith(ctx, o),
  );
}

async function interactiveWith(ctx: Context, options: InteractiveOptions): Promise<void> {
  const [profiles, target] = await Promise.all([
    profilesFor(ctx, options.rules),
    targetCurve(ctx, options.target),
  ]);
  // Measured tags rank here as in `recommend --target`.
  const catalog = await catalogFor(ctx, options, target, options.measurements);
  const ro = renderOptionsFor(ctx);
  let { answers, given } = answersFromFlags(options, catalog);
  // What the printed commands need to give the same answers: plan and
  // compare take no weights file.
  const carried = carriedFlags(options);
  const carriedNoRules = carriedFlags(options, { rules: false });

  const canAsk = ctx.stdinIsTTY && ctx.stdoutIsTTY;
  if (!canAsk) {
    // No terminal: never wait for input. With every answer given by flags,
    // show the result; otherwise say which flags would answer.
    if (!given.has("roles")) throw new UsageError(NO_TERMINAL.message, { hint: NO_TERMINAL.hint });
    ctx.stdout.write(renderAll(recommendations(catalog, profiles, answers), answers, ro, carried));
    if (answers.roles.length > 1)
      ctx.stdout.write(
        `\nA setup across these roles:\n${ro.chalk.dim(commandLine(planCommand(answers, carriedNoRules), ro.columns))}\n`,
      );
    return;
  }

  if (!ctx.prompter) throw new UsageError(NO_TERMINAL.message, { hint: NO_TERMINAL.hint });
  const prompter = await ctx.prompter();
  // Each question but the first asked offers a way back to the one before.
  const toAsk = QUESTIONS.filter((q) => !given.has(q.key));
  for (let i = 0; i < toAsk.length; ) {
    const next = await ask(
      (toAsk[i] as (typeof toAsk)[number]).key,
      answers,
      prompter,
      catalog,
      i > 0,
    );
    if (next === null) {
      i -= 1;
      continue;
    }
    answers = next;
    i += 1;
  }
  let recs = recommendations(catalog, profiles, answers);
  ctx.stdout.write(`\n${renderAll(recs, answers, ro, carried)}`);

  for (;;) {
    const next = await prompter.select<
      "plan" | "explain" | "compare" | "source" | "change" | "quit"
    >({
      name: "next",
      message: "What next?",
      choices: [
        { name: "Explain a model: every rule's points and reasons", value: "explain" },
        { name: "Compare models side by side", value: "compare" },
        { name: "Check another source", value: "source" },
        { name: "Change an answer", value: "change" },
        // Before Quit, so the other choices keep their places.
        ...(answers.roles.length > 1
          ? [
              {
                name: "Plan a setup across these roles: what to buy now, next and later",
                value: "plan" as const,
              },
            ]
          : []),
        { name: "Quit", value: "quit" },
      ],
    });
    if (next === "quit") return;
    if (next === "plan") {
      ctx.stdout.write(renderPlanFor(catalog, answers, ro, carriedNoRules));
    } else if (next === "explain") {
      ctx.stdout.write(await explain(prompter, catalog, recs, answers, ro, carried));
    } else if (next === "compare") {
      ctx.stdout.write(await compare(prompter, catalog, recs, answers, ro, carriedNoRules));
    } else {
      const key: Question | typeof BACK =
        next === "source"
          ? "source"
          : await prompter.select<Question | typeof BACK>({
              name: "change",
              message: "Which answer?",
              choices: [...QUESTIONS.map((q) => ({ name: q.label, value: q.key })), BACK_CHOICE],
            });
      if (key === BACK) continue;
      // "← Back" (or "<") leaves the answer as it was.
      const changed = await ask(key, answers, prompter, catalog, true);
      if (changed === null) continue;
      answers = changed;
      const before = recs;
      recs = recommendations(catalog, profiles, answers);
      // Another source re-checks the shortlist on it; another answer, the tables.
      ctx.stdout.write(
        `\n${next === "source" ? recheck(before, recs, answers, ro, carried) : renderAll(recs, answers, ro, carried)}`,
      );
    }
  }
}

/** The models shown, across roles, in the order shown. */
function shownIds(recs: Recommendation[]): string[] {
  return [
    ...new Set(
      recs.flatMap((r) =>
        r.results
          .filter((x) => !x.excluded)
          .slice(0, TOP)
          .map((x) => x.id),
      ),
    ),
  ];
}

async function explain(
  prompter: Prompter,
  catalog: Catalog,
  recs: Recommendation[],
  a: SessionAnswers,
  ro: RenderOptions,
  carried: readonly string[],
): Promise<string> {
  const all = headphoneChoices(catalog);
  const shown = shownIds(recs).flatMap((id) => all.filter((c) => c.value === id));
  const id = await prompter.search<string>({
    name: "explain",
    message: "Which model? (type to search)",
    source: (term) => (term ? filterChoices([...all, BACK_CHOICE], term) : [...shown, BACK_CHOICE]),
  });
  if (id === BACK) return "";
  const out: string[] = [];
  for (const rec of recs) {
    const r = rec.results.find((x) => x.id === id);
    if (!r) continue;
    out.push(`${ro.chalk.bold(rec.role)}\n${renderExplanation(r, ro.chalk, ro.columns)}\n`);
    if (r.drive) out.push(renderCheck(r.drive, ro, { explain: true }));
  }
  const commands = recs.map((rec) =>
    commandLine(`${equivalentCommand(rec.role as Role, a, carried)} --explain`, ro.columns),
  );
  if (a.source)
    commands.push(
      commandLine(
        `hpadvise check-amp --headphone ${id} --source ${a.source} --explain`,
        ro.columns,
      ),
    );
  return `\n${out.join("\n")}\n${ro.chalk.dim(commands.join("\n"))}\n\n`;
}

async function compare(
  prompter: Prompter,
  catalog: OpenCatalog,
  recs: Recommendation[],
  a: SessionAnswers,
  ro: RenderOptions,
  carried: readonly string[],
): Promise<string> {
  const ids = await askComparison(prompter, catalog, shownIds(recs), a.own);
  if (ids === null) return "";
  const picked = namedHeadphones(catalog, ids);
  // The same conclusion `compare` draws, for the roles asked about, on the session's source.
  const source = a.source === null ? null : findSource(catalog, a.source);
  const fits = roleFits(catalog, picked.headphones, PROFILES, source);
  const conclusions = recs.map((rec) =>
    concludeComparison(picked.headphones, fits[rec.role], rec.role, source, catalog.headphones),
  );
  // With one role, `--role` makes the command conclude for it alone, as the session did.
  const role = recs.length === 1 ? ` --role ${recs[0]?.role}` : "";
  const command = [
    `hpadvise compare ${ids.join(" ")}${role}${source ? ` --source ${source.id}` : ""}`,
    ...carried,
  ].join(" ");
  return `\n${renderComparison(picked.headphones, fits, ro, conclusions)}${ro.chalk.dim(commandLine(command, ro.columns))}\n\n`;
}

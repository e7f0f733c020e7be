/**
 * The guided session: the questions (each one a flag of `recommend`), the
 * answers, and the command line that would show the same thing. The flow
 * itself is in commands/interactive.ts; this file holds what it asks.
 */
import { ROLES, type Role } from "../core/roles.js";
import type { Back, Catalog } from "../core/types.js";
import { BACKS, parseBudget, parseMaxWeight, validatorOf } from "../options.js";
import { GENERIC_INTERFACE_ID, sourceFallbacks } from "../render/catalog.js";
import { shellWord } from "../render/text.js";
import type { Choice, Prompter } from "./types.js";

export interface SessionAnswers {
  roles: Role[];
  budget: number | null;
  /** A source id, or null for "not sure / none". */
  source: string | null;
  own: string[];
  maxWeight: number | null;
  back: Back | null;
}

export type Question = keyof SessionAnswers;

/** In the order they are asked, with the flag that answers each. */
export const QUESTIONS: readonly { key: Question; flag: string; label: string }[] = [
  { key: "roles", flag: "--role", label: "what you do" },
  { key: "budget", flag: "--budget", label: "your budget" },
  { key: "source", flag: "--source", label: "what drives your headphones" },
  { key: "own", flag: "--own", label: "what you already own" },
  { key: "maxWeight", flag: "--max-weight", label: "a weight limit" },
  { key: "back", flag: "--back", label: "open or closed" },
];

export const EMPTY_ANSWERS: SessionAnswers = {
  roles: [],
  budget: null,
  source: null,
  own: [],
  maxWeight: null,
  back: null,
};

const ROLE_HINTS: Record<Role, string> = {
  tracking: "recording: the performer hears the click and cue mix",
  mixing: "balancing a mix: tone, image, levels",
  mastering: "final programme: transparency and detail",
};

/** Filter a list by what was typed (every word must appear), keeping order. */
export function filterChoices<T>(choices: readonly Choice<T>[], term: string): Choice<T>[] {
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  return choices.filter((c) => {
    const hay = `${c.name} ${String(c.value)} ${c.description ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function sourceChoices(catalog: Catalog): Choice<string | null>[] {
  return [
    { name: "Not sure / none of these", value: null },
    ...catalog.sources.map((s) => ({
      name: s.generic ? `${s.name} (generic)` : s.name,
      value: s.id,
      description: s.type,
    })),
  ];
}

/**
 * Offered after any search for a source: the generic interface (saying what
 * it assumes), or going on without one to type its figures or measure it.
 */
export function fallbackChoices(catalog: Catalog): Choice<string | null>[] {
  const ways = sourceFallbacks(catalog);
  return [
    ...(ways.generic === null
      ? []
      : [{ name: `Not listed: ${ways.generic}`, value: GENERIC_INTERFACE_ID }]),
    { name: `Not listed: go on without it, then ${ways.figures}`, value: null },
    { name: `Not listed: go on without it, then ${ways.measure}`, value: null },
  ];
}

export function headphoneChoices(
  catalog: Catalog,
  exclude: readonly string[] = [],
): Choice<string>[] {
  return catalog.headphones
    .filter((h) => !exclude.includes(h.id))
    .map((h) => ({ name: h.name, value: h.id, description: h.id }));
}

const DONE = "__done__";
/** The answer that goes back to the previous question (or out of a next step). */
export const BACK = "__back__" as const;
/** What to type in a text question to go back. */
export const BACK_INPUT = "<";
export const BACK_CHOICE: Choice<typeof BACK> = {
  name: "← Back",
  value: BACK,
  description: "the previous question",
};

/**
 * Which budget the session asks for: with one role, a ceiling per headphone
 * for its ranking; with several, the total the plan spends across them (each
 * ranking then shows only headphones that cost no more than that total).
 */
export function budgetQuestion(roles: readonly Role[]): string {
  const examples = "e.g. 500, $2,000 or 2k (empty for no limit):";
  return roles.length > 1
    ? `Total budget for the whole setup in US dollars, spent across ${roles.join(", ")}; ${examples}`
    : `Most you would spend on one headphone, in US dollars; ${examples}`;
}

/** A number or nothing (or back), checked by the same parser its flag uses. */
async function askOptionalNumber(
  prompter: Prompter,
  name: string,
  message: string,
  current: number | null,
  parse: (text: string) => number,
  canGoBack: boolean,
): Promise<number | null | typeof BACK> {
  const isBack = (t: string) => canGoBack && t.trim() === BACK_INPUT;
  const text = await prompter.input({
    name,
    message: canGoBack ? message.replace(/\):$/, `, ${BACK_INPUT} to go back):`) : message,
    default: current === null ? undefined : String(current),
    validate: (t) => (t.trim() === "" || isBack(t) ? true : validatorOf(parse)(t)),
  });
  if (isBack(text)) return BACK;
  return text.trim() === "" ? null : parse(text);
}

/**
 * Ask one question; returns the updated answers, or null when the user goes
 * back (offered when `canGoBack`: a "← Back" choice, or "<" typed in a text question).
 */
export async function ask(
  key: Question,
  answers: SessionAnswers,
  prompter: Prompter,
  catalog: Catalog,
  canGoBack = false,
): Promise<SessionAnswers | null> {
  const back: Choice<typeof BACK>[] = canGoBack ? [BACK_CHOICE] : [];
  switch (key) {
    case "roles": {
      const roles = await prompter.checkbox<Role>({
        name: "roles",
        message: "What do you use headphones for? (space to pick, enter when done)",
        choices: ROLES.map((r) => ({
          name: r,
          value: r,
          description: ROLE_HINTS[r],
          checked: answers.roles.includes(r),
        })),
        validate: (picked) => (picked.length > 0 ? true : "pick at least one"),
      });
      return { ...answers, roles };
    }
    case "budget": {
      const budget = await askOptionalNumber(
        prompter,
        "budget",
        budgetQuestion(answers.roles),
        answers.budget,
        parseBudget,
        canGoBack,
      );
      return budget === BACK ? null : { ...answers, budget };
    }
    case "source": {
      const all = [...sourceChoices(catalog), ...back];
      // Typed, the search always ends with the ways on: never a dead end.
      const ways = fallbackChoices(catalog);
      const source = await prompter.search<string | null>({
        name: "source",
        message: "What drives your headphones? (type to search)",
        source: (term) => (term ? [...filterChoices(all, term), ...ways] : all),
      });
      return source === BACK ? null : { ...answers, source };
    }
    case "own": {
      // A searchable multi-select: pick one at a time, "done" to finish.
      const own = [...answers.own];
      for (;;) {
        const left = headphoneChoices(catalog, own);
        const done: Choice<string> = {
          name: own.length ? `Done (you own ${own.join(", ")})` : "Done: I own none of these",
          value: DONE,
        };
        const picked = await prompter.search<string>({
          name: "own",
          message: "Which of these do you already own? (type to search, one at a time)",
          // "Done" first until something is typed, then the matches first.
          source: (term) =>
            term ? [...filterChoices([...left, ...back], term), done] : [done, ...left, ...back],
        });
        if (picked === BACK) return null;
        if (picked === DONE) return { ...answers, own };
        own.push(picked);
      }
    }
    case "maxWeight": {
      const maxWeight = await askOptionalNumber(
        prompter,
        "maxWeight",
        "Heaviest you would wear, in grams (empty for no limit):",
        answers.maxWeight,
        parseMaxWeight,
        canGoBack,
      );
      return maxWeight === BACK ? null : { ...answers, maxWeight };
    }
    case "back": {
      const picked = await prompter.select<Back | null | typeof BACK>({
        name: "back",
        message: "Open or closed back?",
        choices: [
          { name: "Whatever suits the role", value: null },
          ...BACKS.map((b) => ({ name: `${b} only`, value: b })),
          ...back,
        ],
        default: answers.back,
      });
      return picked === BACK ? null : { ...answers, back: picked };
    }
  }
}

/**
 * Compare's question: a search over the whole catalog, one model a pick, until
 * "Compare these" (offered once two are picked) or "← Back" (null). With
 * nothing typed it offers the shortlist `shown`, then what you own; what you
 * own is marked, and a picked model is not offered again.
 */
export async function askComparison(
  prompter: Prompter,
  catalog: Catalog,
  shown: readonly string[],
  own: readonly string[],
): Promise<string[] | null> {
  const mark = (c: Choice<string>) =>
    own.includes(c.value) ? { ...c, name: `${c.name} (yours)` } : c;
  const all = headphoneChoices(catalog).map(mark);
  // In the order given: the shortlist as ranked.
  const first = (ids: readonly string[]) => ids.flatMap((id) => all.filter((c) => c.value === id));
  const back = { ...BACK_CHOICE, description: "the next steps, comparing nothing" };
  const picked: string[] = [];
  for (;;) {
    const left = (choices: Choice<string>[]) => choices.filter((c) => !picked.includes(c.value));
    const shortlist = left(first(shown));
    const yours = left(first(own)).filter((c) => !shown.includes(c.value));
    const everything = [...shortlist, ...left(all).filter((c) => !shown.includes(c.value))];
    const done: Choice<string>[] =
      picked.length >= 2
        ? [{ name: `Compare these ${picked.length}: ${picked.join(", ")}`, value: DONE }]
        : [];
    const id = await prompter.search<string>({
      name: "compare",
      message:
        picked.length === 0
          ? "Which models to compare? (type to search, one at a time)"
          : `Compare ${picked.join(", ")} with? (type to search${picked.length < 2 ? "; pick one more" : ""})`,
      // The shortlist first until something is typed; then the whole catalog.
      source: (term) =>
        term
          ? [...filterChoices([...everything, back], term), ...done]
          : [...done, ...shortlist, ...yours, back],
    });
    if (id === BACK) return null;
    if (id === DONE) return picked;
    picked.push(id);
  }
}

/**
 * The command line that shows the same recommendation, for scripting it next
 * time; `carried`: the run's own flags that change the answer (files, weights,
 * a target curve), as `carriedFlags` gives them.
 */
export function equivalentCommand(
  role: Role,
  a: SessionAnswers,
  carried: readonly string[] = [],
): string {
  const parts = ["hpadvise", "recommend", "--role", role];
  if (a.budget !== null) parts.push("--budget", String(a.budget));
  if (a.source !== null) parts.push("--source", a.source);
  if (a.own.length) parts.push("--own", ...a.own);
  if (a.maxWeight !== null) parts.push("--max-weight", String(a.maxWeight));
  if (a.back !== null) parts.push("--back", a.back);
  return [...parts, ...carried].join(" ");
}

/** What a session was started with that its printed commands must say too. */
export interface CarriedOptions {
  catalog?: string[] | undefined;
  config?: boolean | undefined;
  rules?: string | undefined;
  target?: string | undefined;
  measurements?: string | undefined;
}

/**
 * The flags of a session's run that change its answers, to carry into the
 * commands it prints: without them a printed command would rank another
 * catalog, other weights or no measured curves. `rules`: false for commands
 * that take no weights file (plan, compare).
 */
export function carriedFlags(o: CarriedOptions, { rules = true } = {}): string[] {
  return [
    ...(o.config === false ? ["--no-config"] : []),
    ...(o.catalog ?? []).flatMap((f) => ["--catalog", shellWord(f)]),
    ...(rules && o.rules ? ["--rules", shellWord(o.rules)] : []),
    ...(o.target ? ["--target", shellWord(o.target)] : []),
    ...(o.measurements ? ["--measurements", shellWord(o.measurements)] : []),
  ];
}

/** What to tell someone without a terminal: the commands and flags to use instead. */
export const NO_TERMINAL = {
  message: "no terminal to ask questions in (stdin or stdout is not a terminal)",
  hint: [
    "run a command with flags instead, e.g.",
    `  hpadvise recommend --role ${ROLES.join("|")} ${QUESTIONS.filter((q) => q.key !== "roles")
      .map(
        (q) =>
          `[${q.flag}${q.key === "own" ? " ID..." : q.key === "source" ? " ID" : q.key === "back" ? " open|closed" : " N"}]`,
      )
      .join(" ")}`,
    "  hpadvise check-amp --headphone ID --source ID",
    "  hpadvise interactive --role mixing ... (with every answer as a flag)",
  ].join("\n"),
};

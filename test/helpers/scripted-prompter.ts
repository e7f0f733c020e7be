/**
 * A prompter that answers from a script, as a user would: each answer is
 * checked against the question (it must be one of the choices, and pass the
 * question's own validation), and a question the script does not expect
 * fails the test.
 */
import type { Choice, Prompter } from "../../src/prompts/types.js";

export type Answer =
  | { select: unknown }
  | { check: unknown[] }
  | { type: string; pick?: unknown }
  | { input: string }
  | { confirm: boolean };

export interface Step {
  /** The question's name, e.g. "roles", "budget", "next". */
  name: string;
  answer: Answer;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  /** What validation said about answers that were tried and refused. */
  readonly refused: string[] = [];
  /** What each search offered for what the script typed, in order asked. */
  readonly offered: { name: string; message: string; type: string; choices: Choice<unknown>[] }[] =
    [];
  private readonly steps: Step[];

  constructor(steps: Step[]) {
    this.steps = [...steps];
  }

  private next(name: string): Answer {
    this.asked.push(name);
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected question "${name}": the script has ended`);
    if (step.name !== name)
      throw new Error(`unexpected question "${name}": the script expected "${step.name}"`);
    return step.answer;
  }

  get remaining(): number {
    return this.steps.length;
  }

  async select<T>(q: { name: string; choices: Choice<T>[] }): Promise<T> {
    const a = this.next(q.name);
    if (!("select" in a))
      throw new Error(`"${q.name}" is a select; the script gave ${JSON.stringify(a)}`);
    const choice = q.choices.find((c) => c.value === a.select);
    if (!choice) throw new Error(`"${q.name}" has no choice ${JSON.stringify(a.select)}`);
    return choice.value;
  }

  async checkbox<T>(q: {
    name: string;
    choices: Choice<T>[];
    validate?: ((v: T[]) => true | string) | undefined;
  }): Promise<T[]> {
    const a = this.next(q.name);
    if (!("check" in a))
      throw new Error(`"${q.name}" is a checkbox; the script gave ${JSON.stringify(a)}`);
    const values = a.check.map((v) => {
      const c = q.choices.find((x) => x.value === v);
      if (!c) throw new Error(`"${q.name}" has no choice ${JSON.stringify(v)}`);
      return c.value;
    });
    const ok = q.validate?.(values) ?? true;
    if (ok !== true) throw new Error(`"${q.name}" refused ${JSON.stringify(a.check)}: ${ok}`);
    return values;
  }

  async search<T>(q: {
    name: string;
    message: string;
    source: (term: string) => Choice<T>[];
  }): Promise<T> {
    const a = this.next(q.name);
    if (!("type" in a))
      throw new Error(`"${q.name}" is a search; the script gave ${JSON.stringify(a)}`);
    const shown = q.source(a.type);
    this.offered.push({ name: q.name, message: q.message, type: a.type, choices: shown });
    const choice = "pick" in a ? shown.find((c) => c.value === a.pick) : shown[0];
    if (!choice)
      throw new Error(
        `typing "${a.type}" into "${q.name}" does not offer ${JSON.stringify("pick" in a ? a.pick : "anything")}`,
      );
    return choice.value;
  }

  async input(q: {
    name: string;
    validate?: ((t: string) => true | string) | undefined;
  }): Promise<string> {
    // Like inquirer: a refused answer is not accepted; the script's next answer for
    // the same question is tried.
    for (;;) {
      const a = this.next(q.name);
      if (!("input" in a))
        throw new Error(`"${q.name}" is an input; the script gave ${JSON.stringify(a)}`);
      const ok = q.validate?.(a.input) ?? true;
      if (ok === true) return a.input;
      this.refused.push(ok);
    }
  }

  async confirm(q: { name: string }): Promise<boolean> {
    const a = this.next(q.name);
    if (!("confirm" in a))
      throw new Error(`"${q.name}" is a confirm; the script gave ${JSON.stringify(a)}`);
    return a.confirm;
  }
}

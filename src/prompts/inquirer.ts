/**
 * The real prompter: inquirer's prompts. Imported only by the interactive
 * command, so no other command pays for loading inquirer.
 */
import inquirer from "inquirer";
import type { Output } from "../context.js";
import type { Prompter } from "./types.js";

export function inquirerPrompter(output: NodeJS.WritableStream & Output): Prompter {
  const prompt = inquirer.createPromptModule({ output });
  const ask = async <T>(question: Record<string, unknown>): Promise<T> => {
    const answers = (await prompt([question as never])) as Record<string, T>;
    return answers[question.name as string] as T;
  };
  return {
    select: (q) => ask({ type: "select", pageSize: 12, ...q }),
    checkbox: (q) => ask({ type: "checkbox", ...q }),
    search: (q) =>
      ask({
        type: "search",
        pageSize: 10,
        ...q,
        source: async (term?: string) => q.source(term ?? ""),
      }),
    input: (q) => ask({ type: "input", ...q }),
    confirm: (q) => ask({ type: "confirm", ...q }),
  };
}

/**
 * The real prompter: the @inquirer prompts the session asks with (the
 * packages inquirer itself is built from, without its other prompts).
 * Imported only by the interactive command, so no other command loads them.
 */
import checkbox from "@inquirer/checkbox";
import confirm from "@inquirer/confirm";
import input from "@inquirer/input";
import search from "@inquirer/search";
import select from "@inquirer/select";
import type { Output } from "../context.js";
import type { Prompter } from "./types.js";

export function inquirerPrompter(output: NodeJS.WritableStream & Output): Prompter {
  const context = { output };
  return {
    select: (q) => select({ pageSize: 12, ...q }, context),
    checkbox: ({ validate, ...q }) =>
      checkbox(
        {
          ...q,
          ...(validate && { validate: (items) => validate(items.map((i) => i.value)) }),
        },
        context,
      ),
    search: (q) =>
      search({ pageSize: 10, ...q, source: async (term) => q.source(term ?? "") }, context),
    input: (q) => input(q, context),
    confirm: (q) => confirm(q, context),
  };
}

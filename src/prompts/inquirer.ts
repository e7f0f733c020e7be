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
import { type Output, outputColumns } from "../context.js";
import { hang, textWidth } from "../render/text.js";
import type { Prompter } from "./types.js";

/**
 * The width questions are laid out to: the terminal's, read as it is now (a
 * resize counts); a terminal that states none or 0 (a pseudo-terminal nobody
 * sized, as `script` makes) gets the default, never a column per character.
 */
export function promptColumns(output: { columns?: number }): number {
  return outputColumns(undefined, output.columns);
}

export function inquirerPrompter(output: NodeJS.WritableStream & Output): Prompter {
  const context = { output };
  // Inquirer's answer colour (cyan), kept when the answer is laid out here; NO_COLOR honoured.
  const coloured = (output as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  const cyan = (text: string) => (coloured ? `\x1b[36m${text}\x1b[39m` : text);
  const columns = () => promptColumns(output as { columns?: number });
  /**
   * A question and its answer laid out between words, so the terminal never
   * breaks one mid-word ("mix" / "ing"): a question longer than its line is
   * wrapped after inquirer's "? " (one column spare), and an answered one that
   * would not fit on the question's last line goes under it.
   */
  const laidOut = <Q extends { message: string }>(q: Q) => {
    const message = hang("", q.message, columns() - 3, "  ");
    const lastLine = message.split("\n").pop() ?? "";
    const answer = (text: string) =>
      textWidth(`✔ ${lastLine} ${text}`) < columns()
        ? cyan(text)
        : `\n${hang("  ", text, columns())
            .split("\n")
            .map((line) => cyan(line))
            .join("\n")}`;
    return { ...q, message, theme: { style: { answer } } };
  };
  return {
    select: (q) => select({ pageSize: 12, ...laidOut(q) }, context),
    checkbox: ({ validate, ...q }) =>
      checkbox(
        {
          ...laidOut(q),
          ...(validate && { validate: (items) => validate(items.map((i) => i.value)) }),
        },
        context,
      ),
    search: (q) =>
      search(
        { pageSize: 10, ...laidOut(q), source: async (term) => q.source(term ?? "") },
        context,
      ),
    input: (q) => input(laidOut(q), context),
    confirm: (q) => confirm(laidOut(q), context),
  };
}

/**
 * The real prompter: inquirer's prompts. Imported only by the interactive
 * command, so no other command pays for loading inquirer.
 */
import inquirer from "inquirer";
import type { Output } from "../context.js";
import { textWidth } from "../render/text-width.js";
import { hang } from "../render/wrap.js";
import type { Prompter } from "./types.js";

export function inquirerPrompter(output: NodeJS.WritableStream & Output): Prompter {
  const prompt = inquirer.createPromptModule({ output });
  // Inquirer's answer colour (cyan), kept when the answer is laid out here; NO_COLOR honoured.
  const coloured = (output as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  const cyan = (text: string) => (coloured ? `\x1b[36m${text}\x1b[39m` : text);
  const columns = () => (output as { columns?: number }).columns ?? 80;
  /**
   * An answered question is one line, "✔ message answer": when it would not
   * fit, the answer goes under the message, wrapped between words, so the
   * terminal never breaks it mid-word ("mix" / "ing").
   */
  const answerFor = (message: string) => (text: string) => {
    const lastLine = message.split("\n").pop() ?? "";
    if (textWidth(`✔ ${lastLine} ${text}`) < columns()) return cyan(text);
    return `\n${hang("  ", text, columns())
      .split("\n")
      .map((line) => cyan(line))
      .join("\n")}`;
  };
  /** A question longer than its line, wrapped between words after inquirer's "? ". */
  // One column spare, so a full line never reaches the edge.
  const wrapMessage = (message: string) => hang("", message, columns() - 3, "  ");
  const ask = async <T>(question: Record<string, unknown>): Promise<T> => {
    const message = wrapMessage(String(question.message ?? ""));
    const themed = {
      ...question,
      message,
      theme: { style: { answer: answerFor(message) } },
    };
    const answers = (await prompt([themed as never])) as Record<string, T>;
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

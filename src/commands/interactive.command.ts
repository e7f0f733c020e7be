import { Option } from "commander";
import { BACKS, parseBudget, parseMaxWeight, ROLES } from "../options.js";
import {
  type CommandDeclaration,
  catalogOption,
  examples,
  fileOption,
  idsOption,
  measurementsOption,
  noConfigOption,
  targetOption,
} from "./surface.js";

/** `hpadvise interactive`: the guided session (the default in a terminal). */
export const interactive: CommandDeclaration = (program, ctx) => {
  program
    .command("interactive")
    .description(
      "a guided session: questions, recommendations, next steps (the default in a terminal)",
    )
    .addOption(new Option("--role <role...>", "skip the question: what you do").choices(ROLES))
    .option("--budget <usd>", "skip the question: your budget (US dollars)", parseBudget)
    .addOption(
      idsOption(
        "--source <id>",
        "skip the question: what drives your headphones ('none' if nothing)",
        "sources",
      ),
    )
    .addOption(idsOption("--own <id...>", "skip the question: what you already own", "headphones"))
    .option("--max-weight <grams>", "skip the question: a weight limit", parseMaxWeight)
    .addOption(new Option("--back <back>", "skip the question: open or closed").choices(BACKS))
    .addOption(
      fileOption(
        "--rules <file>",
        "a weights file: your weights for the ranking rules (see README)",
      ),
    )
    .addOption(targetOption())
    .addOption(measurementsOption())
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise",
        "hpadvise interactive --role mixing --source laptop",
        "hpadvise interactive --role tracking --role mixing",
      ),
    )
    .action(async (opts) => {
      const { runInteractive } = await import("./interactive.js");
      await runInteractive(ctx, opts);
    });
};

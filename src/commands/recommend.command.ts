import { Option } from "commander";
import { BACKS, DRIVERS, parseBudget, parseMaxWeight, parseTopOrAll, ROLES } from "../options.js";
import {
  addSourceFigureOptions,
  type CommandDeclaration,
  catalogOption,
  examples,
  fileOption,
  idsOption,
  measurementsOption,
  noConfigOption,
  targetOption,
} from "./surface.js";

/** `hpadvise recommend --role R`: the ranking for one role, and why. */
export const recommend: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("recommend")
    .description("rank catalog headphones for tracking, mixing or mastering, and say why")
    .addOption(
      new Option("--role <role>", "what the headphone is for").choices(ROLES).makeOptionMandatory(),
    )
    .option("--budget <usd>", "leave out models above this price (US dollars)", parseBudget)
    .addOption(
      idsOption(
        "--source <id>",
        "what drives them: flag what it cannot drive, name the amp it needs",
        "sources",
      ),
    )
    .addOption(
      idsOption(
        "--own <id...>",
        "headphones you already own: marked, and whether one serves the role",
        "headphones",
      ),
    )
    .addOption(new Option("--back <back>", "only this back design").choices(BACKS))
    .addOption(new Option("--driver <driver>", "only this driver type").choices(DRIVERS))
    .option("--max-weight <grams>", "leave out heavier models", parseMaxWeight)
    .option(
      "--top <n>",
      "how many to show, in the table and the JSON (default 10; JSON: all), or all",
      parseTopOrAll,
    )
    .option("--explain", "list every rule's points and reason, and the excluded models")
    .option("--json", "print the ranking as JSON")
    .addOption(
      fileOption(
        "--rules <file>",
        "a weights file: your weights for the ranking rules (see README)",
      ),
    )
    .addOption(
      targetOption(
        "a target curve: catalog entries' measured curves are judged against it (see README)",
      ),
    )
    .addOption(measurementsOption())
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise recommend --role mastering",
        "hpadvise recommend --role tracking --budget 200 --top 5",
        "hpadvise recommend --role mixing --source laptop --own ath-m50x",
        "hpadvise recommend --role mastering --explain",
        "hpadvise recommend --role mixing --back open --max-weight 350 --json",
        'hpadvise recommend --role mastering --vout "+13dBu@300" --zout 10',
      ),
    );
  addSourceFigureOptions(command).action(async (opts) => {
    const { runRecommend } = await import("./recommend.js");
    await runRecommend(ctx, opts);
  });
};

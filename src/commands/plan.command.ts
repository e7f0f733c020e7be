import { parseBudget, parseRoles } from "../options.js";
import {
  addSourceFigureOptions,
  type CommandDeclaration,
  catalogOption,
  examples,
  idsOption,
  measurementsOption,
  noConfigOption,
  targetOption,
} from "./surface.js";

/** `hpadvise plan`: a setup across roles within a budget. */
export const plan: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("plan")
    .description("a headphone setup across roles within a budget: what to buy now, next and later")
    .option("--budget <usd>", "what you can spend now (US dollars)", parseBudget)
    .addOption(
      idsOption(
        "--own <id...>",
        "headphones you already own: reused where the guide allows",
        "headphones",
      ),
    )
    .addOption(
      idsOption(
        "--source <id>",
        "what drives them: an amplifier is added where it falls short",
        "sources",
      ),
    )
    .option(
      "--roles <roles>",
      "the roles you work in, separated by commas (default: tracking,mixing,mastering)",
      parseRoles,
    )
    .option("--json", "print the plan as JSON")
    .addOption(targetOption())
    .addOption(measurementsOption())
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise plan --budget 200 --source laptop",
        "hpadvise plan --budget 800 --own ath-m50x --source scarlett-2i2-4g",
        "hpadvise plan --budget 4000 --own hd650 --source interface --roles mixing,mastering",
      ),
    );
  addSourceFigureOptions(command).action(async (opts) => {
    const { runPlan } = await import("./plan.js");
    await runPlan(ctx, opts);
  });
};

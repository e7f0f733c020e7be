import { Option } from "commander";
import { ROLES } from "../options.js";
import {
  type CommandDeclaration,
  catalogOption,
  completesArgs,
  examples,
  fileOption,
  ids,
  idsOption,
  measurementsOption,
  noConfigOption,
  targetOption,
} from "./surface.js";

/** `hpadvise compare A B...`: side by side, and which suits the role better. */
export const compare: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("compare")
    .description("side-by-side specs, fit per role, and which suits the role better")
    .argument("[ids...]", "two or more headphone ids (fewer: with what you own, from your config)")
    .addOption(
      new Option("--role <role>", "conclude for this role only (default: every role)").choices(
        ROLES,
      ),
    )
    .addOption(
      idsOption(
        "--source <id>",
        "what drives them: the conclusion weighs the drive on it",
        "sources",
      ),
    )
    .option("--json", "print the headphones, their role fits and the conclusion as JSON")
    .addOption(
      fileOption(
        "--html <file>",
        "also write an HTML page: the models side by side, with measured curves",
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
        "hpadvise compare hd600 hd650",
        "hpadvise compare hd650 dt1990pro --role mixing --source scarlett-2i2-4g",
        "hpadvise compare utopia clear-mg hd800s --json",
      ),
    )
    .action(async (ids: string[], opts) => {
      const { runCompare } = await import("./compare.js");
      await runCompare(ctx, { ...opts, ids });
    });
  completesArgs(command, ids("headphones"));
};

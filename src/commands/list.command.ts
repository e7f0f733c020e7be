import { Argument, Option } from "commander";
import { BACKS, DRIVERS, parseMaxPrice } from "../options.js";
import {
  type CommandDeclaration,
  catalogOption,
  completesArgs,
  examples,
  noConfigOption,
} from "./surface.js";

const WHAT = ["headphones", "sources"] as const;

/** `hpadvise list [headphones|sources]`: the catalog, filtered. */
export const list: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("list")
    .description("list catalog headphones or sources")
    .addArgument(
      new Argument("[what]", "headphones or sources").choices(WHAT).default("headphones"),
    )
    .addOption(new Option("--back <back>", "only this back design").choices(BACKS))
    .addOption(new Option("--driver <driver>", "only this driver type").choices(DRIVERS))
    .option("--max-price <usd>", "only models at or below this price (US dollars)", parseMaxPrice)
    .option("--json", "print JSON instead of a table")
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise list",
        "hpadvise list headphones --back open --max-price 500",
        "hpadvise list headphones --driver planar --json",
        "hpadvise list sources",
      ),
    )
    .action(async (what: (typeof WHAT)[number], opts) => {
      const { runList } = await import("./list.js");
      await runList(ctx, { ...opts, what });
    });
  completesArgs(command, { kind: "choices", choices: WHAT });
};

import { Option } from "commander";
import { parseId, parsePrice } from "../figures.js";
import { BACKS, DRIVERS, SOURCE_TYPES } from "../options.js";
import {
  addHeadphoneFigureOptions,
  addSourceFigureOptions,
  type CommandDeclaration,
  examples,
} from "./surface.js";

/** `hpadvise add headphone|source`: your own gear, into your personal catalog. */
export const add: CommandDeclaration = (program, ctx) => {
  const add = program
    .command("add")
    .description("add your own headphone or source to your personal catalog");
  const addCommand = (what: "headphone" | "source") => {
    const c = add
      .command(what)
      .description(
        `a ${what} of yours, by flags or (in a terminal) a short form; saved in your personal catalog`,
      )
      .option("--id <id>", "short id for commands (default: from brand and model)", parseId)
      .option("--brand <text>", "brand")
      .option("--model <text>", "model");
    if (what === "headphone") {
      c.addOption(new Option("--back <back>", "open or closed").choices(BACKS));
      c.addOption(new Option("--driver <driver>", "driver type").choices(DRIVERS));
      addHeadphoneFigureOptions(c);
    } else {
      c.addOption(new Option("--type <type>", "kind of source").choices(SOURCE_TYPES));
      addSourceFigureOptions(c);
    }
    c.option("--price <usd>", "price in US dollars", parsePrice)
      .option(
        "--ref <text>",
        'where you read the figures: a URL, or "Publisher: title" (e.g. "Sennheiser: HD 600 product sheet")',
      )
      .action(async (opts) => {
        const { runAdd } = await import("./add.js");
        await runAdd(ctx, { ...opts, what });
      });
    return c;
  };
  addCommand("headphone").addHelpText(
    "after",
    examples(
      ctx,
      "hpadvise add headphone   # in a terminal: a short form",
      'hpadvise add headphone --brand Example --model "Studio Cans" --back closed --driver dynamic --impedance 32 --sensitivity "100 dB/V" --ref "Example: Studio Cans spec sheet"',
    ),
  );
  addCommand("source").addHelpText(
    "after",
    examples(
      ctx,
      "hpadvise add source   # in a terminal: a short form",
      'hpadvise add source --brand Example --model "Desk Interface" --type interface --vout "1.2V@32" --zout 10 --ref "Example: Desk Interface user guide"',
    ),
  );
};

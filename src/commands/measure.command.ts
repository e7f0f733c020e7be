import { Option } from "commander";
import { parseId, parseLevelDbfs, parseLoadOhms, parseReading, parseToneHz } from "../figures.js";
import { SOURCE_TYPES } from "../options.js";
import { type CommandDeclaration, examples } from "./surface.js";

/** `hpadvise measure source`: your own source, with a multimeter. */
export const measure: CommandDeclaration = (program, ctx) => {
  program
    .command("measure")
    .description("measure your own gear with a multimeter")
    .command("source")
    .description(
      "a headphone output's open-circuit voltage and output impedance, from two AC voltage readings",
    )
    .option("--tone <file>", "write the test tone here (alone, without a terminal: then exit)")
    .option("--level-dbfs <db>", "the tone's level below full scale (default -3)", parseLevelDbfs)
    .option(
      "--tone-hz <hz>",
      "the tone's frequency (default 60; 400 to check for a coupling capacitor)",
      parseToneHz,
    )
    .option("--unloaded <volts>", "AC volts with nothing connected", (t) =>
      parseReading(t, "--unloaded"),
    )
    .option("--loaded <volts>", "AC volts across the resistor", (t) => parseReading(t, "--loaded"))
    .option("--load-ohms <ohms>", "the resistor, in ohms (e.g. 33)", parseLoadOhms)
    .option("--save <id>", "save as a measured source in your personal catalog", parseId)
    .option("--brand <text>", "with --save: brand")
    .option("--model <text>", "with --save: model")
    .addOption(new Option("--type <type>", "with --save: kind of source").choices(SOURCE_TYPES))
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise measure source          # in a terminal: step by step",
        "hpadvise measure source --tone tone.wav",
        "hpadvise measure source --level-dbfs -3 --unloaded 1.00 --loaded 0.80 --load-ohms 33 --save my-interface",
      ),
    )
    .action(async (opts) => {
      const { runMeasure } = await import("./measure.js");
      await runMeasure(ctx, opts);
    });
};

import { Option } from "commander";
import { parseTop } from "../options.js";
import {
  type CommandDeclaration,
  completes,
  examples,
  FILE,
  fileOption,
  noConfigOption,
  targetOption,
} from "./surface.js";

/** `hpadvise fr analyze|closest`: measured frequency response. */
export const fr: CommandDeclaration = (program, ctx) => {
  const fr = program
    .command("fr")
    .description(
      "measured frequency response: colouration, the EQ it costs, the closest alternative",
    )
    .addHelpText(
      "after",
      examples(
        ctx,
        'hpadvise fr analyze "oratory1990/data/over-ear/Sennheiser HD 650.csv" --target "Harman over-ear 2018.csv"',
        "hpadvise fr closest my-headphone.csv --among measurements/oratory1990/data",
      ),
    );
  fr.command("analyze")
    .description("tilt, bass, treble, peaks and dips, the EQ's preamp, a preference score and tags")
    .argument("<file>", "the curve: AutoEq CSV with `frequency` and `raw` columns")
    .addOption(
      targetOption("the target curve for the same rig (default: your config's, else flat)"),
    )
    .option("--rig <rig>", "the rig the curve was measured on, when its path does not say")
    .option("--json", "print the figures as JSON")
    .addOption(fileOption("--html <file>", "also write a self-contained HTML page with the plots"))
    .addOption(noConfigOption("ignore your config's target (see `hpadvise config`)"))
    .action(async (file: string, opts) => {
      const { runFrAnalyze } = await import("./fr.js");
      await runFrAnalyze(ctx, { ...opts, file });
    });
  fr.command("closest")
    .description("the curves in a folder nearest to this one (same rig), best first")
    .argument("<file>", "the curve: AutoEq CSV")
    .addOption(
      completes(
        new Option("--among <dir>", "a folder of curves, e.g. AutoEq's measurements/ tree"),
        FILE,
      ).makeOptionMandatory(),
    )
    .option("--rig <rig>", "the rig the curve was measured on, when its path does not say")
    .option("--top <n>", "how many to show (default 10)", parseTop)
    .option("--json", "print the matches as JSON")
    .action(async (file: string, opts) => {
      const { runFrClosest } = await import("./fr.js");
      await runFrClosest(ctx, { ...opts, file });
    });
};

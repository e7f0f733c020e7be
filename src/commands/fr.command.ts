import { Option } from "commander";
import { parseTop } from "../options.js";
import {
  type CommandDeclaration,
  catalogOption,
  completes,
  examples,
  FILE,
  fileOption,
  measurementsOption,
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
    .description(
      "tilt, bass, treble, peaks and dips, a parametric EQ and its preamp, a preference score and tags",
    )
    .argument("<file>", "the curve: AutoEq CSV, REW text export, or a two-column CSV/TSV")
    .addOption(
      targetOption("the target curve for the same rig (default: your config's, else flat)"),
    )
    .option("--rig <rig>", "the rig the curve was measured on, when its path does not say")
    .option("--json", "print the figures as JSON")
    .addOption(fileOption("--html <file>", "also write a self-contained HTML page with the plots"))
    .addOption(
      fileOption(
        "--peq <file>",
        "write the parametric EQ in Equalizer APO's format (ParametricEQ.txt)",
      ),
    )
    .addOption(noConfigOption("ignore your config's target (see `hpadvise config`)"))
    .action(async (file: string, opts) => {
      const { runFrAnalyze } = await import("./fr.js");
      await runFrAnalyze(ctx, { ...opts, file });
    });
  fr.command("unmatched")
    .description(
      "the curves in a measurements folder that no catalog model names, with did-you-mean ids",
    )
    .addOption(measurementsOption("a folder in AutoEq's layout (default: your config's)"))
    .option("--json", "print the list as JSON")
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .action(async (opts) => {
      const { runFrUnmatched } = await import("./fr.js");
      await runFrUnmatched(ctx, opts);
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
    .addOption(targetOption("compare the curves' errors against this target, not the raw curves"))
    .option(
      "--rig <rig>",
      "the rig of the curve, and of the folder's curves, when their paths do not say",
    )
    .option("--top <n>", "how many to show (default 10)", parseTop)
    .option("--json", "print the matches as JSON")
    .action(async (file: string, opts) => {
      const { runFrClosest } = await import("./fr.js");
      await runFrClosest(ctx, { ...opts, file });
    });
};

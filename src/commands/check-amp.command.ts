import { Option } from "commander";
import { parseEqHeadroom, parseTargetSpl, ROLES } from "../options.js";
import {
  addHeadphoneFigureOptions,
  addSourceFigureOptions,
  type CommandDeclaration,
  catalogOption,
  examples,
  fileOption,
  idsOption,
  noConfigOption,
  once,
  targetOption,
} from "./surface.js";

/** `hpadvise check-amp`: can this source drive this headphone? */
export const checkAmp: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("check-amp")
    .description(
      "can this source drive this headphone? voltage, current, power, SPL headroom, damping",
    )
    .addOption(
      idsOption(
        "--headphone <id>",
        "the headphone (without --source: against every source)",
        "headphones",
      ).argParser(once("--headphone")),
    )
    .addOption(
      idsOption(
        "--source <id>",
        "what drives it (without --headphone: against every headphone)",
        "sources",
      ).argParser(once("--source")),
    )
    .addOption(
      new Option("--role <role>", "sets the target peak SPL (see README: Targets)").choices(ROLES),
    )
    .option("--target-spl <db>", "peak SPL to reach, overriding the role's", parseTargetSpl)
    .option(
      "--eq-headroom <db>",
      "level given up to correction EQ (e.g. Sonarworks Safe Headroom)",
      parseEqHeadroom,
    )
    .addOption(
      fileOption(
        "--fr <file>",
        "a measured curve (AutoEq CSV): its EQ to --target sets the EQ headroom",
      ),
    )
    .addOption(
      targetOption(
        "the target curve for --fr (default with --fr: your config's), or the catalog curve's",
      ),
    )
    .addOption(fileOption("--html <file>", "also write an HTML page: headroom bars per source"))
    .addOption(
      new Option(
        "--fail-on <verdict>",
        "exit with code 3 when a verdict is this or worse (for scripts)",
      ).choices(["insufficient", "marginal"]),
    )
    .option("--explain", "print the arithmetic step by step")
    .option("--json", "print the result object as JSON")
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise check-amp --headphone ath-m50x --source laptop --role tracking",
        "hpadvise check-amp --headphone utopia --source phone --role mastering --explain",
        "hpadvise check-amp --headphone clear-mg              # against every source",
        "hpadvise check-amp --source interface --role mixing  # every headphone on one source",
        "hpadvise check-amp --headphone utopia --source grace-m902 --eq-headroom 8 --json",
        'hpadvise check-amp --impedance 300 --sensitivity "97 dB/mW" --vout 2V --zout 10',
        'hpadvise check-amp --headphone hd600 --vout "1.2V@32" --zout 5   # your own source',
        'hpadvise check-amp --headphone hd650 --fr hd650.csv --target "Harman over-ear 2018.csv"',
        "hpadvise check-amp --headphone hd600 --role mastering --html hd600.html",
      ),
    );
  addSourceFigureOptions(addHeadphoneFigureOptions(command)).action(async (opts) => {
    const { runCheckAmp } = await import("./check-amp.js");
    await runCheckAmp(ctx, opts);
  });
};

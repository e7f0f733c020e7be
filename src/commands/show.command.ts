import {
  type CommandDeclaration,
  catalogOption,
  completesArgs,
  examples,
  ids,
  measurementsOption,
  noConfigOption,
  targetOption,
} from "./surface.js";

/** `hpadvise show ID`: one headphone's or source's card. */
export const show: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("show")
    .description("show a headphone's or source's card: specs with units, character, sources")
    .argument("<id>", 'catalog id or model name, e.g. hd800s, "HD 800 S", dt770pro-80')
    .option("--json", "print the catalog object as JSON")
    .addOption(targetOption())
    .addOption(measurementsOption())
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise show hd800s",
        'hpadvise show "DT 770 Pro 80"',
        "hpadvise show hd650 --json",
      ),
    )
    .action(async (id: string, opts) => {
      const { runShow } = await import("./show.js");
      await runShow(ctx, { ...opts, id });
    });
  completesArgs(command, ids("all"));
};

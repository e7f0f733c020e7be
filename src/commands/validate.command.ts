import {
  type CommandDeclaration,
  catalogOption,
  completesArgs,
  examples,
  FILE,
} from "./surface.js";

/** `hpadvise validate FILE...`: check catalog files, print every problem. */
export const validate: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("validate")
    .description("check catalog files and print every problem, or ok with counts")
    .argument("[files...]", "catalog YAML files to check against the built-in catalog")
    .option("--builtin", "also report on the built-in catalog")
    .option(
      "--coverage",
      "then report, per field, how many entries carry it and of which kind, and what check-amp lacks",
    )
    .addOption(catalogOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise validate my-catalog.yaml",
        "hpadvise validate --builtin",
        "hpadvise validate --builtin --coverage",
      ),
    )
    .action(async (files: string[], opts) => {
      const { runValidate } = await import("./validate.js");
      // --catalog files load first, as in every other command, and are checked too.
      await runValidate(ctx, {
        files: [...(opts.catalog ?? []), ...files],
        builtin: opts.builtin,
        coverage: opts.coverage,
      });
    });
  completesArgs(command, FILE);
};

import { Argument } from "commander";
import {
  type CommandDeclaration,
  catalogOption,
  completesArgs,
  describeCommands,
  examples,
  noConfigOption,
} from "./surface.js";

const SHELLS = ["bash", "zsh", "fish"] as const;

/** `hpadvise completion SHELL`: a completion script made from the program's own surface. */
export const completion: CommandDeclaration = (program, ctx) => {
  const command = program
    .command("completion")
    .description("print a shell completion script (commands, options, roles, catalog ids)")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(SHELLS))
    .addOption(catalogOption())
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise completion bash > ~/.local/share/bash-completion/completions/hpadvise",
        "hpadvise completion zsh > ~/.zfunc/_hpadvise   # with ~/.zfunc on $fpath",
        "hpadvise completion fish > ~/.config/fish/completions/hpadvise.fish",
      ),
    )
    .action(async (shell: (typeof SHELLS)[number], opts) => {
      const { runCompletion } = await import("./completion.js");
      runCompletion(ctx, shell, describeCommands(program), opts.catalog ?? []);
    });
  completesArgs(command, { kind: "choices", choices: SHELLS });
};

/** `hpadvise ids`, hidden: catalog ids, one a line, for the completion scripts. */
export const ids: CommandDeclaration = (program, ctx) => {
  program
    .command("ids", { hidden: true })
    .addArgument(new Argument("[what]").choices(["headphones", "sources", "all"]).default("all"))
    .addOption(catalogOption())
    .addOption(noConfigOption())
    .action(async (what: "headphones" | "sources" | "all", opts) => {
      const { runIds } = await import("./completion.js");
      await runIds(ctx, { ...opts, what });
    });
};

import { Argument, type Command } from "commander";
import { CONFIG_KEYS } from "../config/keys.js";
import { type CommandDeclaration, catalogOption, examples } from "./surface.js";

/** `hpadvise config set|get|unset|show|path`: your rig, remembered. */
export const config: CommandDeclaration = (program, ctx) => {
  const config = program
    .command("config")
    .description("your rig, remembered: your source, what you own, your budget, your target curve")
    .addHelpText(
      "after",
      examples(
        ctx,
        "hpadvise config set source scarlett-2i2-4g",
        "hpadvise config set own hd600 ath-m50x",
        "hpadvise config set budget 500",
        'hpadvise config set target "Harman over-ear 2018.csv"',
        "hpadvise config show",
        "hpadvise config unset budget",
      ),
    );
  const configAction =
    (action: "set" | "get" | "unset" | "show" | "path") =>
    async (...args: unknown[]) => {
      const { runConfig } = await import("./config.js");
      const cmd = args[args.length - 1] as Command;
      const [key, values] = cmd.processedArgs as [string?, string[]?];
      await runConfig(ctx, { ...cmd.opts(), action, key: key as never, values });
    };
  const configKey = () =>
    new Argument("<key>", "source, own, budget or target").choices(CONFIG_KEYS);
  config
    .command("set")
    .description("remember a setting: source ID, own ID..., budget USD, target FILE")
    .addArgument(configKey())
    .argument("<values...>", "a source id, headphone ids, US dollars, or a target curve")
    .addOption(catalogOption())
    .action(configAction("set"));
  config
    .command("get")
    .description("print one setting")
    .addArgument(configKey())
    .action(configAction("get"));
  config
    .command("unset")
    .description("forget one setting")
    .addArgument(configKey())
    .action(configAction("unset"));
  config
    .command("show")
    .description("print every setting, and where the files are")
    .option("--json", "print JSON")
    .action(configAction("show"));
  config.command("path").description("print the config file's path").action(configAction("path"));
};

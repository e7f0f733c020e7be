/**
 * The whole command-line surface in one file, and `main()`: the one place that
 * catches errors, prints them and decides the exit code. Commands are loaded
 * lazily, so `--help` and the light commands never import what they don't use.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { type Context, outputColumns } from "./context.js";
import { safeText } from "./core/safe-text.js";
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, HpAdviseError } from "./errors.js";
import {
  parseCurrentLimit,
  parseId,
  parseImpedance,
  parseLevelDbfs,
  parseLoadOhms,
  parsePower,
  parsePrice,
  parseReading,
  parseSensitivity,
  parseVout,
  parseZout,
} from "./figures.js";
import {
  BACKS,
  DRIVERS,
  parseBudget,
  parseEqHeadroom,
  parseMaxPrice,
  parseMaxWeight,
  parseRoles,
  parseTargetSpl,
  parseTop,
  ROLES,
  SOURCE_TYPES,
} from "./options.js";
import type { CommandSpec, ValueKind } from "./render/completion.js";
import { commandLine, hang } from "./render/wrap.js";
import { isTerminal, processStderr, processStdout } from "./stdio.js";

const CONFIG_KEYS = ["source", "own", "budget", "target", "measurements"] as const;

const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectWith =
  <T>(parse: (text: string) => T) =>
  (value: string, previous: T[] = []) => [...previous, parse(value)];

/**
 * A source's figures typed on the command line: alone they describe a source
 * not in the catalog, with --source they replace those fields for this run.
 * Shared by check-amp, recommend and plan.
 */
export function addSourceFigureOptions(command: Command): Command {
  return command
    .option(
      "--vout <voltage>",
      'source output voltage: "2V" unloaded, "2V@32" into 32 Ω, "+13dBu@300" (repeatable)',
      collectWith(parseVout),
    )
    .option(
      "--power <mW@ohms>",
      'source output power into a load: "100mW@32" (repeatable)',
      collectWith(parsePower),
    )
    .option("--zout <ohms>", "source output impedance in ohms", parseZout)
    .option("--current-limit <mA>", "source maximum output current in mA", parseCurrentLimit);
}

/** A headphone's figures typed on the command line (as the source's, above). */
export function addHeadphoneFigureOptions(command: Command): Command {
  return command
    .option("--impedance <ohms>", "headphone nominal impedance in ohms", parseImpedance)
    .option(
      "--sensitivity <figure>",
      'headphone sensitivity with its unit: "102 dB/V" or "97 dB/mW"',
      parseSensitivity,
    );
}

function catalogOption(): Option {
  return new Option(
    "--catalog <file>",
    "also load this catalog YAML on top of the built-in one (repeatable; env HPADVISE_CATALOG)",
  ).argParser((value: string, previous?: string[]) => {
    // An empty name would resolve to the working directory.
    if (value.trim() === "") throw new InvalidArgumentError("expected a file name, not nothing");
    return collect(value, previous);
  });
}

export function buildProgram(ctx: Context): Command {
  // Help fits the width too: commander wraps its part, the examples wrap as
  // commands that still paste (shell continuations).
  // Laid out only when help is shown: no start-up work for the other commands.
  const examples =
    (...lines: string[]) =>
    (): string =>
      `\nExamples:\n${lines.map((l) => `  ${commandLine(l, ctx.columns - 2).replace(/\n/g, "\n  ")}`).join("\n")}\n`;
  const program = new Command("hpadvise")
    .description(
      "Headphone advice for recording, mixing and mastering: which model suits a role, and whether your source can drive it.",
    )
    .version(readVersion(ctx.packageRoot), "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      getOutHelpWidth: () => ctx.columns,
      getErrHelpWidth: () => ctx.columns,
      // What was typed is echoed: made safe to show, as every message is.
      outputError: (s, write) => write(safeText(s.replace(/^error: /, "hpadvise: "))),
    })
    .configureHelp({
      // Beside the option while there is room, else under it: never wider than the width.
      formatItem: (term, termWidth, description) => {
        if (!description) return `  ${term}`;
        if (ctx.columns - termWidth - 4 >= 24)
          return hang(`  ${term.padEnd(termWidth)}  `, description, ctx.columns);
        return `  ${term}\n${hang("      ", description, ctx.columns)}`;
      },
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      examples(
        "hpadvise recommend --role mastering",
        "hpadvise check-amp --headphone ath-m50x --source laptop",
        "hpadvise list headphones --back open",
        "hpadvise show hd800s",
        "hpadvise validate my-catalog.yaml",
      ),
    );

  program
    .command("interactive")
    .description(
      "a guided session: questions, recommendations, next steps (the default in a terminal)",
    )
    .addOption(new Option("--role <role...>", "skip the question: what you do").choices(ROLES))
    .option("--budget <usd>", "skip the question: your budget (US dollars)", parseBudget)
    .option("--source <id>", "skip the question: what drives your headphones ('none' if nothing)")
    .option("--own <id...>", "skip the question: what you already own")
    .option("--max-weight <grams>", "skip the question: a weight limit", parseMaxWeight)
    .addOption(new Option("--back <back>", "skip the question: open or closed").choices(BACKS))
    .option("--rules <file>", "adjust the role profiles' rule weights (see README)")
    .option("--target <file>", "a target curve: catalog curves are judged against it (see README)")
    .option(
      "--measurements <dir>",
      "a folder of measurements in AutoEq's layout: the catalog's models' curves (see README)",
    )
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
        "hpadvise",
        "hpadvise interactive --role mixing --source laptop",
        "hpadvise interactive --role tracking --role mixing",
      ),
    )
    .action(async (opts) => {
      const { runInteractive } = await import("./commands/interactive.js");
      await runInteractive(ctx, opts);
    });

  const recommend = program
    .command("recommend")
    .description("rank catalog headphones for tracking, mixing or mastering, and say why")
    .addOption(
      new Option("--role <role>", "what the headphone is for").choices(ROLES).makeOptionMandatory(),
    )
    .option("--budget <usd>", "leave out models above this price (US dollars)", parseBudget)
    .option("--source <id>", "what drives them: flag what it cannot drive, name the amp it needs")
    .option("--own <id...>", "headphones you already own: marked, and whether one serves the role")
    .addOption(new Option("--back <back>", "only this back design").choices(BACKS))
    .addOption(new Option("--driver <driver>", "only this driver type").choices(DRIVERS))
    .option("--max-weight <grams>", "leave out heavier models", parseMaxWeight)
    .option("--top <n>", "how many to show (default 10)", parseTop)
    .option("--explain", "list every rule's points and reason, and the excluded models")
    .option("--json", "print the ranking as JSON")
    .option("--rules <file>", "adjust the role profiles' rule weights (see README)")
    .option(
      "--target <file>",
      "a target curve: catalog entries' measured curves are judged against it (see README)",
    )
    .option(
      "--measurements <dir>",
      "a folder of measurements in AutoEq's layout: the catalog's models' curves (see README)",
    )
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
        "hpadvise recommend --role mastering",
        "hpadvise recommend --role tracking --budget 200 --top 5",
        "hpadvise recommend --role mixing --source laptop --own ath-m50x",
        "hpadvise recommend --role mastering --explain",
        "hpadvise recommend --role mixing --back open --max-weight 350 --json",
        'hpadvise recommend --role mastering --vout "+13dBu@300" --zout 10',
      ),
    );
  addSourceFigureOptions(recommend).action(async (opts) => {
    const { runRecommend } = await import("./commands/recommend.js");
    await runRecommend(ctx, opts);
  });

  const plan = program
    .command("plan")
    .description("a headphone setup across roles within a budget: what to buy now, next and later")
    .option("--budget <usd>", "what you can spend now (US dollars)", parseBudget)
    .option("--own <id...>", "headphones you already own: reused where the guide allows")
    .option("--source <id>", "what drives them: an amplifier is added where it falls short")
    .option(
      "--roles <roles>",
      "the roles you work in, separated by commas (default: tracking,mixing,mastering)",
      parseRoles,
    )
    .option("--json", "print the plan as JSON")
    .option("--target <file>", "a target curve: catalog curves are judged against it (see README)")
    .option(
      "--measurements <dir>",
      "a folder of measurements in AutoEq's layout: the catalog's models' curves (see README)",
    )
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
        "hpadvise plan --budget 200 --source laptop",
        "hpadvise plan --budget 800 --own ath-m50x --source scarlett-2i2-4g",
        "hpadvise plan --budget 4000 --own hd650 --source interface --roles mixing,mastering",
      ),
    );
  addSourceFigureOptions(plan).action(async (opts) => {
    const { runPlan } = await import("./commands/plan.js");
    await runPlan(ctx, opts);
  });

  program
    .command("compare")
    .description("side-by-side specs, fit per role, and which suits the role better")
    .argument("[ids...]", "two or more headphone ids (fewer: with what you own, from your config)")
    .addOption(
      new Option("--role <role>", "conclude for this role only (default: every role)").choices(
        ROLES,
      ),
    )
    .option("--source <id>", "what drives them: the conclusion weighs the drive on it")
    .option("--json", "print the headphones, their role fits and the conclusion as JSON")
    .option(
      "--html <file>",
      "also write an HTML page: the models side by side, with measured curves",
    )
    .option("--target <file>", "a target curve: catalog curves are judged against it (see README)")
    .option(
      "--measurements <dir>",
      "a folder of measurements in AutoEq's layout: the catalog's models' curves (see README)",
    )
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
        "hpadvise compare hd600 hd650",
        "hpadvise compare hd650 dt1990pro --role mixing --source scarlett-2i2-4g",
        "hpadvise compare utopia clear-mg hd800s --json",
      ),
    )
    .action(async (ids: string[], opts) => {
      const { runCompare } = await import("./commands/compare.js");
      await runCompare(ctx, { ...opts, ids });
    });

  program
    .command("list")
    .description("list catalog headphones or sources")
    .addArgument(
      new Argument("[what]", "headphones or sources")
        .choices(["headphones", "sources"])
        .default("headphones"),
    )
    .addOption(new Option("--back <back>", "only this back design").choices(BACKS))
    .addOption(new Option("--driver <driver>", "only this driver type").choices(DRIVERS))
    .option("--max-price <usd>", "only models at or below this price (US dollars)", parseMaxPrice)
    .option("--json", "print JSON instead of a table")
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
        "hpadvise list",
        "hpadvise list headphones --back open --max-price 500",
        "hpadvise list headphones --driver planar --json",
        "hpadvise list sources",
      ),
    )
    .action(async (what: "headphones" | "sources", opts) => {
      const { runList } = await import("./commands/list.js");
      await runList(ctx, { ...opts, what });
    });

  program
    .command("show")
    .description("show a headphone's or source's card: specs with units, character, sources")
    .argument("<id>", 'catalog id or model name, e.g. hd800s, "HD 800 S", dt770pro-80')
    .option("--json", "print the catalog object as JSON")
    .option("--target <file>", "a target curve: catalog curves are judged against it (see README)")
    .option(
      "--measurements <dir>",
      "a folder of measurements in AutoEq's layout: the catalog's models' curves (see README)",
    )
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
        "hpadvise show hd800s",
        'hpadvise show "DT 770 Pro 80"',
        "hpadvise show hd650 --json",
      ),
    )
    .action(async (id: string, opts) => {
      const { runShow } = await import("./commands/show.js");
      await runShow(ctx, { ...opts, id });
    });

  const checkAmp = program
    .command("check-amp")
    .description(
      "can this source drive this headphone? voltage, current, power, SPL headroom, damping",
    )
    .option("--headphone <id>", "the headphone (without --source: against every source)")
    .option("--source <id>", "what drives it (without --headphone: against every headphone)")
    .addOption(
      new Option("--role <role>", "sets the target peak SPL (see README: Targets)").choices(ROLES),
    )
    .option("--target-spl <db>", "peak SPL to reach, overriding the role's", parseTargetSpl)
    .option(
      "--eq-headroom <db>",
      "level given up to correction EQ (e.g. Sonarworks Safe Headroom)",
      parseEqHeadroom,
    )
    .option("--fr <file>", "a measured curve (AutoEq CSV): its EQ to --target sets the EQ headroom")
    .option(
      "--target <file>",
      "the target curve for --fr (default with --fr: your config's), or the catalog curve's",
    )
    .option("--html <file>", "also write an HTML page: headroom bars per source")
    .option("--explain", "print the arithmetic step by step")
    .option("--json", "print the result object as JSON")
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .addHelpText(
      "after",
      examples(
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
  addSourceFigureOptions(addHeadphoneFigureOptions(checkAmp)).action(async (opts) => {
    const { runCheckAmp } = await import("./commands/check-amp.js");
    await runCheckAmp(ctx, opts);
  });

  const fr = program
    .command("fr")
    .description(
      "measured frequency response: colouration, the EQ it costs, the closest alternative",
    )
    .addHelpText(
      "after",
      examples(
        'hpadvise fr analyze "oratory1990/data/over-ear/Sennheiser HD 650.csv" --target "Harman over-ear 2018.csv"',
        "hpadvise fr closest my-headphone.csv --among measurements/oratory1990/data",
      ),
    );
  fr.command("analyze")
    .description(
      "tilt, bass, treble, peaks and dips, a parametric EQ and its preamp, a preference score and tags",
    )
    .argument("<file>", "the curve: AutoEq CSV, REW text export, or a two-column CSV/TSV")
    .option(
      "--target <file>",
      "the target curve for the same rig (default: your config's, else flat)",
    )
    .option("--rig <rig>", "the rig the curve was measured on, when its path does not say")
    .option("--json", "print the figures as JSON")
    .option("--html <file>", "also write a self-contained HTML page with the plots")
    .option("--peq <file>", "write the parametric EQ in Equalizer APO's format (ParametricEQ.txt)")
    .option("--no-config", "ignore your config's target (see `hpadvise config`)")
    .action(async (file: string, opts) => {
      const { runFrAnalyze } = await import("./commands/fr.js");
      await runFrAnalyze(ctx, { ...opts, file });
    });
  fr.command("unmatched")
    .description(
      "the curves in a measurements folder that no catalog model names, with did-you-mean ids",
    )
    .option("--measurements <dir>", "a folder in AutoEq's layout (default: your config's)")
    .option("--json", "print the list as JSON")
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .action(async (opts) => {
      const { runFrUnmatched } = await import("./commands/fr.js");
      await runFrUnmatched(ctx, opts);
    });
  fr.command("closest")
    .description("the curves in a folder nearest to this one (same rig), best first")
    .argument("<file>", "the curve: AutoEq CSV")
    .requiredOption("--among <dir>", "a folder of curves, e.g. AutoEq's measurements/ tree")
    .option("--target <file>", "compare the curves' errors against this target, not the raw curves")
    .option(
      "--rig <rig>",
      "the rig of the curve, and of the folder's curves, when their paths do not say",
    )
    .option("--top <n>", "how many to show (default 10)", parseTop)
    .option("--json", "print the matches as JSON")
    .action(async (file: string, opts) => {
      const { runFrClosest } = await import("./commands/fr.js");
      await runFrClosest(ctx, { ...opts, file });
    });

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
      .option("--ref <text>", "where you read the figures: a manual, a box, a URL")
      .action(async (opts) => {
        const { runAdd } = await import("./commands/add.js");
        await runAdd(ctx, { ...opts, what });
      });
    return c;
  };
  addCommand("headphone").addHelpText(
    "after",
    examples(
      "hpadvise add headphone   # in a terminal: a short form",
      'hpadvise add headphone --brand Example --model "Studio Cans" --back closed --driver dynamic --impedance 32 --sensitivity "100 dB/V" --ref "spec sheet"',
    ),
  );
  addCommand("source").addHelpText(
    "after",
    examples(
      "hpadvise add source   # in a terminal: a short form",
      'hpadvise add source --brand Example --model "Desk Interface" --type interface --vout "1.2V@32" --zout 10 --ref "user guide"',
    ),
  );

  program
    .command("measure")
    .description("measure your own gear with a multimeter")
    .command("source")
    .description(
      "a headphone output's open-circuit voltage and output impedance, from two AC voltage readings",
    )
    .option(
      "--tone <file>",
      "write the 60 Hz test tone here (alone, without a terminal: then exit)",
    )
    .option("--level-dbfs <db>", "the tone's level below full scale (default -3)", parseLevelDbfs)
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
        "hpadvise measure source          # in a terminal: step by step",
        "hpadvise measure source --tone tone.wav",
        "hpadvise measure source --level-dbfs -3 --unloaded 1.00 --loaded 0.80 --load-ohms 33 --save my-interface",
      ),
    )
    .action(async (opts) => {
      const { runMeasure } = await import("./commands/measure.js");
      await runMeasure(ctx, opts);
    });

  const config = program
    .command("config")
    .description("your rig, remembered: your source, what you own, your budget, your target curve")
    .addHelpText(
      "after",
      examples(
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
      const { runConfig } = await import("./commands/config.js");
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

  program
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
        "hpadvise validate my-catalog.yaml",
        "hpadvise validate --builtin",
        "hpadvise validate --builtin --coverage",
      ),
    )
    .action(async (files: string[], opts) => {
      const { runValidate } = await import("./commands/validate.js");
      // --catalog files load first, as in every other command, and are checked too.
      await runValidate(ctx, {
        files: [...(opts.catalog ?? []), ...files],
        builtin: opts.builtin,
        coverage: opts.coverage,
      });
    });

  program
    .command("completion")
    .description("print a shell completion script (commands, options, roles, catalog ids)")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(SHELLS))
    .addOption(catalogOption())
    .addHelpText(
      "after",
      examples(
        "hpadvise completion bash > ~/.local/share/bash-completion/completions/hpadvise",
        "hpadvise completion zsh > ~/.zfunc/_hpadvise   # with ~/.zfunc on $fpath",
        "hpadvise completion fish > ~/.config/fish/completions/hpadvise.fish",
      ),
    )
    .action(async (shell: (typeof SHELLS)[number], opts) => {
      const { runCompletion } = await import("./commands/completion.js");
      runCompletion(ctx, shell, describeCommands(program), opts.catalog ?? []);
    });

  program
    .command("ids", { hidden: true })
    .addArgument(new Argument("[what]").choices(["headphones", "sources", "all"]).default("all"))
    .addOption(catalogOption())
    .option("--no-config", "ignore your config and personal catalog (see `hpadvise config`)")
    .action(async (what: "headphones" | "sources" | "all", opts) => {
      const { runIds } = await import("./commands/completion.js");
      await runIds(ctx, { ...opts, what });
    });

  return program;
}

const SHELLS = ["bash", "zsh", "fish"] as const;

/** What each option's value and each command's arguments complete to. */
const OPTION_VALUES: Record<string, ValueKind> = {
  "--headphone": { kind: "ids", of: "headphones" },
  "--own": { kind: "ids", of: "headphones" },
  "--source": { kind: "ids", of: "sources" },
  "--catalog": { kind: "file" },
  "--rules": { kind: "file" },
  "--target": { kind: "file" },
  "--among": { kind: "file" },
  "--html": { kind: "file" },
  "--fr": { kind: "file" },
};
const ARG_VALUES: Record<string, ValueKind> = {
  show: { kind: "ids", of: "all" },
  compare: { kind: "ids", of: "headphones" },
  list: { kind: "choices", choices: ["headphones", "sources"] },
  completion: { kind: "choices", choices: SHELLS },
  validate: { kind: "file" },
};

/** The command-line surface as data, for completion scripts. */
export function describeCommands(program: Command): CommandSpec[] {
  return program.commands
    .filter((c) => !(c as unknown as { _hidden: boolean })._hidden)
    .map((c) => ({
      name: c.name(),
      description: c.description(),
      options: c.options
        .filter((o) => o.long !== undefined)
        .map((o) => {
          const flag = o.long as string;
          const takesValue = o.required || o.optional;
          const value: ValueKind | null = !takesValue
            ? null
            : o.argChoices
              ? { kind: "choices", choices: o.argChoices }
              : (OPTION_VALUES[flag] ?? { kind: "none" });
          return { flag, value };
        }),
      args: ARG_VALUES[c.name()] ?? { kind: "none" },
    }));
}

declare const __HPADVISE_VERSION__: string | undefined;

/** The package version: set by the build, read from package.json when running from source. */
function readVersion(packageRoot: string): string {
  if (typeof __HPADVISE_VERSION__ === "string") return __HPADVISE_VERSION__;
  try {
    return (JSON.parse(readFileSync(`${packageRoot}/package.json`, "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}

/** Print a known error (no stack) or an unexpected one (with stack); return the exit code. */
export function reportError(ctx: Context, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and the version
    // (`--help`, `help`, `help recommend`, `--version`) are not errors.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof HpAdviseError) {
    // Messages quote files and what was typed: made safe to show in one place.
    ctx.stderr.write(`hpadvise: ${safeText(error.message)}\n`);
    if (error.hint) ctx.stderr.write(`hint: ${safeText(error.hint)}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === "ExitPromptError") return EXIT_INTERRUPTED;
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ctx.stderr.write(
    `hpadvise: unexpected error; please report it with the command you ran.\n${stack}\n`,
  );
  return 1;
}

/** The flags the program itself answers; any other leading option starts the guided session. */
const PROGRAM_FLAGS = new Set(["-h", "--help", "-V", "--version"]);

export async function run(ctx: Context, argv: readonly string[]): Promise<number> {
  const program = buildProgram(ctx);
  try {
    // No arguments: the guided session in a terminal; without one, it says
    // which commands to run instead (and exits 2) rather than wait for input.
    // Options without a command (`hpadvise --catalog F`) are the guided session's too.
    const guided = argv.length === 0 || (argv[0]?.startsWith("-") && !PROGRAM_FLAGS.has(argv[0]));
    await program.parseAsync(guided ? ["interactive", ...argv] : [...argv], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    return reportError(ctx, error);
  }
}

export function processContext(): Context {
  const env = process.env;
  const stdoutIsTTY = isTerminal(1, () => process.stdout);
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0";
  const color = env.NO_COLOR ? false : forced || (stdoutIsTTY && env.TERM !== "dumb");
  return {
    stdout: processStdout(stdoutIsTTY),
    stderr: processStderr,
    stdoutIsTTY,
    // Asked only by the interactive session: node:tty (and node:net behind it)
    // cost milliseconds to load, and nothing else needs them.
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    color,
    columns: outputColumns(env.COLUMNS, stdoutIsTTY ? process.stdout.columns : undefined),
    env,
    cwd: process.cwd(),
    packageRoot: fileURLToPath(new URL("..", import.meta.url)),
    prompter: async () => {
      const { restoreTerminalOnSignals } = await import("./terminal.js");
      restoreTerminalOnSignals();
      const { inquirerPrompter } = await import("./prompts/inquirer.js");
      return inquirerPrompter(process.stdout);
    },
  };
}

/**
 * Entry point for bin/hpadvise.js: sets the exit code and lets Node exit when
 * the output is flushed; process.exit only when stdout's reader has gone or
 * it cannot be written (stdio.ts).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await run(processContext(), argv);
}

/**
 * What a command declaration is made of. Each command declares its own
 * surface (options, help, examples, completion hints) in `<name>.command.ts`
 * beside its code, and `cli.ts` lists the declarations. A declaration stays
 * light: its action imports the command's code only when the command runs.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import {
  parseCurrentLimit,
  parseImpedance,
  parsePower,
  parseSensitivity,
  parseVout,
  parseZout,
} from "../figures.js";
import type { CommandSpec, ValueKind } from "../render/completion.js";
import { commandLine } from "../render/text.js";

/** Adds one command (or a group of subcommands) to the program. */
export type CommandDeclaration = (program: Command, ctx: Context) => void;

/** Help's "Examples:" block: laid out only when help is shown, wrapped as commands that still paste. */
export function examples(ctx: Context, ...lines: string[]): () => string {
  return () =>
    `\nExamples:\n${lines.map((l) => `  ${commandLine(l, ctx.columns - 2).replace(/\n/g, "\n  ")}`).join("\n")}\n`;
}

// Completion hints: what an option's value and a command's arguments complete to.
const optionValues = new WeakMap<Option, ValueKind>();
const argValues = new WeakMap<Command, ValueKind>();

export const FILE: ValueKind = { kind: "file" };
export const ids = (of: "headphones" | "sources" | "all"): ValueKind => ({ kind: "ids", of });

/** `option`'s value completes to `value` in the shell completion scripts. */
export function completes(option: Option, value: ValueKind): Option {
  optionValues.set(option, value);
  return option;
}

/** `command`'s positional arguments complete to `value`. */
export function completesArgs(command: Command, value: ValueKind): Command {
  argValues.set(command, value);
  return command;
}

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
          const takesValue = o.required || o.optional;
          const value: ValueKind | null = !takesValue
            ? null
            : o.argChoices
              ? { kind: "choices", choices: o.argChoices }
              : (optionValues.get(o) ?? { kind: "none" });
          return { flag: o.long as string, value };
        }),
      args: argValues.get(c) ?? { kind: "none" },
    }));
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectWith =
  <T>(parse: (text: string) => T) =>
  (value: string, previous: T[] = []) => [...previous, parse(value)];

/** An option whose value names a file. */
export function fileOption(flags: string, description: string): Option {
  return completes(new Option(flags, description), FILE);
}

/** An option whose value is catalog ids. */
export function idsOption(
  flags: string,
  description: string,
  of: "headphones" | "sources",
): Option {
  return completes(new Option(flags, description), ids(of));
}

/** An option given once: a second `--source` is an error, never silently the last one. */
export function once(flag: string) {
  return (value: string, previous: string | undefined) => {
    if (previous !== undefined) {
      throw new UsageError(`${flag} given twice ("${previous}" and "${value}"); give it once`, {
        hint: "to see several sources, leave out --source: check-amp --headphone ID checks every one",
      });
    }
    return value;
  };
}

/** `--catalog FILE`: the user's catalog files on top of the built-in one. */
export function catalogOption(): Option {
  const option = new Option(
    "--catalog <file>",
    "also load this catalog YAML on top of the built-in one (repeatable; env HPADVISE_CATALOG)",
  ).argParser((value: string, previous?: string[]) => {
    // An empty name would resolve to the working directory.
    if (value.trim() === "") throw new InvalidArgumentError("expected a file name, not nothing");
    return collect(value, previous);
  });
  return completes(option, FILE);
}

/** `--no-config`: ignore the user's config and personal catalog. */
export function noConfigOption(
  description = "ignore your config and personal catalog (see `hpadvise config`)",
): Option {
  return new Option("--no-config", description);
}

/** `--target FILE`: a target curve. */
export function targetOption(
  description = "a target curve: catalog curves are judged against it (see README)",
): Option {
  return fileOption("--target <file>", description);
}

/** `--measurements DIR`: a folder of curves in AutoEq's layout. */
export function measurementsOption(
  description = "a folder of measurements in AutoEq's layout: the catalog's models' curves (see README)",
): Option {
  return fileOption("--measurements <dir>", description);
}

/**
 * A source's figures typed on the command line: alone they describe a source
 * not in the catalog, with --source they replace those fields for this run.
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

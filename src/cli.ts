/**
 * The registry of commands and `main()`: the one place that catches errors,
 * prints them and decides the exit code. Each command declares its own
 * options, help, examples and completion hints in `commands/<name>.command.ts`
 * beside its code; adding a command is its file and one line in COMMANDS.
 * A request declares only the command it names, and a command's code is
 * loaded only when it runs, so a request never runs what it does not use.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { add } from "./commands/add.command.js";
import { checkAmp } from "./commands/check-amp.command.js";
import { compare } from "./commands/compare.command.js";
import { completion, ids } from "./commands/completion.command.js";
import { config } from "./commands/config.command.js";
import { fr } from "./commands/fr.command.js";
import { interactive } from "./commands/interactive.command.js";
import { list } from "./commands/list.command.js";
import { measure } from "./commands/measure.command.js";
import { plan } from "./commands/plan.command.js";
import { recommend } from "./commands/recommend.command.js";
import { show } from "./commands/show.command.js";
import { type CommandDeclaration, examples } from "./commands/surface.js";
import { validate } from "./commands/validate.command.js";
import {
  type Context,
  isTerminal,
  outputColumns,
  processStderr,
  processStdout,
} from "./context.js";
import { safeText } from "./core/safe-text.js";
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, HpAdviseError } from "./errors.js";
import { hang } from "./render/text.js";

/** Every command by the name it declares, in the order `--help` lists them. */
const COMMANDS: Readonly<Record<string, CommandDeclaration>> = {
  interactive,
  recommend,
  plan,
  compare,
  list,
  show,
  "check-amp": checkAmp,
  fr,
  add,
  measure,
  config,
  validate,
  completion,
  ids,
};

/**
 * The program for a request whose first word is `name`: that command alone
 * when it is one; every command otherwise (help, and did-you-mean for a name
 * mistyped), and for `completion`, whose script describes them all.
 */
export function buildProgram(ctx: Context, name?: string): Command {
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
        ctx,
        "hpadvise recommend --role mastering",
        "hpadvise check-amp --headphone ath-m50x --source laptop",
        "hpadvise list headphones --back open",
        "hpadvise show hd800s",
        "hpadvise validate my-catalog.yaml",
      ),
    );
  const one = name !== undefined && name !== "completion" && Object.hasOwn(COMMANDS, name);
  for (const declare of one ? [COMMANDS[name] as CommandDeclaration] : Object.values(COMMANDS))
    declare(program, ctx);
  return program;
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
  // No arguments: the guided session in a terminal; without one, it says
  // which commands to run instead (and exits 2) rather than wait for input.
  // Options without a command (`hpadvise --catalog F`) are the guided session's too.
  const guided = argv.length === 0 || (argv[0]?.startsWith("-") && !PROGRAM_FLAGS.has(argv[0]));
  const args = guided ? ["interactive", ...argv] : [...argv];
  const program = buildProgram(ctx, args[0]);
  try {
    await program.parseAsync(args, { from: "user" });
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
 * it cannot be written (context.ts).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await run(processContext(), argv);
}

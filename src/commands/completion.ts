/** `hpadvise completion bash|zsh|fish` and the hidden `hpadvise ids` it calls. */
import { resolve } from "node:path";
import type { Context } from "../context.js";
import { type CommandSpec, completionScript, type Shell } from "../render/completion.js";
import { catalogFor, type GlobalOptions } from "./shared.js";

/** The script; ids from `catalogs` (made absolute) complete in it too. */
export function runCompletion(
  ctx: Context,
  shell: Shell,
  commands: readonly CommandSpec[],
  catalogs: readonly string[] = [],
): void {
  const files = catalogs.map((c) => resolve(ctx.cwd, c));
  ctx.stdout.write(completionScript(shell, commands, files));
}

/** What an id looks like (schema.ts); nothing else is handed to a shell. */
const ID = /^[a-z0-9][a-z0-9-]*$/;

export interface IdsOptions extends GlobalOptions {
  what: "headphones" | "sources" | "all";
}

/** Catalog ids, one per line, for shell completion. */
export async function runIds(ctx: Context, options: IdsOptions): Promise<void> {
  const catalog = await catalogFor(ctx, options);
  const ids = [
    ...(options.what === "sources" ? [] : catalog.headphones.map((h) => h.id)),
    ...(options.what === "headphones" ? [] : catalog.sources.map((s) => s.id)),
  ];
  // The loader checked every id; the cache is checked too, but a shell is
  // the wrong place to find out it was not.
  ctx.stdout.write(`${ids.filter((id) => ID.test(id)).join("\n")}\n`);
}

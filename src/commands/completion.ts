/** `hpadvise completion bash|zsh|fish` and the hidden `hpadvise ids` it calls. */
import type { Context } from "../context.js";
import { type CommandSpec, completionScript, type Shell } from "../render/completion.js";
import { catalogFor, type GlobalOptions } from "./shared.js";

export function runCompletion(ctx: Context, shell: Shell, commands: readonly CommandSpec[]): void {
  ctx.stdout.write(completionScript(shell, commands));
}

export interface IdsOptions extends GlobalOptions {
  what: "headphones" | "sources" | "all";
}

/** Catalog ids, one per line, for shell completion. */
export async function runIds(ctx: Context, options: IdsOptions): Promise<void> {
  const { catalog } = await catalogFor(ctx, options);
  const ids = [
    ...(options.what === "sources" ? [] : catalog.headphones.map((h) => h.id)),
    ...(options.what === "headphones" ? [] : catalog.sources.map((s) => s.id)),
  ];
  ctx.stdout.write(`${ids.join("\n")}\n`);
}

/** `hpadvise show ID`: one model card, headphone or source. */
import { findHeadphone, findSource, matchEntry } from "../catalog/lookup.js";
import type { Context } from "../context.js";
import { renderHeadphoneCard, renderSourceCard, toJson } from "../render/catalog.js";
import { catalogFor, type GlobalOptions, renderOptionsFor } from "./shared.js";

export interface ShowOptions extends GlobalOptions {
  id: string;
  json?: boolean | undefined;
}

export async function runShow(ctx: Context, options: ShowOptions): Promise<void> {
  const { catalog } = await catalogFor(ctx, options);
  const ro = renderOptionsFor(ctx);
  // A source id is shown as a source; anything else is looked up as a headphone,
  // so an unknown id gets the headphone did-you-mean.
  const source = matchEntry(catalog.sources, options.id);
  if ("found" in source && !("found" in matchEntry(catalog.headphones, options.id))) {
    const s = findSource(catalog, options.id);
    ctx.stdout.write(options.json ? toJson(s) : renderSourceCard(s, ro));
    return;
  }
  const h = findHeadphone(catalog, options.id);
  ctx.stdout.write(options.json ? toJson(h) : renderHeadphoneCard(h, ro));
}

/** `hpadvise list [headphones|sources]`: browse the catalog, filtered. */

import type { Context } from "../context.js";
import type { Back, Driver, Headphone, Source } from "../core/types.js";
import { renderHeadphoneList, renderSourceList, toJson } from "../render/catalog.js";
import { catalogFor, type GlobalOptions, renderOptionsFor } from "./shared.js";

export interface ListOptions extends GlobalOptions {
  what: "headphones" | "sources";
  back?: Back | undefined;
  driver?: Driver | undefined;
  maxPrice?: number | undefined;
  json?: boolean | undefined;
}

/** Pure filter: an entry with an unknown price is kept out of a price filter. */
export function filterHeadphones(hs: readonly Headphone[], o: ListOptions): Headphone[] {
  return hs.filter(
    (h) =>
      (o.back === undefined || h.back === o.back) &&
      (o.driver === undefined || h.driver === o.driver) &&
      (o.maxPrice === undefined || (h.priceUsd !== null && h.priceUsd <= o.maxPrice)),
  );
}

export function filterSources(ss: readonly Source[], o: ListOptions): Source[] {
  return ss.filter(
    (s) =>
      o.maxPrice === undefined || s.generic || (s.priceUsd !== null && s.priceUsd <= o.maxPrice),
  );
}

export async function runList(ctx: Context, options: ListOptions): Promise<void> {
  const { catalog } = await catalogFor(ctx, options);
  const ro = renderOptionsFor(ctx);
  if (options.what === "sources") {
    const sources = filterSources(catalog.sources, options);
    ctx.stdout.write(options.json ? toJson({ sources }) : renderSourceList(sources, ro));
  } else {
    const headphones = filterHeadphones(catalog.headphones, options);
    ctx.stdout.write(options.json ? toJson({ headphones }) : renderHeadphoneList(headphones, ro));
  }
}

/** `hpadvise list [headphones|sources]`: browse the catalog, filtered. */

import type { Context } from "../context.js";
import { splitByLimit } from "../core/limits.js";
import type { Back, Driver, Headphone, Source } from "../core/types.js";
import { renderHeadphoneList, renderSourceList, renderUnverified } from "../render/catalog.js";
import { toJson } from "../render/json.js";
import { catalogFor, type GlobalOptions, renderOptionsFor } from "./shared.js";

export interface ListOptions extends GlobalOptions {
  what: "headphones" | "sources";
  back?: Back | undefined;
  driver?: Driver | undefined;
  maxPrice?: number | undefined;
  json?: boolean | undefined;
}

/** Headphones that pass the filters; under --max-price an unknown price is kept apart. */
export function filterHeadphones(hs: readonly Headphone[], o: ListOptions) {
  const matching = hs.filter(
    (h) =>
      (o.back === undefined || h.back === o.back) &&
      (o.driver === undefined || h.driver === o.driver),
  );
  return splitByLimit(matching, (h) => h.priceUsd, o.maxPrice);
}

/** Sources under --max-price (the generic presets have no price and always pass). */
export function filterSources(ss: readonly Source[], o: ListOptions) {
  return splitByLimit(ss, (s) => (s.generic ? 0 : s.priceUsd), o.maxPrice);
}

export async function runList(ctx: Context, options: ListOptions): Promise<void> {
  const catalog = await catalogFor(ctx, options);
  const ro = renderOptionsFor(ctx);
  const what = options.what;
  const { within, unverified } =
    what === "sources"
      ? filterSources(catalog.sources, options)
      : filterHeadphones(catalog.headphones, options);
  if (options.json) {
    ctx.stdout.write(toJson({ [what]: within, unverified: unverified.map((e) => e.id) }));
    return;
  }
  const table =
    what === "sources"
      ? renderSourceList(within as Source[], ro)
      : renderHeadphoneList(within as Headphone[], ro);
  ctx.stdout.write(table + renderUnverified(unverified, options.maxPrice, ro));
}

/** `hpadvise show ID`: one model card, headphone or source. */
import { findHeadphone, findSource, matchEntry } from "../catalog/lookup.js";
import { orList } from "../catalog/suggest.js";
import type { Context } from "../context.js";
import { presetDrivability } from "../core/drive.js";
import { ROLE_TARGETS, ROLES } from "../core/roles.js";
import type { Catalog, Headphone } from "../core/types.js";
import { UnknownIdError } from "../errors.js";
import { renderDrivability } from "../render/amp.js";
import {
  type RenderOptions,
  renderHeadphoneCard,
  renderSourceCard,
  toJson,
} from "../render/catalog.js";
import { renderRoleFit } from "../render/compare.js";
import { roleFits } from "./compare.js";
import { catalogFor, type GlobalOptions, renderOptionsFor } from "./shared.js";

export interface ShowOptions extends GlobalOptions {
  id: string;
  json?: boolean | undefined;
}

function drivability(h: Headphone, catalog: Catalog, ro: RenderOptions): string {
  const roles = ROLES.map((role) => ({ role, targetSplDb: ROLE_TARGETS[role].splDb }));
  const byRole = roles.map((r) => presetDrivability(h, catalog.sources, r.targetSplDb));
  const presets = catalog.sources.filter((s) => s.generic);
  const rows = presets.map((s, i) => ({
    source: s.id,
    checks: byRole.map((checks) => checks[i] as (typeof checks)[number]),
  }));
  return renderDrivability(rows, roles, ro);
}

export async function runShow(ctx: Context, options: ShowOptions): Promise<void> {
  const { catalog } = await catalogFor(ctx, options);
  const ro = renderOptionsFor(ctx);
  const hp = matchEntry(catalog.headphones, options.id);
  const src = matchEntry(catalog.sources, options.id);
  if ("found" in hp || "ambiguous" in hp) {
    const h = findHeadphone(catalog, options.id);
    const fits = Object.values(roleFits(catalog, [h.id])).flat();
    ctx.stdout.write(
      options.json
        ? toJson(h)
        : renderHeadphoneCard(h, ro, renderRoleFit(fits, ro) + drivability(h, catalog, ro)),
    );
  } else if ("found" in src || "ambiguous" in src) {
    const s = findSource(catalog, options.id);
    ctx.stdout.write(options.json ? toJson(s) : renderSourceCard(s, ro));
  } else {
    const near = [...hp.suggestions, ...src.suggestions].slice(0, 4);
    const what = hp.suggestions.length === 0 && src.suggestions.length > 0 ? "source" : "headphone";
    throw new UnknownIdError(
      `unknown ${what} "${options.id}"${near.length ? `: did you mean ${orList(near)}?` : ""}`,
      { hint: "`hpadvise list headphones` and `hpadvise list sources` show every id" },
    );
  }
}

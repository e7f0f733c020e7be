/** `hpadvise show ID`: one model card, headphone or source. */
import { findSource, matchEntry } from "../catalog/lookup.js";
import { orList } from "../catalog/suggest.js";
import type { Context } from "../context.js";
import { presetDrivability } from "../core/drive.js";
import { PROFILES } from "../core/profiles.js";
import { roleFits } from "../core/recommend.js";
import { ROLE_TARGETS, ROLES } from "../core/roles.js";
import { quoteName } from "../core/safe-text.js";
import type { Headphone, Source } from "../core/types.js";
import { UnknownIdError } from "../errors.js";
import { renderDrivability } from "../render/amp.js";
import { type RenderOptions, renderHeadphoneCard, renderSourceCard } from "../render/catalog.js";
import { renderRoleFit } from "../render/compare.js";
import { toJson } from "../render/json.js";
import {
  catalogFor,
  type GlobalOptions,
  measuredCatalog,
  type Picked,
  pickFromCatalog,
  renderOptionsFor,
  targetCurve,
  withConfigDefaults,
} from "./shared.js";

export interface ShowOptions extends GlobalOptions {
  id: string;
  json?: boolean | undefined;
  /** A target curve: entries' measured curves are judged against it (card, fits, --json). */
  target?: string | undefined;
  /** A folder of measurements in AutoEq's layout: the catalog's models' curves. */
  measurements?: string | undefined;
}

function drivability(h: Headphone, sources: readonly Source[], ro: RenderOptions): string {
  const roles = ROLES.map((role) => ({ role, targetSplDb: ROLE_TARGETS[role].splDb }));
  const byRole = roles.map((r) => presetDrivability(h, sources, r.targetSplDb));
  const presets = sources.filter((s) => s.generic);
  const rows = presets.map((s, i) => ({
    source: s.id,
    checks: byRole.map((checks) => checks[i] as (typeof checks)[number]),
  }));
  return renderDrivability(rows, roles, ro);
}

function headphoneCard(picked: Picked, json: boolean | undefined, ro: RenderOptions): string {
  const h = picked.headphones[0] as Headphone;
  if (json) return toJson(h);
  const fits = Object.values(roleFits(picked.catalog, picked.headphones, PROFILES)).flat();
  return renderHeadphoneCard(
    h,
    ro,
    renderRoleFit(fits, ro) + drivability(h, picked.catalog.sources, ro),
  );
}

export async function runShow(ctx: Context, options: ShowOptions): Promise<void> {
  await withConfigDefaults(ctx, options, ["target", "measurements"], (o) => showWith(ctx, o));
}

async function showWith(ctx: Context, options: ShowOptions): Promise<void> {
  const ro = renderOptionsFor(ctx);
  const target = await targetCurve(ctx, options.target);
  const catalog = await measuredCatalog(
    ctx,
    (await catalogFor(ctx, options)).catalog,
    target,
    options.measurements,
  );
  const hp = matchEntry(catalog.headphones, options.id);
  const src = matchEntry(catalog.sources, options.id);
  if ("found" in hp || "ambiguous" in hp) {
    ctx.stdout.write(headphoneCard(pickFromCatalog(catalog, [options.id]), options.json, ro));
  } else if ("found" in src || "ambiguous" in src) {
    const s = findSource(catalog, options.id);
    ctx.stdout.write(options.json ? toJson(s) : renderSourceCard(s, ro));
  } else {
    const near = [...hp.suggestions, ...src.suggestions].slice(0, 4);
    const what = hp.suggestions.length === 0 && src.suggestions.length > 0 ? "source" : "headphone";
    throw new UnknownIdError(
      `unknown ${what} ${quoteName(options.id)}${near.length ? `: did you mean ${orList(near)}?` : ""}`,
      { hint: "`hpadvise list headphones` and `hpadvise list sources` show every id" },
    );
  }
}

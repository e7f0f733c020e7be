/**
 * `hpadvise add headphone|source`: your own gear into your personal catalog.
 * In a terminal a short form asks what the flags did not say; without one,
 * the flags must say it all (and the error names the ones missing).
 */

import {
  freeId,
  type HeadphoneAnswers,
  headphoneEntry,
  type SourceAnswers,
  sourceEntry,
} from "../catalog/user-entry.js";
import type { Context } from "../context.js";
import type { Back, Driver } from "../core/types.js";
import type { SourceType } from "../core/vocabulary.js";
import { UsageError } from "../errors.js";
import {
  parseCurrentLimit,
  parseId,
  parseImpedance,
  parsePower,
  parsePrice,
  parseSensitivity,
  parseVout,
  parseZout,
  type StatedOutput,
  type StatedSensitivity,
} from "../figures.js";
import type { Prompter } from "../prompts/types.js";
import { catalogFor, personalCatalogPath } from "./shared.js";

export interface AddOptions {
  what: "headphone" | "source";
  id?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
  back?: Back | undefined;
  driver?: Driver | undefined;
  type?: SourceType | undefined;
  impedance?: number | undefined;
  sensitivity?: StatedSensitivity | undefined;
  vout?: StatedOutput[] | undefined;
  power?: StatedOutput[] | undefined;
  zout?: number | undefined;
  currentLimit?: number | undefined;
  price?: number | undefined;
  ref?: string | undefined;
}

const REQUIRED = {
  headphone: ["brand", "model", "back", "driver"],
  source: ["brand", "model", "type"],
} as const;

export async function runAdd(ctx: Context, options: AddOptions): Promise<void> {
  const path = personalCatalogPath(ctx);
  const missing = REQUIRED[options.what].filter((k) => options[k] === undefined);
  const canAsk = ctx.stdinIsTTY && ctx.stdoutIsTTY && ctx.prompter !== undefined;
  if (missing.length > 0 && !canAsk) {
    throw new UsageError(
      `add ${options.what} needs ${missing.map((k) => `--${k}`).join(", ")} (no terminal to ask in)`,
      {
        hint:
          options.what === "headphone"
            ? 'e.g. `hpadvise add headphone --brand Example --model "Studio Cans" --back closed --driver dynamic --impedance 32 --sensitivity "100 dB/V" --ref "Example: Studio Cans spec sheet"`'
            : 'e.g. `hpadvise add source --brand Example --model "Desk Interface" --type interface --vout "1.5V@32" --zout 10 --ref "Example: Desk Interface user guide"`',
      },
    );
  }
  const o =
    canAsk && ctx.prompter ? await askMissing(ctx, await ctx.prompter(), options) : { ...options };
  const id = o.id ?? (await suggestedId(ctx, o.brand as string, o.model as string));
  parseId(id);
  const basics = {
    id,
    brand: o.brand as string,
    model: o.model as string,
    priceUsd: o.price,
    ref: o.ref,
  };
  const { saveEntry } = await import("../config/personal-catalog.js");
  const entry =
    o.what === "headphone"
      ? headphoneEntry({
          ...basics,
          back: o.back as Back,
          driver: o.driver as Driver,
          impedanceOhms: o.impedance,
          sensitivity: o.sensitivity,
        } satisfies HeadphoneAnswers)
      : sourceEntry({
          ...basics,
          type: o.type as SourceType,
          outputs: [...(o.vout ?? []), ...(o.power ?? [])],
          zoutOhms: o.zout,
          currentLimitMa: o.currentLimit,
        } satisfies SourceAnswers);
  const { updated } = await saveEntry(
    path,
    o.what === "headphone" ? "headphones" : "sources",
    entry,
    ctx.packageRoot,
    { onStale: (message) => ctx.stderr.write(`note: ${message}\n`) },
  );
  ctx.stderr.write(`${updated ? "Updated" : "Added"} ${o.what} ${id} in ${path}\n`);
  ctx.stderr.write(
    o.what === "source"
      ? `next: hpadvise config set source ${id}   # make it your default source\n`
      : `next: hpadvise check-amp --headphone ${id}\n`,
  );
  ctx.stdout.write(`${id}\n`);
}

/**
 * A short id no model or source in the built-in catalog already answers to.
 * Your own catalog is left out: adding the same model again updates its entry.
 */
async function suggestedId(ctx: Context, brand: string, model: string): Promise<string> {
  const catalog = await catalogFor(ctx, { config: false });
  const taken = [...catalog.headphones, ...catalog.sources].flatMap((e) => [e.id, ...e.aliases]);
  return freeId(brand, model, taken);
}

/** Ask what the flags did not give, in the order a spec sheet reads. */
async function askMissing(ctx: Context, p: Prompter, given: AddOptions): Promise<AddOptions> {
  const { askBack, askDriver, askText, askType } = await import("../prompts/gear.js");
  const o = { ...given };
  const text = async <T>(key: Parameters<typeof askText>[1], parse: (t: string) => T) => {
    const answer = await askText(p, key);
    return answer === "" ? undefined : parse(answer);
  };
  o.brand ??= await askText(p, "brand");
  o.model ??= await askText(p, "model");
  o.id ??= await askText(p, "id", await suggestedId(ctx, o.brand, o.model));
  if (o.what === "headphone") {
    o.back ??= await askBack(p);
    o.driver ??= await askDriver(p);
    if (o.impedance === undefined) o.impedance = await text("impedance", parseImpedance);
    if (o.sensitivity === undefined) o.sensitivity = await text("sensitivity", parseSensitivity);
  } else {
    o.type ??= await askType(p);
    if (o.vout === undefined && o.power === undefined) {
      const v = await text("vout", parseVout);
      const w = await text("power", parsePower);
      o.vout = v ? [v] : undefined;
      o.power = w ? [w] : undefined;
    }
    if (o.zout === undefined) o.zout = await text("zout", parseZout);
    if (o.currentLimit === undefined)
      o.currentLimit = await text("currentLimit", parseCurrentLimit);
  }
  if (o.price === undefined) o.price = await text("price", parsePrice);
  if (o.ref === undefined) o.ref = await text("ref", (t) => t);
  return o;
}

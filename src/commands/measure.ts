/**
 * `hpadvise measure source`: the multimeter method for a headphone output.
 * Writes a test tone, guides the two readings (in a terminal) or takes them
 * by flags, works out the open-circuit voltage at full scale and the output
 * impedance (core/measure.ts), and can save them as a `measured` source.
 */
import { resolve } from "node:path";
import { sourceEntry } from "../catalog/user-entry.js";
import type { Context } from "../context.js";
import { computeMeasurement, type Measurement, type Readings } from "../core/measure.js";
import type { SourceType } from "../core/vocabulary.js";
import { sineWav } from "../core/wav.js";
import { UsageError } from "../errors.js";
import { parseId, parseLoadOhms, parseReading, parseText } from "../figures.js";
import { validatorOf } from "../options.js";
import type { Prompter } from "../prompts/types.js";
import { renderMeasurement } from "../render/measure.js";
import { commandLine, hang } from "../render/text.js";
import { writeUserFile } from "../write-whole.js";
import { catalogFor, personalCatalogPath, renderOptionsFor } from "./shared.js";

/**
 * Ordinary multimeters read AC volts accurately at mains frequencies (their
 * AC ranges are specified from about 40 Hz to a few hundred hertz, and many
 * fall off well before 1 kHz), so the tone is 60 Hz, as in the classic
 * method (https://hydrogenaud.io/index.php/topic,109603.msg902794.html).
 */
export const TONE_HZ = 60;
/** A few dB below full scale, so no stage clips while the meter reads. */
export const DEFAULT_LEVEL_DBFS = -3;
export const TONE_SECONDS = 30;
export const DEFAULT_TONE_FILE = "hpadvise-tone-60hz.wav";

export interface MeasureOptions {
  tone?: string | undefined;
  levelDbfs?: number | undefined;
  toneHz?: number | undefined;
  unloaded?: number | undefined;
  loaded?: number | undefined;
  loadOhms?: number | undefined;
  save?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
  type?: SourceType | undefined;
  json?: boolean | undefined;
}

const WARNING =
  "Unplug your headphones first. The tone plays at full volume: loud enough to hurt your ears and damage headphones.";

export async function runMeasure(ctx: Context, o: MeasureOptions): Promise<void> {
  const levelDbfs = o.levelDbfs ?? DEFAULT_LEVEL_DBFS;
  const toneHz = o.toneHz ?? TONE_HZ;
  const hasReadings = o.unloaded !== undefined || o.loaded !== undefined;
  const canAsk = ctx.stdinIsTTY && ctx.stdoutIsTTY && ctx.prompter !== undefined;

  if (!hasReadings && o.tone !== undefined && !canAsk) {
    const path = await saveTone(ctx, o.tone, levelDbfs, toneHz);
    ctx.stdout.write(nextSteps(path, levelDbfs, toneHz, o.loadOhms, ctx.columns));
    return;
  }
  let readings: Readings;
  if (hasReadings || !canAsk) {
    const missing = (["unloaded", "loaded", "loadOhms"] as const).filter((k) => o[k] === undefined);
    if (missing.length > 0) {
      throw new UsageError(
        `measure source needs ${missing.map((k) => (k === "loadOhms" ? "--load-ohms" : `--${k}`)).join(", ")} (no terminal to ask in)`,
        {
          hint: `first \`hpadvise measure source --tone ${DEFAULT_TONE_FILE}\` writes the tone and says how to read the voltages; then e.g. \`hpadvise measure source --level-dbfs ${DEFAULT_LEVEL_DBFS} --unloaded 1.00 --loaded 0.80 --load-ohms 33\``,
        },
      );
    }
    readings = {
      levelDbfs,
      unloadedVrms: o.unloaded as number,
      loadedVrms: o.loaded as number,
      loadOhms: o.loadOhms as number,
      toneHz,
    };
  } else {
    readings = await guide(ctx, (await ctx.prompter?.()) as Prompter, o, levelDbfs, toneHz);
  }
  const m = computeMeasurement(readings);
  const error = m.checks.find((c) => c.severity === "error");
  if (error) throw new UsageError(`measure source: ${error.message}`);

  let saved: { id: string; path: string; updated: boolean } | undefined;
  let id = o.save;
  if (id === undefined && canAsk && !o.json) {
    const p = (await ctx.prompter?.()) as Prompter;
    if (
      await p.confirm({
        name: "save",
        message: "Save this as a source in your personal catalog?",
        default: true,
      })
    ) {
      const { askText } = await import("../prompts/gear.js");
      o.brand ??= await askText(p, "brand");
      o.model ??= await askText(p, "model");
      id = await askText(p, "id");
    }
  }
  if (id !== undefined) saved = await save(ctx, parseId(id), o, m);

  if (o.json) {
    ctx.stdout.write(
      `${JSON.stringify(
        {
          inputs: m.inputs,
          openCircuitVrms: m.openCircuitVrms,
          outputImpedanceOhms: m.outputImpedanceOhms,
          loadedMa: m.loadedMa,
          loadedMw: m.loadedMw,
          checks: m.checks,
          saved: saved ? { id: saved.id, file: saved.path } : null,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  ctx.stdout.write(renderMeasurement(m, renderOptionsFor(ctx)));
  if (saved) {
    ctx.stderr.write(
      `${saved.updated ? "Updated" : "Saved"} source ${saved.id} (kind: measured) in ${saved.path}\nnext: hpadvise config set source ${saved.id}\n`,
    );
  }
}

async function saveTone(
  ctx: Context,
  file: string,
  levelDbfs: number,
  toneHz: number,
): Promise<string> {
  const path = resolve(ctx.cwd, file);
  const bytes = sineWav({ frequencyHz: toneHz, levelDbfs, seconds: TONE_SECONDS });
  writeUserFile(path, bytes);
  return path;
}

/** What to do with the tone, wrapped to the terminal (never mid-word; the command stays one to paste). */
function nextSteps(
  path: string,
  levelDbfs: number,
  toneHz: number,
  loadOhms: number | undefined,
  columns: number,
): string {
  const r = loadOhms ?? 33;
  const hz = toneHz === TONE_HZ ? "" : ` --tone-hz ${toneHz}`;
  const step = (n: number, text: string) => hang(`${n}. `, text, columns);
  return [
    hang(
      "",
      `Wrote ${path}: a ${toneHz} Hz sine at ${levelDbfs} dBFS, ${TONE_SECONDS} s (loop it).`,
      columns,
    ),
    "",
    step(1, WARNING),
    step(
      2,
      "Play the file on repeat through the output, volume at maximum, any EQ or effects off.",
    ),
    step(
      3,
      "Set the multimeter to AC volts; with nothing plugged in, touch the probes to the tip (left channel) and sleeve (ground) of a plug in the output. Note the reading: unloaded.",
    ),
    step(4, `Connect a ${r} Ω resistor across the same tip and sleeve and read again: loaded.`),
    step(5, "Then:"),
    `   ${commandLine(`hpadvise measure source --level-dbfs ${levelDbfs}${hz} --unloaded V --loaded V --load-ohms ${r} [--save ID]`, columns - 3).replace(/\n/g, "\n   ")}`,
    "",
  ].join("\n");
}

/** The guided steps in a terminal: the tone, the warning, the two readings. */
async function guide(
  ctx: Context,
  p: Prompter,
  o: MeasureOptions,
  levelDbfs: number,
  toneHz: number,
): Promise<Readings> {
  const path = await saveTone(ctx, o.tone ?? DEFAULT_TONE_FILE, levelDbfs, toneHz);
  const wrap = (text: string) => hang("", text, ctx.columns);
  ctx.stdout.write(
    `${wrap(`Wrote ${path}: a ${toneHz} Hz sine at ${levelDbfs} dBFS (loop it).`)}\n\n${hang("⚠ ", WARNING, ctx.columns)}\n\n${wrap("Play it on repeat, volume at maximum, any EQ or effects off. Meter on AC volts, probes on the tip (left channel) and sleeve (ground) of a plug in the output.")}\n\n`,
  );
  const validate = (what: string) => validatorOf((t) => parseReading(t, what));
  const unloadedVrms =
    o.unloaded ??
    parseReading(
      await p.input({
        name: "unloaded",
        message: "Reading with nothing connected (volts):",
        validate: validate("unloaded reading"),
      }),
      "unloaded reading",
    );
  const loadOhms =
    o.loadOhms ??
    parseLoadOhms(
      await p.input({
        name: "loadOhms",
        message: "The resistor you will connect, in ohms (33 suits most outputs):",
        default: "33",
        validate: validatorOf(parseLoadOhms),
      }),
    );
  const loadedVrms =
    o.loaded ??
    parseReading(
      await p.input({
        name: "loaded",
        message: `Now connect the ${loadOhms} Ω resistor across tip and sleeve. Reading (volts):`,
        validate: validate("loaded reading"),
      }),
      "loaded reading",
    );
  return { levelDbfs, unloadedVrms, loadedVrms, loadOhms, toneHz };
}

/**
 * Save as a measured source: over the catalog's entry when the id is one
 * (only the measured fields), else a new entry.
 */
async function save(ctx: Context, id: string, o: MeasureOptions, m: Measurement) {
  const path = personalCatalogPath(ctx);
  const catalog = await catalogFor(ctx, {});
  const existing = catalog.sources.find((s) => s.id === id);
  const note = `measured with hpadvise measure source on ${new Date().toISOString().slice(0, 10)}: ${m.inputs.unloadedVrms} V unloaded, ${m.inputs.loadedVrms} V into ${m.inputs.loadOhms} Ω, at ${m.inputs.levelDbfs} dBFS`;
  const full = sourceEntry(
    {
      id,
      brand: o.brand ? parseText(o.brand, "--brand") : (existing?.brand ?? "Measured"),
      model: o.model ? parseText(o.model, "--model") : (existing?.model ?? id),
      type: o.type ?? existing?.type ?? "interface",
      outputs: [{ value: Number(m.openCircuitVrms.toFixed(3)), unit: "Vrms" }],
      zoutOhms:
        m.outputImpedanceOhms === null ? undefined : Number(m.outputImpedanceOhms.toFixed(2)),
    },
    "measured",
    note,
  );
  // Over an existing entry only the measured figures are laid (catalog overlays).
  const entry = existing
    ? { id, outputs: full.outputs, outputImpedanceOhms: full.outputImpedanceOhms }
    : full;
  const { saveEntry } = await import("../config/personal-catalog.js");
  // An entry already in the personal catalog is updated in place: its brand and model stay.
  const { updated } = await saveEntry(path, "sources", entry, ctx.packageRoot, {
    merge: true,
    onStale: (message) => ctx.stderr.write(`note: ${message}\n`),
  });
  return { id, path, updated };
}

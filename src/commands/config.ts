/** `hpadvise config set|get|unset|show|path`: your rig, remembered in config.yaml. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  CONFIG_KEYS,
  type Config,
  type ConfigKey,
  readConfig,
  updateConfig,
} from "../config/config.js";
import { type Context, configFile, personalCatalogFile } from "../context.js";
import { UsageError } from "../errors.js";
import { parseBudget } from "../options.js";
import { catalogFor, type GlobalOptions, userFilePath } from "./shared.js";

export interface ConfigOptions extends GlobalOptions {
  action: "set" | "get" | "unset" | "show" | "path";
  key?: ConfigKey | undefined;
  values?: string[] | undefined;
  json?: boolean | undefined;
}

/** Tells the user when a lock left by a dead writer was taken over. */
const stale = (ctx: Context) => (message: string) => ctx.stderr.write(`note: ${message}\n`);

function show(value: Config[ConfigKey]): string {
  return Array.isArray(value) ? value.join(" ") : String(value);
}

export async function runConfig(ctx: Context, o: ConfigOptions): Promise<void> {
  const path = userFilePath(configFile(ctx.env), "config");
  switch (o.action) {
    case "path":
      ctx.stdout.write(`${path}\n`);
      return;
    case "show": {
      const config = (await readConfig(path)) ?? {};
      const personal = personalCatalogFile(ctx.env) as string;
      if (o.json) {
        ctx.stdout.write(
          `${JSON.stringify({ file: path, ...config, personalCatalog: existsSync(personal) ? personal : null }, null, 2)}\n`,
        );
        return;
      }
      ctx.stdout.write(`# ${path}${existsSync(path) ? "" : " (not written yet)"}\n`);
      for (const key of CONFIG_KEYS) {
        ctx.stdout.write(
          `${key}: ${config[key] === undefined ? "(not set)" : show(config[key])}\n`,
        );
      }
      ctx.stdout.write(
        `# personal catalog: ${personal}${existsSync(personal) ? "" : " (none yet: hpadvise add)"}\n`,
      );
      return;
    }
    case "get": {
      const key = o.key as ConfigKey;
      const value = (await readConfig(path))?.[key];
      if (value === undefined) {
        ctx.stderr.write(`${key} is not set (${path})\n`);
        return;
      }
      ctx.stdout.write(`${show(value)}\n`);
      return;
    }
    case "unset": {
      const key = o.key as ConfigKey;
      await updateConfig(path, key, undefined, stale(ctx));
      ctx.stderr.write(`${key} unset in ${path}\n`);
      return;
    }
    case "set": {
      const key = o.key as ConfigKey;
      const value = await checkedValue(ctx, o, key, o.values ?? []);
      await updateConfig(path, key, value, stale(ctx));
      ctx.stderr.write(`${key}: ${show(value)}, saved in ${path}\n`);
    }
  }
}

/** The value to store: ids as the catalog spells them, a budget as a number. */
async function checkedValue(
  ctx: Context,
  o: ConfigOptions,
  key: ConfigKey,
  values: string[],
): Promise<string | string[] | number> {
  if (values.length === 0) throw new UsageError(`config set ${key} needs a value`);
  if (key !== "own" && values.length > 1) {
    throw new UsageError(`config set ${key} takes one value, got ${values.length}`);
  }
  const first = values[0] as string;
  if (key === "budget") return parseBudget(first);
  if (key === "target") {
    // Stored absolute, so it means the same file from any directory; read
    // now, so a config never names a file that is not a curve.
    const { readCurve } = await import("../catalog/curve.js");
    const path = resolve(ctx.cwd, first);
    readCurve(ctx.cwd, path);
    return path;
  }
  if (key === "measurements") {
    // Stored absolute, and looked into now: a config never names a folder that is not one.
    const { listCurveFiles } = await import("../catalog/curve.js");
    const path = resolve(ctx.cwd, first);
    listCurveFiles(path);
    return path;
  }
  const catalog = await catalogFor(ctx, o);
  if (key === "source") return catalog.findSource(first).id;
  return [...new Set(values.map((v) => catalog.findHeadphone(v).id))];
}

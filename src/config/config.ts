/**
 * Your rig, remembered: `config.yaml` holds your source, what you own and
 * your budget and a target curve, used by recommend, check-amp, compare and the guided session
 * as defaults. Read with the yaml package (this module is loaded only when
 * the file exists and was not read before: catalog/open.ts), checked with a
 * schema as catalogs are, every problem located; written with the yaml Document API
 * so your comments and order survive, whole and under a lock (lock.ts).
 */
import { Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { decodeCatalogBytes, readBounded } from "../catalog/read.js";
import { type CatalogIssue, formatIssue, HpAdviseError } from "../errors.js";
import { MAX_BUDGET_USD } from "../options.js";
import { writeError, writeWhole } from "../write-whole.js";
// Declared in a module of their own so the CLI can name them without loading yaml.
import { CONFIG_KEYS, type ConfigKey } from "./keys.js";
import { lockFile } from "./lock.js";

export { CONFIG_KEYS, type ConfigKey };

export interface Config {
  /** Source id: what drives your headphones. */
  source?: string | undefined;
  /** Headphone ids you own. */
  own?: string[] | undefined;
  /** Budget per headphone, US dollars. */
  budget?: number | undefined;
  /** A target curve (AutoEq CSV), absolute: what measured curves are judged against. */
  target?: string | undefined;
  /** A folder of measurements in AutoEq's layout, absolute: the catalog's models' curves. */
  measurements?: string | undefined;
}

/** A config file that cannot be read or is invalid: every problem, located. */
export class ConfigError extends HpAdviseError {
  override name = "ConfigError";
  readonly issues: readonly CatalogIssue[];
  constructor(issues: readonly CatalogIssue[], hint?: string) {
    super(
      `${issues.length} problem${issues.length === 1 ? "" : "s"} in your config:\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`,
      { hint: hint ?? "fix the file (or delete it and set again with `hpadvise config set`)" },
    );
    this.issues = issues;
  }
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** A config is a few lines; past this it is not one (and parsing it would take minutes). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Headphones in `own`: as many as a catalog list holds. */
export const MAX_OWN = 64;

/** A value as found, cut short: a message about a 10,000-id list stays one line. */
function found(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const id = z.string().regex(ID);
const somePath = z.string().refine((v) => v.trim() !== "");

/** What each setting must be; a value that is not gets its setting's EXPECTED message. */
const configSchema = z.strictObject({
  source: id.optional(),
  own: z.array(id).max(MAX_OWN).optional(),
  budget: z.number().min(1).max(MAX_BUDGET_USD).optional(),
  target: somePath.optional(),
  measurements: somePath.optional(),
});

/** What to say of a setting whose value the schema refused, naming what was found. */
const EXPECTED: Record<ConfigKey, (found: unknown) => string> = {
  source: (v) => `expected a source id, found ${found(v)}`,
  own: (v) =>
    Array.isArray(v) && v.length > MAX_OWN
      ? `expected at most ${MAX_OWN} headphone ids, found ${v.length}`
      : `expected a list of headphone ids, found ${found(v)}`,
  budget: (v) =>
    `expected a budget in US dollars, found ${found(v)} (1 to ${MAX_BUDGET_USD}, as --budget)`,
  target: (v) => `expected the path of a target curve, found ${found(v)}`,
  measurements: (v) => `expected the path of a measurements folder, found ${found(v)}`,
};

/** The file's text, or its one problem; "no such file" and an empty file are told apart by the caller. */
function readConfigText(path: string): { text: string } | { issue: CatalogIssue } {
  const read = readBounded(path, MAX_CONFIG_BYTES, "a config file");
  if ("message" in read) return { issue: { file: path, path: "", message: read.message } };
  return decodeCatalogBytes(read.bytes, path);
}

/** Read and check the config; undefined when there is no file. */
export async function readConfig(path: string): Promise<Config | undefined> {
  const read = readConfigText(path);
  if ("issue" in read) {
    if (read.issue.message === "no such file") return undefined;
    // An empty file is an empty config.
    if (read.issue.message.startsWith("the file is empty")) return {};
    throw new ConfigError([read.issue]);
  }
  const { parsed } = parseConfigText(read.text, path);
  return parsed;
}

/** Parse config text: the values and the document (for writing back), or a located error. */
export function parseConfigText(text: string, file: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues: CatalogIssue[] = doc.errors.map((e) => ({
    file,
    ...at(e.pos[0]),
    path: "",
    message: `YAML syntax: ${e.message.split("\n")[0]}`,
  }));
  if (issues.length) throw new ConfigError(issues);
  if (doc.contents === null) return { parsed: {} as Config, doc };
  if (!isMap(doc.contents)) {
    throw new ConfigError([
      {
        file,
        ...at(doc.contents.range?.[0]),
        path: "",
        message: `expected a mapping of ${CONFIG_KEYS.join(", ")}`,
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError([
      {
        file,
        path: "",
        message: `cannot read the YAML: ${String((e as Error).message).split("\n")[0]}`,
      },
    ]);
  }
  const checked = configSchema.safeParse(raw);
  if (checked.success) return { parsed: checked.data as Config, doc };
  // Where each setting is: its value (what is wrong with it), its key (an unknown one).
  const where = new Map<string, { key?: number; value?: number }>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const value = (pair.value as { range?: number[] } | null)?.range?.[0];
    where.set(key, { key: (pair.key as { range?: number[] } | null)?.range?.[0], value });
  }
  const values = raw as Record<string, unknown>;
  const said = new Set<string>();
  for (const issue of checked.error.issues) {
    const named = issue.code === "unrecognized_keys" ? issue.keys : [String(issue.path[0])];
    for (const key of named) {
      if (said.has(key)) continue;
      said.add(key);
      const place = where.get(key);
      const known = (CONFIG_KEYS as readonly string[]).includes(key);
      issues.push({
        file,
        ...at(known ? (place?.value ?? place?.key) : place?.key),
        path: key,
        message: known
          ? EXPECTED[key as ConfigKey](values[key])
          : `unknown setting ${found(key)} (expected one of ${CONFIG_KEYS.join(", ")})`,
      });
    }
  }
  // In the order they stand in the file.
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new ConfigError(issues);
}

/** The config file's text, "" when there is none yet. */
async function currentText(path: string): Promise<string> {
  const read = readConfigText(path);
  if (!("issue" in read)) return read.text;
  const m = read.issue.message;
  if (m === "no such file" || m.startsWith("the file is empty")) return "";
  throw new ConfigError([read.issue]);
}

/**
 * Change the config under its lock: read it fresh, set or delete one key,
 * keep everything else (comments too), write it whole. A failed write is a
 * clear error and leaves the old file as it was.
 */
export async function updateConfig(
  path: string,
  key: ConfigKey,
  value: string | string[] | number | undefined,
  onStale?: (message: string) => void,
): Promise<Config> {
  const release = lockFile(path, onStale);
  try {
    const { doc } = parseConfigText(await currentText(path), path);
    let out: { get(k: string, keep: true): unknown; toString(): string } = doc;
    if (value === undefined) doc.delete(key);
    else if (doc.contents === null) {
      const fresh = new Document({});
      fresh.set(key, fresh.createNode(value, { flow: Array.isArray(value) }));
      fresh.commentBefore = " hpadvise: your rig (see hpadvise config show)";
      out = fresh;
    } else {
      // A scalar changed in place keeps its comment ("budget: 300 # for now").
      const existing = doc.get(key, true);
      if (isScalar(existing) && !Array.isArray(value)) existing.value = value;
      else doc.set(key, doc.createNode(value, { flow: Array.isArray(value) }));
    }
    const text = String(out);
    // Checked before it is written: a config we write always reads back.
    const { parsed } = parseConfigText(text, path);
    try {
      writeWhole(path, text, { mkdir: true });
    } catch (e) {
      throw writeError(
        path,
        e,
        "your config was not changed; free some space or fix the folder, then try again",
      );
    }
    return parsed;
  } finally {
    release();
  }
}

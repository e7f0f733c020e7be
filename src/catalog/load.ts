/**
 * Reading and validating catalog files. Every problem is collected (not just
 * the first) and located: file, line, column and the full path of the field.
 */
import { dirname, isAbsolute, resolve as resolvePath } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { quoteName, safeStrings } from "../core/safe-text.js";
import type { CatalogIssue } from "../errors.js";
import { type ParsedFile, type Path, runCatalogChecks } from "./checks.js";
import { positionsIn, scanJson } from "./json-scan.js";
import {
  decodeCatalogBytes,
  MAX_YAML_BYTES,
  readCatalogFile,
  readCatalogFileSync,
} from "./read.js";
import {
  type CatalogFile,
  catalogFileSchema,
  type HeadphoneEntry,
  headphoneEntrySchema,
  type OverlayFile,
  overlayFileSchema,
  type SourceEntry,
  sourceEntrySchema,
} from "./schema.js";
import { suggest } from "./suggest.js";

/** YAML aliases beyond this count are treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 1000;

export type LoadResult =
  | {
      ok: true;
      files: ParsedFile[];
      warnings: CatalogIssue[];
      /** The checks' advice on users' files, when asked for (`validate`). */
      advice: CatalogIssue[];
    }
  | { ok: false; errors: CatalogIssue[]; warnings: CatalogIssue[] };

type Position = { line: number; column: number };

interface ParsedText {
  /** A user file (parsed as overlays) holds entries that may give only some fields. */
  data: CatalogFile | OverlayFile | null;
  /** Where each path is (asked only when there is a problem to place). */
  locate: (paths: readonly Path[]) => (Position | undefined)[];
  errors: CatalogIssue[];
  warnings: CatalogIssue[];
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length > 1 ? `a list of ${value.length}` : "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return quoteName(value);
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The keys a strict object schema accepts at `path`, for did-you-mean on typos. */
function knownKeysAt(path: readonly PropertyKey[], root: z.ZodType = catalogFileSchema): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's public `def` tree generically.
  let schema: any = root;
  const unwrap = () => {
    while (schema?.def && ["optional", "default", "nullable", "pipe"].includes(schema.def.type)) {
      schema = schema.def.type === "pipe" ? schema.def.in : schema.def.innerType;
    }
  };
  unwrap();
  for (const p of path) {
    if (schema?.def?.type === "array") schema = schema.def.element;
    else if (schema?.def?.type === "object") schema = schema.def.shape[p as string];
    else if (schema?.def?.type === "record") schema = schema.def.valueType;
    else return [];
    unwrap();
  }
  return schema?.def?.type === "object" ? Object.keys(schema.def.shape) : [];
}

/** Unknown keys named in one message; more are counted. */
const UNKNOWN_KEYS_SHOWN = 3;

function messageFor(
  issue: z.core.$ZodIssue,
  root: unknown,
  schema: z.ZodType = catalogFileSchema,
): string {
  const found = valueAt(root, issue.path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(issue.path, schema);
      const named = issue.keys.slice(0, UNKNOWN_KEYS_SHOWN).map((k) => {
        const s = suggest(k, known);
        return `unknown field ${quoteName(k)}${s ? `: did you mean ${s}?` : ""}`;
      });
      const more = issue.keys.length - named.length;
      return `${named.join("; ")}${more > 0 ? `; and ${more} more unknown fields` : ""} (expected one of ${known.join(", ")})`;
    }
    case "invalid_value":
      return `${issue.message}, found ${describe(found)}`;
    case "invalid_type":
      if (found === undefined && issue.path.length > 0) {
        return `required field is missing (expected ${issue.expected})`;
      }
      return `${issue.message}, found ${describe(found)}`;
    case "too_small":
    case "too_big":
    case "invalid_format":
      return `${issue.message}, found ${describe(found)}`;
    default:
      return issue.message;
  }
}

/**
 * Parse one catalog file's text; never throws. A JSON file (JSON is YAML) is
 * read with JSON.parse, and only when it has a problem is its text scanned to
 * place it (json-scan.ts: one pass, where the YAML parser's document of a big
 * file would take many times its size in memory). Only JSON.parse's failures
 * go to the YAML parser (a YAML flow mapping starts with `{` too), and only
 * files the YAML parser can hold in memory.
 */
export function parseCatalogText(text: string, file: string, overlay = false): ParsedText {
  const schema = overlay ? overlayFileSchema : catalogFileSchema;
  if (text.trimStart().startsWith("{")) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      if (text.length <= MAX_YAML_BYTES) return parseYamlText(text, file, schema);
      const at = /at position (\d+)/.exec(String((e as Error).message))?.[1];
      const message = `JSON syntax: ${firstLine(String((e as Error).message)).replace(/ in JSON at position \d+.*$/, "")}`;
      return failed({
        file,
        ...(at === undefined ? {} : positionsIn(text)(Number(at))),
        path: "",
        message,
      });
    }
    return parseJsonValue(raw, text, file, schema);
  }
  if (text.length > MAX_YAML_BYTES) {
    return failed({
      file,
      path: "",
      message: `is a YAML file of ${Math.round(text.length / (1024 * 1024))} MB; YAML catalogs are limited to ${MAX_YAML_BYTES / (1024 * 1024)} MB: save a catalog this big as JSON`,
    });
  }
  return parseYamlText(text, file, schema);
}

function failed(issue: CatalogIssue): ParsedText {
  return {
    data: null,
    locate: (paths) => paths.map(() => undefined),
    errors: [issue],
    warnings: [],
  };
}

type FileSchema = typeof catalogFileSchema | typeof overlayFileSchema;

/**
 * A JSON file that JSON.parse read. JSON.parse keeps the last of two equal
 * keys, which a catalog must not depend on: the keys it kept are counted
 * against the colons outside strings (one per key written), and only a
 * difference, like a schema problem, has the text scanned for places.
 */
function parseJsonValue(raw: unknown, text: string, file: string, schema: FileSchema): ParsedText {
  const pos = positionsIn(text);
  const at = (offset: number | undefined) => (offset === undefined ? undefined : pos(offset));
  const locate = (paths: readonly Path[]) => {
    const scan = scanJson(text, paths);
    return paths.map((p) => at(scan.valueAt(p)));
  };
  const parsed = schema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues;
  if (issues.length === 0 && keysKept(raw) === keysWritten(text)) {
    return { data: parsed.data as CatalogFile | OverlayFile, locate, errors: [], warnings: [] };
  }
  const scan = scanJson(
    text,
    issues.map((i) =>
      i.code === "unrecognized_keys" && i.keys[0] !== undefined
        ? [...(i.path as Path), i.keys[0]]
        : (i.path as Path),
    ),
  );
  const errors: CatalogIssue[] = [];
  for (const d of scan.duplicates) {
    errors.push({
      file,
      ...pos(d.offset),
      path: formatPath(d.path.slice(0, -1)),
      message: `duplicate key ${quoteName(String(d.path[d.path.length - 1]))}; JSON would keep only the last`,
    });
  }
  for (const issue of issues) {
    const path = issue.path as Path;
    const offset =
      issue.code === "unrecognized_keys" && issue.keys[0] !== undefined
        ? scan.keyAt(path, issue.keys[0])
        : scan.valueAt(path);
    errors.push({
      file,
      ...at(offset),
      path: formatPath(path),
      message: messageFor(issue, raw, schema),
    });
  }
  return { data: null, locate, errors, warnings: [] };
}

/** How many keys the parsed value holds. */
function keysKept(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  if (Array.isArray(value)) for (const v of value) n += keysKept(v);
  else for (const k in value) n += 1 + keysKept((value as Record<string, unknown>)[k]);
  return n;
}

/** How many keys the JSON text writes: its colons outside strings. */
function keysWritten(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a) n++;
  }
  return n;
}

function parseYamlText(source: string, file: string, schema: FileSchema): ParsedText {
  // YAML allows a lone CR as a line break; the parser and LineCounter do not.
  const text = source.includes("\r") ? source.replace(/\r(?!\n)/g, "\n") : source;
  const lineCounter = new LineCounter();
  const errors: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    // YAML 1.1 merge keys (`<<: *base`), which catalogs written by hand use.
    merge: true,
  });
  const locateOne = (path: Path) => locateNode(doc.contents, path, pos);
  const locate = (paths: readonly Path[]) => paths.map(locateOne);
  for (const e of doc.errors) {
    errors.push({
      file,
      ...pos(e.pos[0]),
      path: "",
      message: `YAML syntax: ${firstLine(e.message)}`,
    });
  }
  for (const w of doc.warnings) {
    warnings.push({ file, ...pos(w.pos[0]), path: "", message: firstLine(w.message) });
  }
  if (errors.length > 0) return { data: null, locate, errors, warnings };
  if (doc.contents === null) {
    errors.push({
      file,
      path: "",
      message: "the file is empty; expected `headphones:` and/or `sources:` lists",
    });
    return { data: null, locate, errors, warnings };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message =
      e instanceof ReferenceError
        ? `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}); a small file that expands to a huge one is refused`
        : e instanceof Error && e.message.startsWith("Merge sources")
          ? "a YAML merge key (<<) merges a mapping or an alias of one, e.g. `<<: *base`"
          : `cannot read the YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}`;
    errors.push({ file, path: "", message });
    return { data: null, locate, errors, warnings };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as Path;
      const at =
        issue.code === "unrecognized_keys" && issue.keys[0] !== undefined
          ? locateKey(doc.contents, path, issue.keys[0], pos)
          : locateOne(path);
      errors.push({
        file,
        ...at,
        path: formatPath(path),
        message: messageFor(issue, raw, schema),
      });
    }
    return { data: null, locate, errors, warnings };
  }
  return { data: parsed.data, locate, errors, warnings };
}

/**
 * YAML text parsed with positions, for files other than catalogs (--rules):
 * the value, or the first syntax error located; and where a path's value is.
 */
export function parseYamlLocated(
  text: string,
  maxAliasCount: number,
):
  | { ok: true; value: unknown; locate: (path: Path) => Position | undefined }
  | { ok: false; error: Position & { message: string } } {
  const lineCounter = new LineCounter();
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    return {
      ok: false,
      error: { ...pos(syntax.pos[0]), message: `YAML syntax: ${firstLine(syntax.message)}` },
    };
  }
  try {
    const value = doc.toJS({ maxAliasCount });
    return { ok: true, value, locate: (path) => locateNode(doc.contents, path, pos) };
  } catch (e) {
    return {
      ok: false,
      error: {
        line: 1,
        column: 1,
        message: `cannot read the YAML: ${firstLine(String((e as Error).message))}`,
      },
    };
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

type Pos = (offset: number) => { line: number; column: number };

/** The deepest node along `path` that exists, so a missing field points at its parent. */
function locateNode(root: unknown, path: Path, pos: Pos) {
  let node = root as Node | null;
  let best = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      node = (pair.value ?? pair.key) as Node | null;
    } else if (isSeq(node) && typeof key === "number") {
      node = (node.items[key] ?? null) as Node | null;
    } else break;
    if (!node) break;
    best = node;
  }
  const offset = best?.range?.[0];
  return offset === undefined ? undefined : pos(offset);
}

function locateKey(root: unknown, path: Path, key: string, pos: Pos) {
  let node = root as Node | null;
  for (const k of path) {
    if (isMap(node))
      node = (node.items.find((p) => isScalar(p.key) && p.key.value === k)?.value ??
        null) as Node | null;
    else if (isSeq(node) && typeof k === "number") node = (node.items[k] ?? null) as Node | null;
    else return undefined;
  }
  if (!isMap(node)) return locateNode(root, path, pos);
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  const offset = (pair?.key as Node | undefined)?.range?.[0] ?? node.range?.[0];
  return offset === undefined ? undefined : pos(offset);
}

export interface CatalogSource {
  /** Where to read it. */
  path: string;
  /** How to name it in messages (the path as the user typed it). */
  name: string;
  /**
   * Its contents, already validated on their own (the built-in snapshot, a
   * cached user file): not read or parsed again, only checked against the
   * others. Its lines are found, from the file, only if a rule needs one.
   */
  data?: CatalogFile | undefined;
  /** Its bytes, when the caller has already read them. */
  bytes?: Buffer | undefined;
  /**
   * A user's file: an entry with an earlier entry's id lays its fields over
   * it (or, with `replace: true`, replaces it whole). Built-in files are not.
   */
  overlay?: boolean | undefined;
}

function preparsed(source: CatalogSource & { data: CatalogFile }): ParsedText {
  return {
    data: source.data,
    errors: [],
    warnings: [],
    locate: (paths) => {
      const read = readCatalogFileSync(source.path, source.name);
      return "text" in read
        ? parseCatalogText(read.text, source.name).locate(paths)
        : paths.map(() => undefined);
    },
  };
}

/**
 * Load and check catalog files, in order (built-in first, then the user's).
 * Returns every problem across all files; cross-file rules run only when each
 * file is valid on its own. What a check calls advice in a user's file
 * (checks.ts) is no error there; with `advice`, it comes back located. The
 * files' text comes back safe to show (core/safe-text.ts): this is the one
 * place catalog text enters, so the tables, cards, prompts, JSON and the
 * cache never see a control character from a catalog.
 */
export async function loadCatalogFiles(
  sources: readonly CatalogSource[],
  options: { advice?: boolean } = {},
): Promise<LoadResult> {
  const texts = await Promise.all(
    sources.map((s) =>
      s.data !== undefined
        ? null
        : s.bytes !== undefined
          ? decodeCatalogBytes(s.bytes, s.name)
          : readCatalogFile(s.path, s.name),
    ),
  );
  const errors: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];
  const parsed: { name: string; text: ParsedText }[] = [];
  texts.forEach((t, i) => {
    const source = sources[i] as CatalogSource;
    if (t === null) {
      parsed.push({
        name: source.name,
        text: preparsed(source as CatalogSource & { data: CatalogFile }),
      });
      return;
    }
    if ("issue" in t) {
      errors.push(t.issue);
      return;
    }
    const result = parseCatalogText(t.text, source.name, source.overlay === true);
    if (result.data) curvePathsFrom(result.data, source.path);
    // One at a time: spreading 150,000 problems into push() overflows the stack.
    for (const e of result.errors) errors.push(e);
    for (const w of result.warnings) warnings.push(w);
    parsed.push({ name: source.name, text: result });
  });
  if (errors.length > 0) return { ok: false, errors: sortIssues(errors, sources), warnings };
  const files = applyOverlays(parsed, errors);
  if (errors.length > 0) return { ok: false, errors: sortIssues(errors, sources), warnings };
  const checkIssues = runCatalogChecks(files);
  const advice: CatalogIssue[] = [];
  for (const [file, p] of parsed.entries()) {
    const user = sources[file]?.overlay === true;
    // Advice is placed only when asked for: commands that do not print it scan no file for it.
    const mine = checkIssues.filter(
      (issue) =>
        issue.file === file && (!user || !issue.adviceInUserFiles || options.advice === true),
    );
    if (mine.length === 0) continue;
    const places = p.text.locate(mine.map((issue) => issue.path));
    for (const [k, issue] of mine.entries()) {
      (user && issue.adviceInUserFiles ? advice : errors).push({
        file: p.name,
        ...places[k],
        path: formatPath(issue.path),
        message: issue.message,
      });
    }
  }
  return errors.length > 0
    ? { ok: false, errors: sortIssues(errors, sources), warnings }
    : {
        ok: true,
        files: files.map((f) => ({ ...f, data: safeStrings(f.data) })),
        warnings,
        advice: sortIssues(advice, sources),
      };
}

/** In file order, then by line and column; unlocated issues first in their file. */
function sortIssues(issues: CatalogIssue[], sources: readonly CatalogSource[]): CatalogIssue[] {
  const fileIndex = (name: string) => sources.findIndex((s) => s.name === name);
  return [...issues].sort(
    (a, b) =>
      fileIndex(a.file) - fileIndex(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * Each file's entries as whole entries, in order: an overlay entry merged
 * over the latest earlier entry with its id (its refs added to the earlier
 * ones, every other field it gives replacing the earlier field), then
 * validated as one entry. Problems are located in the overlay's file.
 */
function applyOverlays(
  parsed: readonly { name: string; text: ParsedText }[],
  errors: CatalogIssue[],
): ParsedFile[] {
  const earlier = { headphones: new Map<string, object>(), sources: new Map<string, object>() };
  const schemas = { headphones: headphoneEntrySchema, sources: sourceEntrySchema };
  return parsed.map((p) => {
    const data = p.text.data as CatalogFile | OverlayFile;
    const whole = { headphones: [] as HeadphoneEntry[], sources: [] as SourceEntry[] };
    // Located all at once when the file is done: one pass over a JSON file.
    const found: (Omit<CatalogIssue, "file"> & { at: Path })[] = [];
    for (const section of ["headphones", "sources"] as const) {
      for (const [index, entry] of (data[section] as { id: string }[]).entries()) {
        const { replace, ...given } = entry as { id: string; replace?: boolean };
        const base = replace ? undefined : earlier[section].get(given.id);
        const merged = base ? mergeEntry(base, given) : given;
        const result = schemas[section].safeParse(merged);
        if (!result.success) {
          for (const issue of result.error.issues) {
            const path: Path = [section, index, ...(issue.path as Path)];
            const message = messageFor(issue, merged, schemas[section]);
            found.push({
              at: path,
              path: formatPath(path),
              message: base
                ? `${message} (after laying this entry over the earlier "${given.id}")`
                : message,
            });
          }
          continue;
        }
        earlier[section].set(given.id, result.data);
        (whole[section] as object[]).push(result.data);
      }
    }
    const places = found.length ? p.text.locate(found.map((f) => f.at)) : [];
    for (const [k, { at: _, ...issue }] of found.entries()) {
      errors.push({ file: p.name, ...places[k], ...issue });
    }
    return { name: p.name, data: whole };
  });
}

/** An overlay's fields over the earlier entry's; refs are added to, not replaced. */
export function mergeEntry(base: object, given: object): object {
  const refs = { ...(base as { refs?: object }).refs, ...(given as { refs?: object }).refs };
  return { ...base, ...given, refs };
}

/**
 * A headphone's curve file is written relative to its catalog file; from here
 * on it is absolute (and so cached), wherever the command runs.
 */
function curvePathsFrom(data: CatalogFile | OverlayFile, catalogPath: string): void {
  for (const h of data.headphones as { frequencyResponse?: { file?: unknown } }[]) {
    const fr = h.frequencyResponse;
    if (typeof fr?.file === "string" && !isAbsolute(fr.file)) {
      fr.file = resolvePath(dirname(catalogPath), fr.file);
    }
  }
}

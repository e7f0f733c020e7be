/**
 * The ranking index of a cached user catalog, written beside the cache entry
 * (`KEY.rank`) under the same key, so it is exactly as fresh. It holds each
 * model's facts (core/facts.ts: the numbers and codes the rules score from),
 * never what a rule made of them, so a change to a rule's code needs no new
 * index. Laid out so a query reads only what it uses: the fact columns, then
 * the few headphones it shows.
 *
 *   "HPRI" · header length (uint32 LE) · header JSON · padding to 8 ·
 *   columns (each padded to 8) · every headphone as a JSON array · the
 *   sources as one JSON array · every headphone as explaining a ranking reads
 *   it (core/rank.ts `explainable`), as a JSON array · the ids, one per line
 *
 * Headphones and sources are stored resolved (siblings linked). Each model's
 * place in both headphone arrays is a column, so one model is read back with
 * one JSON.parse of its own text, and a ranking of every model (--json,
 * --explain) parses each as it explains it: what it made dies young, where
 * one parse of the whole array kept 10,000 models alive through every
 * garbage collection. A file that is missing, short or of another format is
 * simply not used; the caller falls back to the whole catalog.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { FACT_COLUMNS, type FactColumn, type FactTable, factsOf } from "../core/facts.js";
import { explainable } from "../core/rank.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
import type { CatalogIssue } from "../errors.js";
import { type EntryReader, writeEntry } from "./cache.js";

/** Bump when the layout or what a column means changes (not when a rule changes). */
const FORMAT = "hpadvise-rank-index/10";
const MAGIC = "HPRI";

type Column = FactTable[FactColumn] | Uint32Array;

interface Header {
  format: string;
  count: number;
  warnings: CatalogIssue[];
  /** Each fact column: [byte offset in the column region, element count]. */
  columns: Record<string, [number, number]>;
  /**
   * Where each model's text is in the two headphone arrays (`headphones`,
   * `explainable`): after offsets[i] (its separator) up to offsets[i + 1].
   */
  entryOffsets: [number, number];
  leanOffsets: [number, number];
  /** [start, length] relative to the end of the header's padding. */
  regions: Record<"columns" | "headphones" | "sources" | "ids" | "explainable", [number, number]>;
  total: number;
}

export interface RankIndex {
  facts: FactTable;
  warnings: CatalogIssue[];
  /** The headphones at these catalog indices; undefined if the file can no longer be read. */
  headphones(indices: readonly number[]): Headphone[] | undefined;
  /**
   * Reads the sources now (undefined if it cannot) and parses them when first
   * asked: most rankings never look at them, and 1,000 take milliseconds.
   */
  sources(): (() => Source[]) | undefined;
  ids(): string[] | undefined;
  /**
   * Every headphone, read now (undefined if it cannot be) and each parsed
   * when asked for by its catalog index: in full, or (`lean`) as explaining a
   * ranking reads it when no drive is judged (core/rank.ts `explainable`).
   */
  every(lean: boolean): ((i: number) => Headphone) | undefined;
}

export function rankIndexPath(dir: string, key: string): string {
  return join(dir, `${key}.rank`);
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Values as one JSON array, "[v0,v1,…]", and where each value's separator
 * ("[" or ",") is: offsets[i] for value i, offsets[n] for the closing "]".
 */
function jsonArray(values: readonly unknown[]): { bytes: Buffer; offsets: Uint32Array } {
  const texts = values.map((v, i) => Buffer.from(`${i === 0 ? "[" : ","}${JSON.stringify(v)}`));
  if (values.length === 0) texts.push(Buffer.from("["));
  texts.push(Buffer.from("]"));
  const offsets = new Uint32Array(values.length + 1);
  texts.slice(0, values.length).forEach((t, i) => {
    offsets[i + 1] = (offsets[i] as number) + t.length;
  });
  return { bytes: Buffer.concat(texts), offsets };
}

const bytesOf = (a: Column) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The file's bytes for a resolved catalog: its facts, headphones, sources and ids. */
export function encodeRankIndex(catalog: Catalog, warnings: CatalogIssue[]): Buffer {
  const { headphones, sources } = catalog;
  const n = headphones.length;
  const facts = factsOf(headphones);
  const full = jsonArray(headphones);
  const lean = jsonArray(headphones.map(explainable));
  const stored: [string, Column][] = [
    ...(Object.keys(FACT_COLUMNS) as FactColumn[]).map((name): [string, Column] => [
      name,
      facts[name],
    ]),
    ["@entryOffsets", full.offsets],
    ["@leanOffsets", lean.offsets],
  ];
  const layout: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, array] of stored) {
    layout[name] = [at, array.length];
    at += pad8(array.byteLength);
  }
  const { "@entryOffsets": entryOffsets, "@leanOffsets": leanOffsets, ...columns } = layout;
  const columnBytes = at;
  const headphoneBytes = full.bytes;
  const sourceBytes = Buffer.from(JSON.stringify(sources));
  const idBytes = Buffer.from(headphones.map((h) => h.id).join("\n"));
  const leanBytes = lean.bytes;
  const regions: Header["regions"] = {
    columns: [0, columnBytes],
    headphones: [columnBytes, headphoneBytes.length],
    sources: [columnBytes + headphoneBytes.length, sourceBytes.length],
    explainable: [columnBytes + headphoneBytes.length + sourceBytes.length, leanBytes.length],
    ids: [
      columnBytes + headphoneBytes.length + sourceBytes.length + leanBytes.length,
      idBytes.length,
    ],
  };
  const dataLength = regions.ids[0] + regions.ids[1];
  const header: Omit<Header, "total"> = {
    format: FORMAT,
    count: n,
    warnings,
    columns,
    entryOffsets: entryOffsets as [number, number],
    leanOffsets: leanOffsets as [number, number],
    regions,
  };
  // The total depends on the header's own length; a few digits settle it.
  let text = JSON.stringify({ ...header, total: 0 });
  let total = 0;
  for (let i = 0; i < 3; i++) {
    total = pad8(8 + Buffer.byteLength(text)) + dataLength;
    text = JSON.stringify({ ...header, total });
  }
  const headerBytes = Buffer.from(text);
  const start = pad8(8 + headerBytes.length);
  if (start + dataLength !== total) throw new Error("rank index: header length did not settle");
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  for (const [name, array] of stored)
    bytesOf(array).copy(out, start + (layout[name] as [number, number])[0]);
  headphoneBytes.copy(out, start + regions.headphones[0]);
  sourceBytes.copy(out, start + regions.sources[0]);
  leanBytes.copy(out, start + regions.explainable[0]);
  idBytes.copy(out, start + regions.ids[0]);
  return out;
}

function readExactly(bytes: EntryReader, length: number, position: number): Buffer {
  return bytes.read(position, length);
}

/** A plain file's bytes, each read opening it and closing it: the index holds no file open. */
function fileBytes(path: string): EntryReader {
  return {
    length: statSync(path).size,
    read(position, length) {
      const fd = openSync(path, "r");
      try {
        const buffer = Buffer.allocUnsafe(length);
        if (readSync(fd, buffer, 0, length, position) !== length) throw new Error("short read");
        return buffer;
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Runs `use` on the index's bytes; undefined when they cannot be read (or fail their checksum). */
function withFile<T>(
  source: string | EntryReader,
  use: (bytes: EntryReader) => T | undefined,
): T | undefined {
  try {
    return use(typeof source === "string" ? fileBytes(source) : source);
  } catch {
    return undefined;
  }
}

/**
 * The index, or undefined when it is absent, unreadable or of another format.
 * From a plain file, or from a cache entry (cache.ts checks its key and checksums).
 */
export function readRankIndex(path: string | EntryReader): RankIndex | undefined {
  return withFile(path, (fd) => {
    const prefix = readExactly(fd, 8, 0);
    if (prefix.toString("latin1", 0, 4) !== MAGIC) return undefined;
    const headerLength = prefix.readUInt32LE(4);
    const header = JSON.parse(readExactly(fd, headerLength, 8).toString()) as Header;
    if (header.format !== FORMAT || fd.length !== header.total) return undefined;
    const start = pad8(8 + headerLength);
    const [, columnBytes] = header.regions.columns;
    // Its own ArrayBuffer, so every column starts 8-aligned.
    const region = new ArrayBuffer(columnBytes);
    new Uint8Array(region).set(readExactly(fd, columnBytes, start));
    const facts = { count: header.count } as FactTable;
    for (const [name, Kind] of Object.entries(FACT_COLUMNS)) {
      const place = header.columns[name];
      if (!place) return undefined;
      (facts as unknown as Record<string, Column>)[name] = new Kind(region, place[0], place[1]);
    }
    const offsets = new Uint32Array(region, header.entryOffsets[0], header.entryOffsets[1]);
    const leanOffsets = new Uint32Array(region, header.leanOffsets[0], header.leanOffsets[1]);
    const at = (name: keyof Header["regions"]) => start + header.regions[name][0];
    const text = (name: "sources" | "ids") =>
      withFile(path, (f) => readExactly(f, header.regions[name][1], at(name)).toString());
    return {
      warnings: header.warnings,
      facts,
      headphones: (indices) =>
        withFile(path, (f) =>
          indices.map((i) => {
            const from = (offsets[i] as number) + 1;
            const length = (offsets[i + 1] as number) - from;
            const text = readExactly(f, length, at("headphones") + from).toString();
            return JSON.parse(text) as Headphone;
          }),
        ),
      sources: () => {
        const json = text("sources");
        if (json === undefined) return undefined;
        let parsed: Source[] | undefined;
        return () => {
          parsed ??= JSON.parse(json) as Source[];
          return parsed;
        };
      },
      ids: () => (header.count === 0 ? [] : text("ids")?.split("\n")),
      every: (lean) =>
        withFile(path, (f) => {
          const name = lean ? "explainable" : "headphones";
          const where = lean ? leanOffsets : offsets;
          const bytes = readExactly(f, header.regions[name][1], at(name));
          return (i) =>
            JSON.parse(
              bytes.toString("utf8", (where[i] as number) + 1, where[i + 1] as number),
            ) as Headphone;
        }),
    };
  });
}

/** Writes the index for a cache entry; like the cache, an index that cannot be written is done without. */
export function writeRankIndex(
  dir: string,
  key: string,
  catalog: Catalog,
  warnings: CatalogIssue[],
): void {
  writeEntry(rankIndexPath(dir, key), key, encodeRankIndex(catalog, warnings));
}

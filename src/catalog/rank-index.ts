/**
 * The ranking index of a cached user catalog, written beside the cache entry
 * (`KEY.rank`) under the same key, so it is exactly as fresh. It holds each
 * model's facts (core/facts.ts: the numbers and codes the rules score from),
 * never what a rule made of them, so a change to a rule's code needs no new
 * index. Laid out so a query reads only what it uses: the fact columns, then
 * the few headphones it shows.
 *
 *   "HPRI" · header length (uint32 LE) · header JSON · padding to 8 ·
 *   columns (each padded to 8) · one JSON text per headphone · the sources
 *   as one JSON array · every headphone as explaining a ranking reads it
 *   (core/rank.ts `explainable`), as one JSON array · the ids, one per line
 *
 * Headphones and sources are stored resolved (siblings linked), so reading one
 * back is one JSON.parse; the headphones form one JSON array, so reading all
 * of them is one JSON.parse too. A file that is missing, short or of another format
 * is simply not used; the caller falls back to the whole catalog.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { FACT_COLUMNS, type FactColumn, type FactTable, factsOf } from "../core/facts.js";
import { explainable } from "../core/rank.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
import type { CatalogIssue } from "../errors.js";
import { type EntryReader, writeEntry } from "./cache.js";

/** Bump when the layout or what a column means changes (not when a rule changes). */
const FORMAT = "hpadvise-rank-index/8";
const MAGIC = "HPRI";

type Column = FactTable[FactColumn] | Uint32Array;

interface Header {
  format: string;
  count: number;
  warnings: CatalogIssue[];
  /** Each fact column: [byte offset in the column region, element count]. */
  columns: Record<string, [number, number]>;
  /** Headphone i's text is after offsets[i] (its separator) up to offsets[i + 1], in `regions.headphones`. */
  entryOffsets: [number, number];
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
  /** Every headphone as explaining a ranking reads it, in catalog order (--json, --explain). */
  explainable(): Headphone[] | undefined;
}

export function rankIndexPath(dir: string, key: string): string {
  return join(dir, `${key}.rank`);
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;
const bytesOf = (a: Column) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The file's bytes for a resolved catalog: its facts, headphones, sources and ids. */
export function encodeRankIndex(catalog: Catalog, warnings: CatalogIssue[]): Buffer {
  const { headphones, sources } = catalog;
  const n = headphones.length;
  const facts = factsOf(headphones);
  // One JSON array, "[h0,h1,…]": a model's text is read alone by its offsets,
  // every model (--json, --explain) by one JSON.parse of the whole region.
  const texts = headphones.map((h, i) => Buffer.from(`${i === 0 ? "[" : ","}${JSON.stringify(h)}`));
  if (n === 0) texts.push(Buffer.from("["));
  texts.push(Buffer.from("]"));
  // offsets[i]: where model i's separator ("[" or ",") is; offsets[n]: the "]".
  const offsets = new Uint32Array(n + 1);
  texts.slice(0, n).forEach((t, i) => {
    offsets[i + 1] = (offsets[i] as number) + t.length;
  });
  const stored: [string, Column][] = [
    ...(Object.keys(FACT_COLUMNS) as FactColumn[]).map((name): [string, Column] => [
      name,
      facts[name],
    ]),
    ["@entryOffsets", offsets],
  ];
  const layout: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, array] of stored) {
    layout[name] = [at, array.length];
    at += pad8(array.byteLength);
  }
  const { "@entryOffsets": entryOffsets, ...columns } = layout;
  const columnBytes = at;
  const headphoneBytes = Buffer.concat(texts);
  const sourceBytes = Buffer.from(JSON.stringify(sources));
  const idBytes = Buffer.from(headphones.map((h) => h.id).join("\n"));
  const leanBytes = Buffer.from(JSON.stringify(headphones.map(explainable)));
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
    const at = (name: keyof Header["regions"]) => start + header.regions[name][0];
    const text = (name: "sources" | "ids") =>
      withFile(path, (f) => readExactly(f, header.regions[name][1], at(name)).toString());
    return {
      warnings: header.warnings,
      facts,
      headphones: (indices) =>
        withFile(path, (f) => {
          if (indices.length === header.count && indices.every((i, k) => i === k)) {
            // Every model in order (--json, --explain): the array in one parse.
            const all = readExactly(f, header.regions.headphones[1], at("headphones"));
            return JSON.parse(all.toString()) as Headphone[];
          }
          return indices.map((i) => {
            const from = (offsets[i] as number) + 1;
            const length = (offsets[i + 1] as number) - from;
            const text = readExactly(f, length, at("headphones") + from).toString();
            return JSON.parse(text) as Headphone;
          });
        }),
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
      explainable: () =>
        withFile(path, (f) => {
          const [, length] = header.regions.explainable;
          return JSON.parse(readExactly(f, length, at("explainable")).toString()) as Headphone[];
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

/**
 * The packed ranking index of a cached user catalog (core/packed.ts), written
 * beside the cache entry (`KEY.rank`) under the same key, so it is exactly as
 * fresh. Laid out so a query reads only what it uses: the columns, then the
 * few headphones it shows.
 *
 *   "HPRI" · header length (uint32 LE) · header JSON · padding to 8 ·
 *   columns (float64 / int32 / uint32, each padded to 8) · one JSON text per
 *   headphone · the sources as one JSON array · the ids, one per line
 *
 * Headphones and sources are stored resolved (siblings linked), so reading one
 * back is one JSON.parse. A file that is missing, short or of another format
 * is simply not used; the caller falls back to the whole catalog. The points
 * depend on the rules' code: the key names the build (cache.ts), so another
 * build never reads them; code run from the sources (tests) has no build id,
 * so tests give each run a fresh cache directory.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { type PackedCatalog, packCatalog } from "../core/packed.js";
import { ROLES, type Role } from "../core/roles.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
import type { CatalogIssue } from "../errors.js";
import { type EntryReader, writeEntry } from "./cache.js";

/** Bump when the layout or what a column means changes. */
const FORMAT = "hpadvise-rank-index/4";
const MAGIC = "HPRI";

type Kind = "f64" | "i32" | "u32";

/** PackedCatalog's number columns and coded text columns, stored by name. */
const NUMBERS = [
  "priceUsd",
  "idOrder",
  "weightGrams",
  "impedanceOhms",
  "sensitivityDbPerV",
  "eqHeadroomDb",
  "maxInputMw",
] as const satisfies readonly (keyof PackedCatalog)[];
const CODED = [
  "back",
  "driver",
  "sensitivityKind",
] as const satisfies readonly (keyof PackedCatalog)[];
/** Fails to compile when PackedCatalog gains a column that is not stored above. */
const everyColumnStored: Exclude<keyof PackedCatalog, "count" | "points"> extends
  | (typeof NUMBERS)[number]
  | (typeof CODED)[number]
  ? true
  : never = true;
void everyColumnStored;
const ARRAYS = { f64: Float64Array, i32: Int32Array, u32: Uint32Array } as const;

interface Header {
  format: string;
  count: number;
  warnings: CatalogIssue[];
  /** [kind, byte offset in the column region, element count] */
  columns: [Kind, number, number][];
  /** Column index per role and rule. */
  points: Record<string, Record<string, number>>;
  /** The packed catalog's other columns by name; a coded one is its values and its codes' column. */
  fields: Record<string, number | { values: string[]; codes: number }>;
  /** n + 1 byte offsets of the headphone texts, relative to `regions.headphones`. */
  entryOffsets: number;
  /** [start, length] relative to the end of the header's padding. */
  regions: Record<"columns" | "headphones" | "sources" | "ids", [number, number]>;
  total: number;
}

export interface RankIndex {
  packed: PackedCatalog;
  warnings: CatalogIssue[];
  /** The headphones at these catalog indices; undefined if the file can no longer be read. */
  headphones(indices: readonly number[]): Headphone[] | undefined;
  /**
   * Reads the sources now (undefined if it cannot) and parses them when first
   * asked: most rankings never look at them, and 1,000 take milliseconds.
   */
  sources(): (() => Source[]) | undefined;
  ids(): string[] | undefined;
}

export function rankIndexPath(dir: string, key: string): string {
  return join(dir, `${key}.rank`);
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** The file's bytes for a resolved catalog: every rule's points under every role. */
export function encodeRankIndex(catalog: Catalog, warnings: CatalogIssue[]): Buffer {
  const { headphones, sources } = catalog;
  const n = headphones.length;
  const columns: { kind: Kind; array: Float64Array | Int32Array | Uint32Array }[] = [];
  const add = (kind: Kind, array: Float64Array | Int32Array | Uint32Array) => {
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    // The same points under every role (most rules) are stored once.
    const same = columns.findIndex(
      (c) =>
        c.kind === kind &&
        Buffer.from(c.array.buffer, c.array.byteOffset, c.array.byteLength).equals(bytes),
    );
    if (same >= 0) return same;
    columns.push({ kind, array });
    return columns.length - 1;
  };
  const packed = packCatalog(catalog);
  const points: Header["points"] = {};
  for (const role of ROLES) {
    points[role] = {};
    for (const [rule, column] of packed.byRole[role]) {
      (points[role] as Record<string, number>)[rule] = add("f64", column);
    }
  }
  const fields: Header["fields"] = {};
  for (const name of NUMBERS) {
    const array = packed[name];
    fields[name] = add(array instanceof Int32Array ? "i32" : "f64", array);
  }
  for (const name of CODED) {
    fields[name] = { values: packed[name].values, codes: add("i32", packed[name].codes) };
  }

  const texts = headphones.map((h) => Buffer.from(JSON.stringify(h)));
  const offsets = new Uint32Array(n + 1);
  texts.forEach((t, i) => {
    offsets[i + 1] = (offsets[i] as number) + t.length;
  });
  const entryOffsets = add("u32", offsets);

  const layout: Header["columns"] = [];
  let at = 0;
  for (const c of columns) {
    layout.push([c.kind, at, c.array.length]);
    at += pad8(c.array.byteLength);
  }
  const columnBytes = at;
  const headphoneBytes = Buffer.concat(texts);
  const sourceBytes = Buffer.from(JSON.stringify(sources));
  const idBytes = Buffer.from(headphones.map((h) => h.id).join("\n"));
  const regions: Header["regions"] = {
    columns: [0, columnBytes],
    headphones: [columnBytes, headphoneBytes.length],
    sources: [columnBytes + headphoneBytes.length, sourceBytes.length],
    ids: [columnBytes + headphoneBytes.length + sourceBytes.length, idBytes.length],
  };
  const dataLength = regions.ids[0] + regions.ids[1];
  const header: Omit<Header, "total"> = {
    format: FORMAT,
    count: n,
    warnings,
    columns: layout,
    points,
    fields,
    entryOffsets,
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
  columns.forEach((c, i) => {
    const bytes = Buffer.from(c.array.buffer, c.array.byteOffset, c.array.byteLength);
    bytes.copy(out, start + (layout[i] as [Kind, number, number])[1]);
  });
  headphoneBytes.copy(out, start + regions.headphones[0]);
  sourceBytes.copy(out, start + regions.sources[0]);
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
    const column = (i: number) => {
      const [kind, offset, length] = header.columns[i] as [Kind, number, number];
      return new ARRAYS[kind](region, offset, length);
    };
    const offsets = column(header.entryOffsets) as Uint32Array;
    const at = (name: keyof Header["regions"]) => start + header.regions[name][0];
    const text = (name: "sources" | "ids") =>
      withFile(path, (f) => readExactly(f, header.regions[name][1], at(name)).toString());
    return {
      warnings: header.warnings,
      packed: {
        count: header.count,
        points: (role: Role, rule: string) => {
          const i = header.points[role]?.[rule];
          return i === undefined ? undefined : (column(i) as Float64Array);
        },
        ...Object.fromEntries(
          Object.entries(header.fields).map(([name, f]) => [
            name,
            typeof f === "number" ? column(f) : { values: f.values, codes: column(f.codes) },
          ]),
        ),
      } as PackedCatalog,
      headphones: (indices) =>
        withFile(path, (f) =>
          indices.map((i) => {
            const from = offsets[i] as number;
            const length = (offsets[i + 1] as number) - from;
            return JSON.parse(
              readExactly(f, length, at("headphones") + from).toString(),
            ) as Headphone;
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

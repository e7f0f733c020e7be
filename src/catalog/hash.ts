/**
 * Content hashes for noticing change, never for security.
 *
 * `hashChunks`: FNV-1a over 32-bit words, two lanes, 64 bits out: the
 * built-in snapshot's stamp, the user-catalog cache key. Loads nothing.
 *
 * `crc32Hex`: zlib's CRC-32, which runs at gigabytes a second where the FNV
 * loop in JavaScript runs at about one: the cache's block checksums and the
 * digest of a big user file in its key. node:zlib is loaded when first asked
 * (about 1 ms), so the commands that never read a cache do without it.
 */
import type * as Zlib from "node:zlib";

export function hashChunks(chunks: readonly (Uint8Array | string)[]): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const words = Math.floor(bytes.length / 4);
    for (let i = 0; i < words; i++) {
      const w = view.getInt32(i * 4, true);
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ (w >>> 7), 0x01000193) ^ (a >>> 13);
    }
    for (let i = words * 4; i < bytes.length; i++)
      a = Math.imul(a ^ (bytes[i] as number), 0x01000193);
    // The length ends each chunk, so ["ab", "c"] and ["a", "bc"] differ.
    a = Math.imul(a ^ bytes.length, 0x01000193);
    b = Math.imul(b ^ a, 0x01000193);
  }
  return `${(a >>> 0).toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}`;
}

let zlib: typeof Zlib | undefined;

/** The CRC-32 of `bytes`, as 8 hex digits. */
export function crc32Hex(bytes: Uint8Array): string {
  zlib ??= process.getBuiltinModule("node:zlib");
  return zlib.crc32(bytes).toString(16).padStart(8, "0");
}

/** Above this a file enters a cache key as its CRC-32 and length, not byte by byte. */
const DIGEST_ABOVE = 256 * 1024;

/**
 * What of a file's bytes goes into a key: small files whole (no module to
 * load), big ones as CRC-32 and length, so a 10,000-model catalog is not
 * walked by the FNV loop on every run.
 */
export function keyPart(bytes: Uint8Array): Uint8Array | string {
  return bytes.length > DIGEST_ABOVE ? `crc32:${crc32Hex(bytes)}:${bytes.length}` : bytes;
}

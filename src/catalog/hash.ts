/**
 * A fast content hash (FNV-1a over 32-bit words, two lanes, 64 bits out) for
 * noticing change: the built-in snapshot's stamp, the user-catalog cache key.
 * Not cryptographic; node:crypto would cost more to load than this costs to run.
 */
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

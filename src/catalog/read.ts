/** Reading a catalog file's bytes and text, every failure turned into one located issue. */
import { readFileSync, statSync } from "node:fs";
import type { CatalogIssue } from "../errors.js";

/** A catalog file larger than this is refused before parsing. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

const EMPTY = "the file is empty; expected `headphones:` and/or `sources:` lists";

export async function readCatalogBytes(
  file: string,
  name = file,
): Promise<{ bytes: Buffer } | { issue: CatalogIssue }> {
  const fail = (message: string) => ({ issue: { file: name, path: "", message } });
  try {
    // Synchronous on purpose: a CLI reads its few files in a row, and
    // node:fs/promises would be one more module to load at start-up.
    const info = statSync(file);
    if (info.isDirectory()) return fail("is a directory; expected a YAML catalog file");
    if (info.size > MAX_CATALOG_BYTES)
      return fail(`is ${info.size} bytes; catalog files are limited to ${MAX_CATALOG_BYTES} bytes`);
    return { bytes: readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail("no such file");
    if (code === "EACCES") return fail("permission denied");
    return fail(`cannot be read (${code ?? String(e)})`);
  }
}

export function decodeCatalogBytes(
  bytes: Buffer,
  name: string,
): { text: string } | { issue: CatalogIssue } {
  const fail = (message: string) => ({ issue: { file: name, path: "", message } });
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.trim() === "") return fail(EMPTY);
    return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
  } catch {
    return fail(
      `is not UTF-8 text (first bad byte at line ${badByteLine(bytes)}); save it as UTF-8`,
    );
  }
}

export async function readCatalogFile(
  file: string,
  name = file,
): Promise<{ text: string } | { issue: CatalogIssue }> {
  const read = await readCatalogBytes(file, name);
  return "issue" in read ? read : decodeCatalogBytes(read.bytes, name);
}

function badByteLine(bytes: Buffer): number {
  // Decode line by line until one fails: cheap for the rare bad file.
  let line = 1;
  let start = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

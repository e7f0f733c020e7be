/**
 * Writing the personal catalog (`$XDG_CONFIG_HOME/hpadvise/catalog.yaml`):
 * one entry added or updated by id, the rest of the file (your comments, your
 * order) kept through the yaml Document API; the new file is validated with
 * the built-in catalog before it is written, whole and under a lock.
 */
import { Document, isMap, isSeq, parseDocument } from "yaml";
import { type CatalogSource, loadCatalogFiles } from "../catalog/load.js";
import { builtinSources, readSnapshot } from "../catalog/open.js";
import { readCatalogFile } from "../catalog/read.js";
import { CatalogError } from "../errors.js";
import { writeError, writeWhole } from "../write-whole.js";
import { lockFile } from "./lock.js";

export type Section = "headphones" | "sources";

const HEADER =
  " Your own hpadvise catalog: loaded before any --catalog file (--no-config skips it).\n" +
  " Written by `hpadvise add` and `hpadvise measure source --save`; edit it freely.";

export interface SaveOptions {
  /** Lay the entry's fields over an entry with its id in the file (keeping the others) instead of replacing it. */
  merge?: boolean;
  /** Told when a lock left by a dead writer is taken over. */
  onStale?: (message: string) => void;
}

/** Add the entry, or replace (or, with `merge`, update) the one with its id; says which. */
export async function saveEntry(
  path: string,
  section: Section,
  entry: { id: string } & Record<string, unknown>,
  packageRoot: string,
  { merge = false, onStale }: SaveOptions = {},
): Promise<{ updated: boolean }> {
  const release = lockFile(path, onStale);
  try {
    const read = await readCatalogFile(path, path);
    let text = "";
    if (!("issue" in read)) text = read.text;
    else if (
      read.issue.message !== "no such file" &&
      !read.issue.message.startsWith("the file is empty")
    )
      throw new CatalogError([read.issue]);
    const doc =
      text.trim() === "" ? new Document({}) : parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) {
      // Let the loader locate the syntax error.
      const result = await loadCatalogFiles([{ path, name: path, overlay: true }]);
      throw new CatalogError(result.ok ? [] : result.errors, "fix the file, then try again");
    }
    if (text.trim() === "") doc.commentBefore = HEADER;
    if (!isMap(doc.contents)) {
      throw new CatalogError([
        {
          file: path,
          path: "",
          message: "expected a mapping with `headphones:` and/or `sources:` lists",
        },
      ]);
    }
    let seq = doc.get(section, true);
    if (seq === undefined || seq === null) {
      doc.set(section, doc.createNode([]));
      seq = doc.get(section, true);
    }
    if (!isSeq(seq)) {
      throw new CatalogError([{ file: path, path: section, message: "expected a list" }]);
    }
    const node = doc.createNode(entry);
    // Figures on one line each, as in the README's examples, when they fit.
    const short = (n: unknown) => JSON.stringify(n).length <= 72;
    for (const pair of node.items) {
      const v = pair.value;
      if (!isMap(v) && !isSeq(v)) continue;
      if (short(v.toJSON())) v.flow = true;
      else if (isSeq(v))
        for (const item of v.items) if (isMap(item) && short(item.toJSON())) item.flow = true;
    }
    const at = seq.items.findIndex((item) => isMap(item) && item.get("id") === entry.id);
    const old = seq.items[at];
    if (merge && isMap(old)) for (const pair of node.items) old.set(pair.key, pair.value);
    else if (at >= 0) seq.items[at] = node;
    else seq.items.push(node);
    const next = String(doc);
    await validate(path, next, packageRoot);
    try {
      writeWhole(path, next, { mkdir: true });
    } catch (e) {
      throw writeError(
        path,
        e,
        "your catalog was not changed; free some space or fix the folder, then try again",
      );
    }
    return { updated: at >= 0 };
  } finally {
    release();
  }
}

/** The file as it would be, checked on top of the built-in catalog. */
async function validate(path: string, text: string, packageRoot: string): Promise<void> {
  const snapshot = readSnapshot(packageRoot);
  const builtin = builtinSources(packageRoot);
  const inputs: CatalogSource[] = snapshot
    ? [{ ...(builtin[0] as CatalogSource), data: snapshot.catalog }]
    : builtin;
  const result = await loadCatalogFiles([
    ...inputs,
    { path, name: path, bytes: Buffer.from(text, "utf8"), overlay: true },
  ]);
  if (!result.ok) throw new CatalogError(result.errors, "nothing was written");
}

/**
 * One pass over JSON text that JSON.parse has accepted and that has a problem
 * to place (load.ts): where the values (and keys) at given paths start, and
 * every duplicate key (which JSON.parse silently resolves to the last). It
 * keeps no tree, so a large JSON catalog with problems is located in time and
 * memory proportional to its text, where the YAML parser's document of it
 * would take many times its size. Iterative, so deep nesting cannot overflow
 * the stack.
 */
import type { Path } from "./checks.js";

interface Trie {
  children: Map<string | number, Trie>;
  /** Offset of the value at this path, once seen. */
  value?: number;
  /** Offset of the key naming it, once seen (objects only). */
  key?: number;
}

export interface JsonScan {
  /** Offset of the value at `path`, or of its deepest existing ancestor. */
  valueAt(path: Path): number | undefined;
  /** Offset of `key` in the object at `path`, else as valueAt(path). */
  keyAt(path: Path, key: string): number | undefined;
  duplicates: { path: Path; offset: number }[];
}

const trie = (): Trie => ({ children: new Map() });

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The end (exclusive) of the string starting at `i` (its opening quote). */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; ; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
}

function scalarEnd(text: string, i: number): number {
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (Number.isNaN(c) || c === 0x2c || c === 0x5d || c === 0x7d || isSpace(c)) return j;
    j++;
  }
}

interface Frame {
  object: boolean;
  node: Trie | undefined;
  index: number;
  keys: string[] | Set<string> | undefined;
  entered: boolean;
}

/** Scans `text` (valid JSON) for the given paths; each path's key offsets are kept too. */
export function scanJson(text: string, paths: readonly Path[]): JsonScan {
  const root = trie();
  for (const path of paths) {
    let node = root;
    for (const p of path) {
      let next = node.children.get(p);
      if (!next) {
        next = trie();
        node.children.set(p, next);
      }
      node = next;
    }
  }
  const duplicates: JsonScan["duplicates"] = [];
  const path: (string | number)[] = [];
  const frames: Frame[] = [];

  /** Step into the next member of the innermost container, at `i`; returns where its value starts. */
  const enter = (f: Frame, i: number): { at: number; node: Trie | undefined } => {
    f.entered = true;
    if (!f.object) {
      path.push(f.index);
      return { at: i, node: f.node?.children.get(f.index) };
    }
    const end = stringEnd(text, i);
    const raw = text.slice(i + 1, end - 1);
    const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end)) as string) : raw;
    // Objects in a catalog have a few keys each: a list is quicker than a
    // Set, until an object has many.
    const keys = f.keys as string[] | Set<string>;
    if (Array.isArray(keys) ? keys.includes(key) : keys.has(key))
      duplicates.push({ path: [...path, key], offset: i });
    if (!Array.isArray(keys)) keys.add(key);
    else if (keys.length < 16) keys.push(key);
    else f.keys = new Set([...keys, key]);
    path.push(key);
    const child = f.node?.children.get(key);
    if (child) child.key = i;
    // Past the colon.
    return { at: skipSpace(text, skipSpace(text, end) + 1), node: child };
  };

  let i = 0;
  let node: Trie | undefined = root;
  for (;;) {
    i = skipSpace(text, i);
    if (node) node.value = i;
    const c = text.charCodeAt(i);
    let entered = false;
    if (c === 0x7b || c === 0x5b) {
      const f: Frame = {
        object: c === 0x7b,
        node,
        index: 0,
        keys: c === 0x7b ? [] : undefined,
        entered: false,
      };
      frames.push(f);
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === (c === 0x7b ? 0x7d : 0x5d)) {
        frames.pop();
        i++;
      } else {
        ({ at: i, node } = enter(f, i));
        entered = true;
      }
    } else if (c === 0x22) i = stringEnd(text, i);
    else i = scalarEnd(text, i);
    if (entered) continue;
    // After a value: the next member, or the ends of containers.
    for (;;) {
      const f = frames[frames.length - 1];
      if (!f) return result(root, duplicates);
      i = skipSpace(text, i);
      if (text.charCodeAt(i) === 0x2c) {
        f.index++;
        path.pop();
        ({ at: i, node } = enter(f, skipSpace(text, i + 1)));
        break;
      }
      frames.pop();
      if (f.entered) path.pop();
      i++;
    }
  }
}

function result(root: Trie, duplicates: JsonScan["duplicates"]): JsonScan {
  const deepest = (path: Path): { node: Trie; at: number | undefined; whole: boolean } => {
    let node = root;
    let at = root.value;
    for (const p of path) {
      const next = node.children.get(p);
      if (next?.value === undefined) return { node, at, whole: false };
      node = next;
      at = next.value;
    }
    return { node, at, whole: true };
  };
  return {
    duplicates,
    valueAt: (path) => deepest(path).at,
    keyAt: (path, key) => {
      const found = deepest(path);
      return (found.whole ? found.node.children.get(key)?.key : undefined) ?? found.at;
    },
  };
}

/**
 * Line and column (1-based) of offsets in `text`, counting \n, \r\n and a
 * lone \r as line ends. Line starts are found once; each offset is then a
 * binary search.
 */
export function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

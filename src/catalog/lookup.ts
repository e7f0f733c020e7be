/**
 * Finding catalog entries by what people type: ids, aliases, model names,
 * brand + model, with or without spaces, dashes and capitals.
 */

import { quoteName } from "../core/safe-text.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
import { UnknownIdError } from "../errors.js";
import { normalizeName } from "./normalize.js";
import { closest, orList } from "./suggest.js";

interface Named {
  id: string;
  brand: string;
  model: string;
  variant: string | null;
  aliases: string[];
}

/** Every folded name an entry answers to; the id and aliases come first. */
export function namesOf(entry: Named): string[] {
  const names = [entry.id, ...entry.aliases, entry.model, `${entry.brand} ${entry.model}`];
  if (entry.variant !== null) {
    names.push(`${entry.model} ${entry.variant}`, `${entry.brand} ${entry.model} ${entry.variant}`);
  }
  return [...new Set(names.map(normalizeName))];
}

export type Match<T> = { found: T } | { ambiguous: T[] } | { suggestions: string[] };

/**
 * Exact id first, then folded names. A folded name shared by several entries
 * (a family's model name) is ambiguous and lists them.
 */
export function matchEntry<T extends Named>(entries: readonly T[], query: string): Match<T> {
  const exact = entries.find((e) => e.id === query);
  if (exact) return { found: exact };
  const key = normalizeName(query);
  const hits = entries.filter((e) => key !== "" && namesOf(e).includes(key));
  if (hits.length === 1 && hits[0]) return { found: hits[0] };
  if (hits.length > 1) {
    // An exact id or alias beats a shared model name.
    const byId = hits.filter((e) => [e.id, ...e.aliases].map(normalizeName).includes(key));
    if (byId.length === 1 && byId[0]) return { found: byId[0] };
    return { ambiguous: hits };
  }
  // Compare folded forms, so "HD 800" finds hd800s and "DT770PRO" the whole family.
  const byKey = new Map(entries.map((e) => [normalizeName(e.id), e.id]));
  const suggestions = closest(key, [...byKey.keys()]).map((k) => byKey.get(k) as string);
  return { suggestions };
}

function findOrThrow<T extends Named>(entries: readonly T[], query: string, what: string): T {
  const m = matchEntry(entries, query);
  if ("found" in m) return m.found;
  const listHint = `\`hpadvise list ${what === "headphone" ? "headphones" : "sources"}\` shows every id`;
  if ("ambiguous" in m) {
    const ids = m.ambiguous.map((e) => e.id);
    throw new UnknownIdError(
      `${what} ${quoteName(query)} is ambiguous: did you mean ${orList(ids)}?`,
      {
        hint: listHint,
      },
    );
  }
  const mean = m.suggestions.length > 0 ? `: did you mean ${orList(m.suggestions)}?` : "";
  throw new UnknownIdError(`unknown ${what} ${quoteName(query)}${mean}`, { hint: listHint });
}

export function findHeadphone(catalog: Pick<Catalog, "headphones">, query: string): Headphone {
  return findOrThrow(catalog.headphones, query, "headphone");
}

export function findSource(catalog: Pick<Catalog, "sources">, query: string): Source {
  return findOrThrow(catalog.sources, query, "source");
}

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { skeleton } from "@/lib/text/normalise";
import type { PublicDb } from "./queries";

/**
 * The admin's synonym groups (SearchSynonym, /admin/search/synonyms) as a map from each word's
 * skeleton to the other words of its groups, cached per process and keyed by the table's count and
 * newest change, so every instance follows an edit at its next search.
 */
let cached: { key: string; groups: Map<string, string[]> } | undefined;

export function buildSynonymMap(groups: readonly (readonly string[])[]): Map<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const words = [...new Set(group.map((word) => skeleton(word)).filter(Boolean))];
    for (const word of words) {
      const set = map.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) set.add(other);
      map.set(word, set);
    }
  }
  return new Map([...map].map(([word, set]) => [word, [...set]]));
}

/** A term's alternatives at most: each is matched and ranked, and a search's statements grow with them. */
export const MAX_ALTERNATIVES = 8;

/**
 * What a query term (a skeleton) may be found as: itself, its synonyms, and — because readers type
 * 新冠疫苗 or 危化品运输 without a space — itself with each synonym word it holds replaced by that
 * word's synonyms (新型冠状病毒疫苗), the term's own spelling first. Words of one character are not
 * replaced inside a term: they would rewrite every word that happens to contain the character.
 */
export function termAlternatives(term: string, groups: ReadonlyMap<string, readonly string[]>): string[] {
  const out = new Set([term, ...(groups.get(term) ?? [])]);
  for (const [word, others] of groups) {
    if (out.size >= MAX_ALTERNATIVES) break;
    if (word.length < 2 || word.length >= term.length || !term.includes(word)) continue;
    for (const other of others) {
      if (out.size >= MAX_ALTERNATIVES) break;
      out.add(term.split(word).join(other));
    }
  }
  return [...out].slice(0, MAX_ALTERNATIVES);
}

/** The table's version, as a SQL expression: a search asks for it with its other per-query facts. */
export const SYNONYMS_VERSION = Prisma.sql`(SELECT concat_ws('|', count(*), max("updatedAt")) FROM "SearchSynonym")`;

/** The groups last read, if any: a search builds its terms from them and checks the version as it goes. */
export function cachedSynonyms(): Map<string, string[]> | undefined {
  return cached?.groups;
}

/** The groups as of `version` (SYNONYMS_VERSION, read by the caller): read again only when it changed. */
export async function synonymGroups(client: PublicDb, version?: string): Promise<Map<string, string[]>> {
  let key = version;
  if (key === undefined) {
    const [row] = await client.$queryRaw<{ key: string }[]>`SELECT ${SYNONYMS_VERSION} AS key`;
    key = row?.key ?? "";
  }
  if (cached?.key === key) return cached.groups;
  const rows = await client.$queryRaw<{ words: string[] }[]>`SELECT words FROM "SearchSynonym"`;
  cached = { key, groups: buildSynonymMap(rows.map((item) => item.words)) };
  return cached.groups;
}

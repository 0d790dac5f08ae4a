import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { cacheTrusted, pageCacheStore } from "../cache/cache-store";
import type { PublicDb } from "./queries";
import { grams, termCountSql } from "./search-index";

/**
 * Search's second way to rank (docs/search.md "Rare terms: posting lists"): when every alternative of
 * every term is rare (fewer than POSTING_LIMIT documents hold its grams), PostgreSQL is asked for each
 * alternative's whole posting list — the documents containing it, with what ranking needs of each —
 * in one statement for all the alternatives not kept, and the ranking statement's rules (lib/public/data/search.ts
 * `rank`: the candidate sets, BM25 with title and lead boosts, straddling words, partial matches) are
 * applied to those lists here. The lists and the hits' texts are kept per process until the next
 * publication change (TermStore), so a new combination of words readers asked for before costs no
 * database round trip: on a 60-article site nearly every search. A differential test
 * (tests/integration/search-postings.test.ts) holds both ways to the same answers.
 */

/** Postings are fetched whole only below this document frequency; a commoner term is ranked in SQL. */
export const POSTING_LIMIT = 500;

/**
 * Whether `alt` is rare enough for a posting list: its rarest gram (an upper bound of the documents
 * containing it) is held by fewer than POSTING_LIMIT documents. postingListsSql's gate is the same rule.
 */
export function isRare(alt: string, gramCount: (gram: string) => number): boolean {
  return Math.min(...grams(alt).map(gramCount)) < POSTING_LIMIT;
}

/** One document holding an alternative: its occurrences in the title, lead and content skeletons. */
export interface PostingEntry {
  id: string;
  /** publishedAt in microseconds since the epoch (exact: below 2^53). */
  at: number;
  /** The skeleton's length (BM25's length normalisation). */
  n: number;
  column: string;
  t: number;
  l: number;
  c: number;
  /** The alternative is one of the document's words / title words. */
  w: boolean;
  tw: boolean;
}

export interface Posting {
  /** Newest first (publishedAt, then id, descending): the order the candidate sets take. */
  entries: PostingEntry[];
  byId: Map<string, PostingEntry>;
}

export interface HitDocument {
  id: string;
  slug: string;
  title: string;
  overTitle: string | null;
  subtitle: string | null;
  content: string;
  publishedAt: Date;
  columnSlug: string;
  columnName: string;
}

/**
 * The per-process store of what searches read (lib/public/cache/cache-store.ts `searchTerms`), fixed to
 * the generation current when the search began: what it reads after a publication change evicted the
 * store is not kept. While the invalidation listener is not trusted nothing is kept at all.
 */
export interface TermStore {
  get<T>(key: string): T | undefined;
  put(key: string, value: unknown, units?: number): void;
}

/** Keeps nothing: a search that saw documents still queued for indexing must not keep what it read. */
export const NO_STORE: TermStore = { get: () => undefined, put: () => undefined };

export function termStore(): TermStore {
  const store = pageCacheStore();
  if (!cacheTrusted(store)) return NO_STORE;
  const cache = store.searchTerms;
  const generation = cache.generation;
  return {
    get: <T>(key: string) => cache.get(key) as T | undefined,
    put: (key, value, units) => cache.put(key, value, generation, units),
  };
}

export function newestFirst(a: { at: number; id: string }, b: { at: number; id: string }): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The posting rows of `alternatives` as one JSON array of [k, id, at, n, column, t, l, c, w, tw] (k: the
 * alternative's index), for a statement's select list. `gated`: only for an alternative whose rarest
 * gram is held by fewer than POSTING_LIMIT documents — the counts the facts read in the same snapshot,
 * so the facts statement can carry the lists of a search's new words without reading a common word's
 * thousands of rows (lib/public/data/search.ts `facts`). Occurrences are counted as the ranking
 * statement counts them (byte lengths: replace() removes whole occurrences).
 */
export function postingListsSql(alternatives: readonly string[], gated: boolean): Prisma.Sql {
  // Per alternative: its number, text, byte length and grams (the GIN condition, per lateral row).
  const asked = Prisma.join(
    alternatives.map(
      (alt, k) => Prisma.sql`(${k}::int, ${alt}::text, ${Buffer.byteLength(alt)}::float8, ${grams(alt)}::text[])`,
    ),
  );
  const gate = gated
    ? Prisma.sql`(SELECT min(greatest(0, ${termCountSql(Prisma.raw("'g'"), Prisma.raw("g.gram"))}))
        FROM unnest(q.grams) AS g(gram)) < ${POSTING_LIMIT} AND`
    : Prisma.empty;
  return Prisma.sql`(SELECT coalesce(jsonb_agg(jsonb_build_array(q.k, x.id, x.at, x.n, x.col,
           (octet_length(x.t) - octet_length(replace(x.t, q.alt, ''))) / q.bytes,
           (octet_length(x.l) - octet_length(replace(x.l, q.alt, ''))) / q.bytes,
           (octet_length(x.c) - octet_length(replace(x.c, q.alt, ''))) / q.bytes,
           x.w @> ARRAY[q.alt], x.tw @> ARRAY[q.alt])), '[]'::jsonb)
      FROM (VALUES ${asked}) AS q(k, alt, bytes, grams)
      CROSS JOIN LATERAL (
        SELECT i."articleId"::text AS id, (extract(epoch FROM i."publishedAt") * 1000000)::float8 AS at,
               i.length AS n, d."columnId"::text AS col, i.title || '' AS t, i.lead || '' AS l,
               i.content || '' AS c, i.words AS w, i."titleWords" AS tw
          FROM "SearchIndex" i JOIN "SearchDocument" d ON d."articleId" = i."articleId"
         WHERE ${gate} i.grams @> q.grams AND (strpos(i.title, q.alt) > 0 OR strpos(i.content, q.alt) > 0)
         LIMIT ${POSTING_LIMIT} OFFSET 0) x)`;
}

type PostingJson = [number, string, number, number, string, number, number, number, boolean, boolean];

/**
 * The lists of `alternatives` from postingListsSql's array, each kept in `store`; null for one that
 * holds POSTING_LIMIT documents or more. `fetched(alt)` says which were read (not gated away).
 */
export function readPostingLists(
  alternatives: readonly string[],
  rows: unknown,
  store: TermStore,
  fetched: (alt: string) => boolean = () => true,
): Map<string, Posting | null> {
  const byAlternative = alternatives.map(() => [] as PostingEntry[]);
  for (const [k, id, at, n, column, t, l, c, w, tw] of (Array.isArray(rows) ? rows : []) as PostingJson[])
    byAlternative[Number(k)]?.push({
      id,
      at: Number(at),
      n: Number(n),
      column,
      t: Number(t),
      l: Number(l),
      c: Number(c),
      w,
      tw,
    });
  const out = new Map<string, Posting | null>();
  alternatives.forEach((alt, k) => {
    if (!fetched(alt)) return;
    const entries = byAlternative[k];
    if (entries.length >= POSTING_LIMIT) return void out.set(alt, null);
    entries.sort(newestFirst);
    const posting: Posting = { entries, byId: new Map(entries.map((entry) => [entry.id, entry])) };
    store.put(`p${alt}`, posting, entries.length + 1);
    out.set(alt, posting);
  });
  return out;
}

/**
 * Each alternative's posting list: read with the facts (`prefetched`), kept in the store, or read now
 * in one statement for the rest (on one connection: a search with several new words does not take
 * several of the pool's).
 */
export async function postings(
  client: PublicDb,
  alternatives: readonly string[],
  store: TermStore,
  prefetched: ReadonlyMap<string, Posting | null> = new Map(),
): Promise<Map<string, Posting | null>> {
  const out = new Map<string, Posting | null>();
  const missing: string[] = [];
  for (const alt of alternatives) {
    const kept = prefetched.has(alt) ? prefetched.get(alt) : store.get<Posting>(`p${alt}`);
    if (kept !== undefined) out.set(alt, kept);
    else missing.push(alt);
  }
  if (missing.length === 0) return out;
  const [row] = await client.$queryRaw<{ rows: unknown }[]>`SELECT ${postingListsSql(missing, false)} AS rows`;
  for (const [alt, list] of readPostingLists(missing, row?.rows, store)) out.set(alt, list);
  return out;
}

/** What a hit shows, from the store or in one statement for those not kept; in the order of `ids`. */
export async function hitDocuments(client: PublicDb, ids: readonly string[], store: TermStore): Promise<HitDocument[]> {
  const found = new Map<string, HitDocument>();
  const missing: string[] = [];
  for (const id of ids) {
    const kept = store.get<HitDocument>(`d${id}`);
    if (kept) found.set(id, kept);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await client.$queryRaw<HitDocument[]>`
      SELECT d."articleId"::text AS id, a.slug, d.title, r.meta ->> 'overTitle' AS "overTitle",
             r.meta ->> 'subtitle' AS subtitle, d.content, d."publishedAt",
             col.slug AS "columnSlug", col.name AS "columnName"
        FROM "SearchDocument" d
        JOIN "Article" a ON a.id = d."articleId"
        LEFT JOIN "Revision" r ON r.id = a."publishedRevisionId"
        JOIN "Column" col ON col.id = d."columnId"
       WHERE d."articleId" = ANY(${missing}::uuid[])`;
    for (const row of rows) {
      found.set(row.id, row);
      // A unit is about what a posting entry holds (~200 bytes): 100 characters of text.
      store.put(`d${row.id}`, row, 1 + Math.ceil((row.content.length + row.title.length) / 100));
    }
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

export interface PostingQuery {
  /** Each term's alternatives (its skeleton and synonyms). */
  terms: readonly (readonly string[])[];
  postings: ReadonlyMap<string, Posting>;
  /** Alternatives that are a word of some document (the straddling rule applies to them). */
  isWord: ReadonlySet<string>;
  idf: readonly number[];
  avgLength: number;
  hidden: ReadonlySet<string>;
  /** The terms are unlikely to meet: the partial sets are ranked with the best ones at once. */
  together: boolean;
  page: number;
  pageSize: number;
  /** Per candidate set, at most this many newest documents. */
  candidates: number;
}

export interface PostingRanked {
  hits: { id: string; matched: number }[];
  total: number;
  capped: boolean;
  partial: boolean;
}

interface Scored {
  id: string;
  at: number;
  matched: number;
  score: number;
}

/** The ranking statement of lib/public/data/search.ts `rank`, over posting lists. */
export function rankPostings(query: PostingQuery): PostingRanked {
  const { terms, postings: lists, isWord, idf, avgLength, hidden, candidates } = query;
  const entry = (alt: string, id: string) => lists.get(alt)?.byId.get(id);
  // Per term, the visible documents holding some alternative, newest first.
  const termDocs = terms.map((alternatives) => {
    const docs = new Map<string, PostingEntry>();
    for (const alt of alternatives)
      for (const item of lists.get(alt)?.entries ?? []) if (!hidden.has(item.column)) docs.set(item.id, item);
    return [...docs.values()].sort(newestFirst);
  });
  const smallest = termDocs.reduce((a, b) => (b.length < a.length ? b : a));
  const holds = termDocs.map((docs) => new Set(docs.map((item) => item.id)));
  const all = smallest.filter((item) => holds.every((set) => set.has(item.id)));
  const newest = (list: readonly PostingEntry[], keep: (id: string) => boolean = () => true) => {
    const out: PostingEntry[] = [];
    for (const item of list) {
      if (out.length === candidates) break;
      if (keep(item.id)) out.push(item);
    }
    return out;
  };
  const allWords = (id: string) => terms.every((alternatives) => alternatives.some((alt) => entry(alt, id)?.w));
  const anyTitleWord = (id: string) => terms.some((alternatives) => alternatives.some((alt) => entry(alt, id)?.tw));
  const bestSets = [newest(all), newest(all, allWords), newest(all, anyTitleWord)];
  const partialSets = termDocs.map((docs) => newest(docs));

  const scoreOf = (item: PostingEntry): Scored => {
    let matched = 0;
    let score = 0;
    terms.forEach((alternatives, i) => {
      let proper = false;
      let anyWord = false;
      let anyTitle = false;
      let tf: number | undefined;
      for (const alt of alternatives) {
        const stats = entry(alt, item.id);
        const t = stats?.t ?? 0;
        const l = stats?.l ?? 0;
        const c = stats?.c ?? 0;
        const w = stats?.w === true;
        if (isWord.has(alt) ? w && t + c > 0 : t + c > 0) proper = true;
        anyWord ||= w;
        anyTitle ||= stats?.tw === true;
        const occurrences = 3 * t + 2 * l + c;
        tf = tf === undefined ? occurrences : tf + occurrences;
      }
      if (!proper) return;
      matched += 1;
      const f = tf ?? 0;
      // The same operations in the same order as the SQL (float8 both): equal scores tie the same way.
      score +=
        (idf[i] * (anyWord ? 1.0 : 0.25) * (f * 2.2)) / (f + 1.2 * (0.5 + (0.5 * item.n) / avgLength)) +
        (anyTitle ? idf[i] : 0);
    });
    return { id: item.id, at: item.at, matched, score };
  };

  const ranked = (sets: readonly PostingEntry[][], required: (row: Scored) => boolean) => {
    const distinct = new Map<string, PostingEntry>();
    for (const set of sets) for (const item of set) distinct.set(item.id, item);
    const rows = [...distinct.values()].map(scoreOf).filter(required);
    const complete = rows.some((row) => row.matched === terms.length);
    const shown = complete ? rows.filter((row) => row.matched === terms.length) : rows;
    shown.sort((a, b) => b.matched - a.matched || b.score - a.score || newestFirst(a, b));
    const from = (query.page - 1) * query.pageSize;
    return {
      hits: shown.slice(from, from + query.pageSize).map((row) => ({ id: row.id, matched: row.matched })),
      total: shown.length,
      sets: sets.map((set) => set.length),
      complete,
    };
  };
  const answer = (result: ReturnType<typeof ranked>, partialFrom: number): PostingRanked =>
    result.total === 0
      ? { hits: [], total: 0, capped: false, partial: false }
      : result.complete
        ? { hits: result.hits, total: result.total, capped: result.sets[0] >= candidates, partial: false }
        : {
            hits: result.hits,
            total: result.total,
            capped: result.sets.slice(partialFrom).some((n) => n >= candidates),
            partial: true,
          };
  const matchedAll = (row: Scored) => row.matched === terms.length;
  const matchedAny = (row: Scored) => row.matched > 0;
  if (query.together) return answer(ranked([...bestSets, ...partialSets], matchedAny), bestSets.length);
  const best = ranked(bestSets, matchedAll);
  if (best.total > 0 || terms.length === 1) return answer(best, bestSets.length);
  return answer(ranked(partialSets, matchedAny), 0);
}

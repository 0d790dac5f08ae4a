import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { cacheTrusted, pageCacheStore, type ResultCache } from "../cache/cache-store";
import type { PublicDb } from "./queries";
import { grams, indexPendingSearchDocuments, loadUserDictionary, termCountsSql } from "./search-index";
import { MAX_TERMS, queryTerms, snippet, highlight, type QueryTerm, type SnippetPart } from "./search-terms";
import { cutForSearch, cutWords } from "@/lib/text/segmenter";
import { suggestFor } from "./search-suggest";
import {
  hitDocuments,
  isRare,
  NO_STORE,
  postingListsSql,
  postings,
  rankPostings,
  readPostingLists,
  termStore,
  type HitDocument,
  type Posting,
  type TermStore,
} from "./search-postings";
import { cachedSynonyms, synonymGroups, SYNONYMS_VERSION, termAlternatives } from "./search-synonyms";

/**
 * Chinese full-text search over the live articles (docs/search.md). SearchDocument (kept by the
 * trigger on Article) says what is live; SearchIndex (./search-index.ts) holds its normalised
 * skeleton, character grams and segmenter words. A query is normalised the same way
 * (lib/text/normalise.ts), split into terms, each widened by the admin's synonyms; a document matches
 * a term when its skeleton contains the term (GIN on grams, then strpos).
 *
 * Ranking, BM25-style: per term, idf × saturated term frequency, where a title occurrence counts 3,
 * a lead occurrence 2 (on top of its place in the content), and an occurrence that is not a word of
 * the document (市长 only inside 城市长远, 李炯 only inside 李炯明) counts a quarter; length
 * normalised. Documents matching every term come first; if none does, the documents matching most
 * terms are shown, marked partial. If nothing matches, a pinyin / near-typo suggestion is searched
 * instead and said so ("您是不是要找：李炯").
 *
 * Bounded at 100,000 articles: per candidate set at most CANDIDATES newest matches are ranked (a very
 * common word is walked down the date index, see DENSE), so the cost does not grow with the corpus.
 */

export const SEARCH_PAGE_SIZE = 10;
/** Offset pagination is bounded: deep pages of a ranked search are not useful and are costly. */
export const SEARCH_MAX_PAGES = 20;
const CANDIDATES = SEARCH_PAGE_SIZE * SEARCH_MAX_PAGES;
/** A condition matching at least this many documents is searched newest-first down the date index. */
const DENSE = 2_000;
/** Queued documents indexed at the start of a search (normally none: publishing indexes its own). */
const PENDING_PER_SEARCH = 50;

/**
 * Search's connections (lib/db.ts searchDb): PostgreSQL cancels a statement after the timeout, so a
 * search never outlives a reader's patience nor holds a connection under load, and no transaction is
 * needed to set it. Its own connections (as many as the main pool: with 4, 50 concurrent searches
 * queued and p99 doubled in bench:search-http), and a short wait for one: a flood of searches is
 * answered 搜索繁忙 rather than queued without end, and never takes the other pages' connections. Sequential scans off, as the plans here assume an index
 * (a common word is walked down the date index, a rare one found through GIN); JIT off.
 */
export const SEARCH_POOL = {
  max: 10,
  connectionTimeoutMillis: 2_000,
  statementTimeoutMs: 2_000,
  // JIT compiles a plan whose estimated cost is high, as a date-index walk's is: ~100 ms each time.
  planner: { enable_seqscan: "off", jit: "off" },
} as const;

/** PostgreSQL cancelled a search (statement timeout) or no search connection came free in time. */
export class SearchBusyError extends Error {
  constructor(cause: unknown) {
    super("search busy", { cause });
    this.name = "SearchBusyError";
  }
}

/** Whether `error`, or anything in its cause chain, is a cancelled statement or a pool wait that ran out. */
export function isSearchBusy(error: unknown): boolean {
  for (let item = error, depth = 0; item && depth < 8; depth++) {
    if (item instanceof SearchBusyError) return true;
    if (typeof item !== "object") return false;
    const record = item as { code?: unknown; meta?: { code?: unknown }; message?: unknown; cause?: unknown };
    // 57014 query_canceled: statement_timeout fired (or an operator cancelled the backend).
    if (record.code === "57014" || record.meta?.code === "57014") return true;
    if (
      typeof record.message === "string" &&
      /57014|canceling statement due to statement timeout|timeout exceeded when trying to connect/.test(record.message)
    )
      return true;
    item = record.cause;
  }
  return false;
}

export interface SearchHit {
  id: string;
  slug: string;
  title: SnippetPart[];
  /** 引题 / 副题 of the published revision ("" = none). */
  overTitle: string;
  subtitle: string;
  snippet: SnippetPart[];
  publishedAt: Date;
  column: { slug: string; name: string };
  /** Partial results only: how many of the query's terms this article contains. */
  matchedTerms?: number;
}

export interface SearchResult {
  terms: string[];
  hits: SearchHit[];
  /** Matches ranked (at most a few × SEARCH_PAGE_SIZE × SEARCH_MAX_PAGES). */
  total: number;
  /** More articles match than were ranked: only the newest are shown. */
  capped: boolean;
  page: number;
  pages: number;
  /** No article has every term: these have some of them. */
  partial: boolean;
  /** Nothing matched the query as typed; the results are for this suggestion instead. */
  suggestion?: string;
}

interface Stats {
  count: number;
  avgLength: number;
  at: number;
}
let stats: Stats | undefined;

async function corpusStats(client: PublicDb): Promise<Stats> {
  if (stats && Date.now() - stats.at < 60_000) return stats;
  const [row] = await client.$queryRaw<{ count: number; avg: number | null }[]>`
    SELECT count(*)::int AS count, avg(length)::float8 AS avg FROM (SELECT length FROM "SearchIndex" ORDER BY "publishedAt" DESC LIMIT 1000) s`;
  const [estimate] = await client.$queryRaw<
    { n: number }[]
  >`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE relname = 'SearchIndex'`;
  stats = { count: Math.max(row?.count ?? 0, estimate?.n ?? 0, 1), avgLength: row?.avg ?? 500, at: Date.now() };
  return stats;
}

/**
 * Whether an index row (i) contains some alternative of `term`. Through the GIN index, the grams find
 * the rows and strpos checks them; on a walk down the date index the row is at hand and strpos alone
 * decides (cheaper than comparing the grams array).
 */
function matchesTerm(term: QueryTerm, walk: boolean): Prisma.Sql {
  const contains = (alt: string) => Prisma.sql`(strpos(i.title, ${alt}) > 0 OR strpos(i.content, ${alt}) > 0)`;
  return Prisma.sql`(${Prisma.join(
    term.alternatives.map((alt) =>
      walk ? contains(alt) : Prisma.sql`(i.grams @> ${grams(alt)}::text[] AND ${contains(alt)})`,
    ),
    " OR ",
  )})`;
}

/** A candidate set: its condition (for a walk down the date index, or for GIN) and its expected size. */
interface CandidateSet {
  where: (walk: boolean) => Prisma.Sql;
  matches: number;
}

/**
 * What a query needs to know before it can pick its plans, in one round trip: the document frequency
 * of each term (by its grams, and as a word), of its title words, whether each alternative is a word
 * of some document, and the per-query facts (queued documents, the synonyms' version, hidden columns).
 */
interface Facts {
  /** Per term: documents holding every gram of some alternative (an upper bound of those containing it). */
  frequencies: number[];
  /** Per term: documents with some alternative as a word. */
  wordFrequencies: number[];
  /** Documents with some alternative of some term as a title word (an upper bound). */
  titleMatches: number;
  /** Documents holding each gram of the alternatives. */
  gramCounts: Map<string, number>;
  isWord: Set<string>;
  queued: boolean;
  synonyms: string;
  hidden: string[];
  /** Posting lists read with the facts: the new words' that are rare (./search-postings.ts). */
  postings: Map<string, Posting | null>;
}

/** The per-query facts that do not depend on the terms, as kept in the TermStore (never while queued). */
interface SearchMeta {
  queued: boolean;
  synonyms: string;
  hidden: string[];
}

/**
 * The frequencies are index lookups in SearchTermCount plus the deltas not yet folded in
 * (lib/public/data/search-index.ts, docs/search.md), exact in the statement's snapshot — not GIN
 * bitmaps of every matching row, which cost tens of milliseconds for a common gram at 100,000 articles.
 * Each alternative's counts, and the per-query facts, are kept in the TermStore: only what it lacks
 * is asked for.
 */
async function facts(client: PublicDb, terms: readonly QueryTerm[], store: TermStore): Promise<Facts> {
  const alternatives = [...new Set(terms.flatMap((term) => term.alternatives))];
  const gramsOf = new Map(alternatives.map((alt) => [alt, grams(alt)]));
  const pairs: [string, string][] = [...new Set([...gramsOf.values()].flat())].map((gram) => ["g", gram]);
  for (const alt of alternatives) pairs.push(["w", alt], ["t", alt]);
  // Kept per alternative (its grams', word and title-word counts): one store lookup each.
  const counts = new Map<string, number>();
  const missing: string[] = [];
  for (const alt of alternatives) {
    const kept = store.get<[string, number][]>(`k${alt}`);
    if (kept) for (const [key, df] of kept) counts.set(key, df);
    else missing.push(alt);
  }
  let meta = store.get<SearchMeta>("meta");
  let prefetched = new Map<string, Posting | null>();
  if (!meta || missing.length > 0) {
    // A new word's posting list comes along when it is rare (gated in SQL on the same counts): a
    // search of new words is two round trips (these facts, the page's rows), not three.
    const listed = missing.filter((alt) => store.get<Posting>(`p${alt}`) === undefined);
    const asked: [string, string][] = [...new Set(missing.flatMap((alt) => gramsOf.get(alt) ?? []))].map((gram) => [
      "g",
      gram,
    ]);
    for (const alt of missing) asked.push(["w", alt], ["t", alt]);
    const [row] = await client.$queryRaw<
      {
        queued: boolean;
        synonyms: string;
        hidden: string[];
        counts: Record<string, number> | null;
        postings: unknown;
      }[]
    >`SELECT EXISTS (SELECT 1 FROM "SearchIndexPending") AS queued, ${SYNONYMS_VERSION} AS synonyms,
             ARRAY(SELECT id::text FROM "Column" WHERE hidden) AS hidden,
             ${asked.length > 0 ? termCountsSql(asked) : Prisma.sql`'{}'::jsonb`} AS counts,
             ${listed.length > 0 ? postingListsSql(listed, true) : Prisma.sql`'[]'::jsonb`} AS postings`;
    meta = { queued: row?.queued === true, synonyms: String(row?.synonyms ?? ""), hidden: row?.hidden ?? [] };
    if (!meta.queued) store.put("meta", meta);
    for (const [kind, token] of asked) counts.set(kind + token, Math.max(0, Number(row?.counts?.[kind + token] ?? 0)));
    prefetched = readPostingLists(listed, row?.postings, meta.queued ? NO_STORE : store, (alt) =>
      isRare(alt, (gram) => counts.get(`g${gram}`) ?? 0),
    );
    if (!meta.queued)
      for (const alt of missing) {
        const keys = [...(gramsOf.get(alt) ?? []).map((gram) => `g${gram}`), `w${alt}`, `t${alt}`];
        store.put(
          `k${alt}`,
          keys.map((key) => [key, counts.get(key) ?? 0]),
          1,
        );
      }
  }
  const df = (kind: string, token: string) => counts.get(kind + token) ?? 0;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    frequencies: terms.map((term) =>
      sum(term.alternatives.map((alt) => Math.min(...(gramsOf.get(alt) ?? []).map((gram) => df("g", gram))))),
    ),
    wordFrequencies: terms.map((term) => sum(term.alternatives.map((alt) => df("w", alt)))),
    titleMatches: sum(alternatives.map((alt) => df("t", alt))),
    gramCounts: new Map(pairs.filter(([kind]) => kind === "g").map(([, gram]) => [gram, df("g", gram)])),
    isWord: new Set(alternatives.filter((alt) => df("w", alt) > 0)),
    queued: meta.queued,
    synonyms: meta.synonyms,
    hidden: meta.hidden,
    postings: prefetched,
  };
}

/**
 * The newest matches of each condition (at most CANDIDATES each) as rows (k, id), for the ranking
 * statement's first step. A common condition walks the date index: the subquery with OFFSET 0 is
 * planned on its own (its ORDER BY by the index) and the condition is applied to its rows as they
 * come, so the walk stops after CANDIDATES matches. A rare one is found through the GIN index and sorted.
 */
function candidatesSql(sets: readonly CandidateSet[], hidden: readonly string[]): Prisma.Sql {
  // An index row always has its document (FK cascade): the document is only asked about its column.
  const visible = hidden.length
    ? Prisma.sql`NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."articleId" = i."articleId" AND d."columnId" = ANY(${hidden}::uuid[]))`
    : Prisma.sql`TRUE`;
  const parts = sets.map(({ where, matches }, k) =>
    matches >= DENSE
      ? Prisma.sql`(SELECT ${k}::int AS k, i."articleId" AS id
           FROM (SELECT s.* FROM "SearchIndex" s ORDER BY s."publishedAt" DESC, s."articleId" DESC OFFSET 0) i
          WHERE ${where(true)} AND ${visible} LIMIT ${CANDIDATES})`
      : Prisma.sql`(SELECT ${k}::int AS k, i."articleId" AS id FROM "SearchIndex" i
          WHERE ${where(false)} AND ${visible}
          ORDER BY i."publishedAt" DESC, i."articleId" DESC LIMIT ${CANDIDATES})`,
  );
  return Prisma.join(parts, " UNION ALL ");
}

interface Ranked {
  rows: HitRow[];
  total: number;
  capped: boolean;
  partial: boolean;
}

interface HitRow extends HitDocument {
  matched: number;
}

interface Prepared {
  terms: QueryTerm[];
  facts: Facts;
}

/** The query's terms widened by the synonyms, and its facts (one round trip, two if the synonyms changed). */
async function prepare(client: PublicDb, parsed: readonly QueryTerm[], store: TermStore): Promise<Prepared> {
  let groups = cachedSynonyms() ?? new Map<string, string[]>();
  for (let attempt = 0; ; attempt++) {
    const terms = parsed.map((term) => ({
      ...term,
      alternatives: termAlternatives(term.skeleton, groups),
    }));
    const found = await facts(client, terms, store);
    const fresh = await synonymGroups(client, found.synonyms);
    if (found.queued && attempt === 0) {
      await indexQueued(client);
      groups = fresh;
      continue;
    }
    if (fresh === groups || attempt > 0) return { terms, facts: found };
    groups = fresh;
  }
}

/**
 * Documents queued for indexing (normally none: publishing indexes its own) are indexed first. Nothing
 * a TermStore holds predates them: the change that queued them evicted every instance's store when it
 * committed, and facts read while documents are queued are not kept.
 */
async function indexQueued(client: PublicDb): Promise<void> {
  try {
    await indexPendingSearchDocuments(client as never, { limit: PENDING_PER_SEARCH });
  } catch (error) {
    // The outbox indexes them anyway; a search must not fail because it could not help.
    if (!isSearchBusy(error)) throw error;
  }
}

/**
 * Per candidate, what ranking needs of each alternative, computed once: its occurrences in the title,
 * lead and content skeletons (byte lengths: replace() removes whole occurrences) and whether it is a
 * word / title word of the document. The texts are detoasted once per row (`|| ''` in a subquery
 * that OFFSET 0 keeps from being flattened), not once per function call.
 */
function perAlternative(alternatives: readonly string[]): Prisma.Sql {
  const occurrences = (column: string, alt: string) => {
    const text = Prisma.raw(`x.${column}`);
    return Prisma.sql`((octet_length(${text}) - octet_length(replace(${text}, ${alt}, ''))) / ${Buffer.byteLength(alt)}::float8)`;
  };
  const columns = alternatives.flatMap((alt, j) => [
    Prisma.sql`${occurrences("t", alt)} AS ${Prisma.raw(`t${j}`)}`,
    Prisma.sql`${occurrences("l", alt)} AS ${Prisma.raw(`l${j}`)}`,
    Prisma.sql`${occurrences("c", alt)} AS ${Prisma.raw(`c${j}`)}`,
    Prisma.sql`(x.w @> ARRAY[${alt}]::text[]) AS ${Prisma.raw(`w${j}`)}`,
    Prisma.sql`(x.tw @> ARRAY[${alt}]::text[]) AS ${Prisma.raw(`tw${j}`)}`,
  ]);
  return Prisma.sql`SELECT ${Prisma.join(columns, ", ")}
      FROM (SELECT i.title || '' AS t, i.lead || '' AS l, i.content || '' AS c, i.words AS w, i."titleWords" AS tw OFFSET 0) x OFFSET 0`;
}

interface RankedRow extends HitRow {
  total: number;
  /** Per candidate set (k): how many it holds. */
  sets: Record<string, number> | null;
  /** Some article has every term. */
  complete: boolean;
}

/**
 * How many documents are expected to contain `term`, to choose its plan (a walk down the date index or
 * the GIN index). Exact for one or two characters (the gram itself); for a longer alternative the
 * independence estimate over its character pairs, never above the rarest pair. Low rather than high on
 * purpose: a walk meant for a common term that meets a rare phrase (编号bench-50000, all of whose pairs
 * are common) reads the whole table, while GIN for a common term only costs more than the walk.
 */
function expectedMatches(term: QueryTerm, gramCounts: ReadonlyMap<string, number>, count: number): number {
  let total = 0;
  for (const alt of term.alternatives) {
    const chars = [...alt.replace(/\s+/g, "")];
    if (chars.length < 2) {
      total += gramCounts.get(chars[0] ?? "") ?? 0;
      continue;
    }
    let estimate = count;
    let rarest = count;
    for (let i = 0; i + 1 < chars.length; i += 1) {
      const df = gramCounts.get(`${chars[i]}${chars[i + 1]}`) ?? 0;
      estimate *= df / count;
      rarest = Math.min(rarest, df);
    }
    total += Math.min(estimate, rarest);
  }
  return total;
}

/**
 * Which way a search is ranked: "auto" over posting lists when every alternative is rare
 * (./search-postings.ts), else by the ranking statement; "sql" always by the statement (the
 * differential test compares the two).
 */
export type SearchEngine = "auto" | "sql";

async function rank(
  client: PublicDb,
  prepared: Prepared,
  page: number,
  store: TermStore,
  engine: SearchEngine,
): Promise<Ranked> {
  const { terms, facts: found } = prepared;
  const { count, avgLength } = await corpusStats(client);
  const { frequencies, wordFrequencies, titleMatches } = found;
  const idf = frequencies.map((df) => Math.log(1 + (count - df + 0.5) / (df + 0.5)));
  const expected = terms.map((term) => expectedMatches(term, found.gramCounts, count));
  // When the terms are unlikely to meet in one article (independence: fewer than one expected), the
  // partial sets are ranked in the same statement rather than in a second round trip after an empty one.
  const together = terms.length > 1 && expected.reduce((product, n) => (product * n) / count, count) < 1;
  if (engine === "auto") {
    const viaPostings = await rankPostingLists(client, prepared, { page, idf, avgLength, together, store });
    if (viaPostings) return viaPostings;
  }
  // The rarest term decides whether a conjunction is dense.
  const rarest = Math.min(...expected);
  const all = (walk: boolean) =>
    Prisma.join(
      terms.map((term) => matchesTerm(term, walk)),
      " AND ",
    );
  const allWords = Prisma.join(
    terms.map((term) => Prisma.sql`i.words && ${term.alternatives}::text[]`),
    " AND ",
  );
  const alternatives = [...new Set(terms.flatMap((term) => term.alternatives))];
  const column = (prefix: string, alt: string) => Prisma.raw(`s.${prefix}${alternatives.indexOf(alt)}`);
  // A word that is a word somewhere (市长, 李炯) is not counted where it only straddles two words
  // (城市长远, 李炯明): those are other words. Words that are a word nowhere (a phrase, a single
  // character) match as substrings. Decided per alternative, so a synonym keeps its own rule.
  const properly = (term: QueryTerm) =>
    Prisma.join(
      term.alternatives.map((alt) =>
        found.isWord.has(alt)
          ? Prisma.sql`(${column("w", alt)} AND ${column("t", alt)} + ${column("c", alt)} > 0)`
          : Prisma.sql`(${column("t", alt)} + ${column("c", alt)} > 0)`,
      ),
      " OR ",
    );
  const any = (prefix: string, term: QueryTerm) =>
    Prisma.join(
      term.alternatives.map((alt) => column(prefix, alt)),
      " OR ",
    );
  // BM25 (k1 = 1.2, b = 0.5: short government articles vary less in length than web pages): idf ×
  // saturated tf, a title occurrence counting 3 and a lead one 2 (on top of its place in the content),
  // a quarter where the term is no word of the document, plus idf for a title word.
  const termScore = (term: QueryTerm, i: number) => {
    const tf = Prisma.join(
      term.alternatives.map(
        (alt) => Prisma.sql`(3 * ${column("t", alt)} + 2 * ${column("l", alt)} + ${column("c", alt)})`,
      ),
      " + ",
    );
    return Prisma.sql`(${idf[i]}::float8 * (CASE WHEN ${any("w", term)} THEN 1.0 ELSE 0.25 END)
      * ((${tf}) * 2.2) / ((${tf}) + 1.2 * (0.5 + 0.5 * s.n / ${avgLength}::float8))
      + (CASE WHEN ${any("tw", term)} THEN ${idf[i]}::float8 ELSE 0 END))`;
  };
  const matchedCount = Prisma.join(
    terms.map((term) => Prisma.sql`(${properly(term)})::int`),
    " + ",
  );
  const score = Prisma.join(
    terms.map((term, i) => Prisma.sql`CASE WHEN ${properly(term)} THEN ${termScore(term, i)} ELSE 0 END`),
    " + ",
  );
  const perAlt = perAlternative(alternatives);
  // One statement: the candidate sets, their ranking, the number of matches and the page's rows with
  // what a hit shows. Always one row at least (the counts), with the hit's columns null when the page
  // is empty.
  const ranked = async (
    sets: readonly CandidateSet[],
    required: Prisma.Sql,
  ): Promise<{ rows: HitRow[]; total: number; sets: number[]; complete: boolean }> => {
    const result = await client.$queryRaw<RankedRow[]>`
        WITH c AS (${candidatesSql(sets, found.hidden)}),
        scored AS (
          SELECT i."articleId" AS id, i."publishedAt", i.length AS n, s.*
            FROM (SELECT DISTINCT id FROM c) cand
            JOIN "SearchIndex" i ON i."articleId" = cand.id
            CROSS JOIN LATERAL (${perAlt}) s
        ), matched AS (
          SELECT s.id, s."publishedAt", (${matchedCount})::int AS matched, (${score}) AS score
            FROM scored s WHERE ${required}
        ), shown AS (
          -- The articles with every term if there are any, else (a partial match) all of them.
          SELECT * FROM matched
           WHERE matched = ${terms.length} OR NOT EXISTS (SELECT 1 FROM matched WHERE matched = ${terms.length})
        )
        SELECT p.id, a.slug, d.title, r.meta ->> 'overTitle' AS "overTitle", r.meta ->> 'subtitle' AS subtitle,
               d.content, d."publishedAt", col.slug AS "columnSlug", col.name AS "columnName", p.matched,
               counts.total, counts.sets, counts.complete
          FROM (SELECT (SELECT count(*) FROM shown)::int AS total,
                       EXISTS (SELECT 1 FROM matched WHERE matched = ${terms.length}) AS complete,
                       (SELECT jsonb_object_agg(k, n) FROM (SELECT k, count(*) AS n FROM c GROUP BY k) n) AS sets) counts
          LEFT JOIN LATERAL (
            SELECT * FROM shown ORDER BY matched DESC, score DESC, "publishedAt" DESC, id DESC
             LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}) p ON TRUE
          LEFT JOIN "SearchDocument" d ON d."articleId" = p.id
          LEFT JOIN "Article" a ON a.id = p.id
          LEFT JOIN "Revision" r ON r.id = a."publishedRevisionId"
          LEFT JOIN "Column" col ON col.id = d."columnId"
         ORDER BY p.matched DESC, p.score DESC, p."publishedAt" DESC, p.id DESC`;
    const first = result[0];
    return {
      rows: result.filter((row) => row.id !== null),
      total: first?.total ?? 0,
      sets: sets.map((_, k) => Number(first?.sets?.[k] ?? 0)),
      complete: first?.complete === true,
    };
  };

  const matchedAll = Prisma.join(
    terms.map((term) => Prisma.sql`(${properly(term)})`),
    " AND ",
  );
  const anyTitleWord = Prisma.join(
    terms.map((term) => Prisma.sql`i."titleWords" && ${term.alternatives}::text[]`),
    " OR ",
  );
  const bestSets: CandidateSet[] = [
    { where: all, matches: rarest },
    { where: (walk) => Prisma.sql`${allWords} AND ${all(walk)}`, matches: Math.min(rarest, ...wordFrequencies) },
    { where: (walk) => Prisma.sql`(${anyTitleWord}) AND ${all(walk)}`, matches: Math.min(rarest, titleMatches) },
  ];
  // No article has every term: the best partial matches, marked as such. Their candidates are each
  // term's newest matches.
  const matchedAny = Prisma.join(
    terms.map((term) => Prisma.sql`(${properly(term)})`),
    " OR ",
  );
  const partialSets: CandidateSet[] = terms.map((term, i) => ({
    where: (walk: boolean) => matchesTerm(term, walk),
    matches: expected[i],
  }));
  const answer = (result: Awaited<ReturnType<typeof ranked>>, partialFrom: number): Ranked =>
    result.total === 0
      ? { rows: [], total: 0, capped: false, partial: false }
      : result.complete
        ? { rows: result.rows, total: result.total, capped: result.sets[0] >= CANDIDATES, partial: false }
        : {
            rows: result.rows,
            total: result.total,
            capped: result.sets.slice(partialFrom).some((n) => n >= CANDIDATES),
            partial: true,
          };
  if (together) return answer(await ranked([...bestSets, ...partialSets], matchedAny), bestSets.length);
  const best = await ranked(bestSets, matchedAll);
  if (best.total > 0 || terms.length === 1) return answer(best, bestSets.length);
  return answer(await ranked(partialSets, matchedAny), 0);
}

/**
 * The same ranking over posting lists (./search-postings.ts), when every alternative of every term is
 * held by fewer than POSTING_LIMIT documents; undefined when one is not.
 */
async function rankPostingLists(
  client: PublicDb,
  { terms, facts: found }: Prepared,
  options: { page: number; idf: number[]; avgLength: number; together: boolean; store: TermStore },
): Promise<Ranked | undefined> {
  const alternatives = [...new Set(terms.flatMap((term) => term.alternatives))];
  if (!alternatives.every((alt) => isRare(alt, (gram) => found.gramCounts.get(gram) ?? 0))) return undefined;
  const lists = await postings(client, alternatives, options.store, found.postings);
  const complete = new Map<string, Posting>();
  for (const [alt, list] of lists) {
    if (!list) return undefined;
    complete.set(alt, list);
  }
  const result = rankPostings({
    terms: terms.map((term) => term.alternatives),
    postings: complete,
    isWord: found.isWord,
    idf: options.idf,
    avgLength: options.avgLength,
    hidden: new Set(found.hidden),
    together: options.together,
    page: options.page,
    pageSize: SEARCH_PAGE_SIZE,
    candidates: CANDIDATES,
  });
  const matched = new Map(result.hits.map((hit) => [hit.id, hit.matched]));
  const documents = await hitDocuments(client, [...matched.keys()], options.store);
  return {
    rows: documents.map((document) => ({ ...document, matched: matched.get(document.id) ?? 0 })),
    total: result.total,
    capped: result.capped,
    partial: result.partial,
  };
}

/**
 * A query's terms with each term of three characters or more that holds Chinese cut into its words
 * (jieba with the site's user dictionary, as documents are indexed), words of one character left out:
 * readers seldom type spaces, so 疫苗接种 or 漕泾镇乡村振兴 is several words in one term. Two ways,
 * coarse first: jieba's words (安全检查 stays whole), then with each word of four characters or more cut
 * into the words it is made of (安全 / 检查). Asked only when the terms as typed find nothing — an article
 * holding the phrase as written answers it alone. Empty when no term comes apart.
 */
async function wordsOfTerms(client: PublicDb, parsed: readonly QueryTerm[], store: TermStore): Promise<QueryTerm[][]> {
  const splittable = (term: QueryTerm) => [...term.skeleton].length >= 3 && /\p{Script=Han}/u.test(term.skeleton);
  if (!parsed.some(splittable)) return [];
  // Checked once per store generation (a publication or column change starts a new one), so a repeated
  // search of words the store holds still needs no statement.
  if (store.get<boolean>("dictionary") === undefined) {
    await loadUserDictionary(client as never);
    store.put("dictionary", true);
  }
  const asWords = (cut: (text: string) => string[]) => {
    const out: QueryTerm[] = [];
    for (const term of parsed) {
      const words = splittable(term) ? cut(term.skeleton).filter((word) => [...word.trim()].length >= 2) : [];
      for (const word of words.length > 0 ? words : [term.skeleton])
        if (!out.some((kept) => kept.skeleton === word))
          out.push(word === term.skeleton ? term : { text: word, skeleton: word, alternatives: [word] });
    }
    return out.slice(0, MAX_TERMS);
  };
  const finer = (word: string) => {
    if ([...word].length < 4) return [word];
    const parts = cutForSearch(word).filter((part) => part !== word && [...part].length >= 2);
    // Only the parts no other part contains: the words the long one is made of.
    const smallest = parts.filter((part) => !parts.some((other) => other !== part && part.includes(other)));
    return smallest.length >= 2 ? smallest : [word];
  };
  // Each way once, and only if it differs from the terms as typed.
  const spelled = new Set([parsed.map((term) => term.skeleton).join(" ")]);
  return [asWords(cutWords), asWords((text) => cutWords(text).flatMap(finer))].filter((way) => {
    const key = way.map((term) => term.skeleton).join(" ");
    if (spelled.has(key)) return false;
    spelled.add(key);
    return true;
  });
}

/**
 * One search, read from the database as of now. `keep`: through the process's TermStore (what the
 * invalidations keep right: the public route's way, cachedSearchArticles); without it nothing read
 * before is reused, for callers that change the database themselves (scripts, tests).
 */
export async function searchArticles(
  client: PublicDb,
  query: string,
  page: number,
  engine: SearchEngine = "auto",
  keep = false,
): Promise<SearchResult> {
  try {
    return await search(client, query, page, engine, keep ? termStore() : NO_STORE);
  } catch (error) {
    if (isSearchBusy(error)) throw new SearchBusyError(error);
    throw error;
  }
}

/**
 * `compute` through the per-process search result cache (lib/public/cache/cache-store.ts ResultCache),
 * trusted only while the invalidation listener is (the page cache's rule, lib/public/cache/cache-bus.ts,
 * whose connection the page routes start). Read from the store, not the bus: this module is also
 * loaded by the CLIs (static publishing), which have no app database client and no listener.
 */
export async function cachedForSearch<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const store = pageCacheStore();
  if (!cacheTrusted(store)) return compute();
  const cache = store.searchResults as ResultCache<T>;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const generation = cache.generation;
  const value = await compute();
  cache.put(key, value, generation);
  return value;
}

/** searchArticles, cached by normalised query and page: a repeated search costs no database round trip. */
export function cachedSearchArticles(client: PublicDb, query: string, page: number): Promise<SearchResult> {
  return cachedForSearch(`${page}\u0000${query}`, () => searchArticles(client, query, page, "auto", true));
}

async function search(
  client: PublicDb,
  query: string,
  page: number,
  engine: SearchEngine,
  store: TermStore,
): Promise<SearchResult> {
  const parsed = queryTerms(query);
  const current = Math.min(Math.max(1, Math.floor(page)), SEARCH_MAX_PAGES);
  if (parsed.length === 0) {
    return { terms: [], hits: [], total: 0, capped: false, page: 1, pages: 0, partial: false };
  }
  const prepared = await prepare(client, parsed, store);
  // Lists read while documents wait to be indexed would miss them after they are: not kept.
  const kept = (ready: Prepared) => (ready.facts.queued ? NO_STORE : store);
  let ranked = await rank(client, prepared, current, kept(prepared), engine);
  let suggestion: string | undefined;
  let shown = prepared.terms;
  let asked = parsed;
  // Typed without spaces: the first way of cutting that every word matches, else the first with a
  // partial match (marked as such).
  for (const split of ranked.total === 0 ? await wordsOfTerms(client, parsed, kept(prepared)) : []) {
    const again = await prepare(client, split, store);
    const retried = await rank(client, again, current, kept(again), engine);
    if (retried.total > 0 && (ranked.total === 0 || (ranked.partial && !retried.partial))) {
      ranked = retried;
      shown = again.terms;
      asked = split;
    }
    if (ranked.total > 0 && !ranked.partial) break;
  }
  if (ranked.total === 0) {
    const suggested = await suggestFor(client, parsed);
    if (suggested) {
      const again = await prepare(client, queryTerms(suggested), store);
      const retried = await rank(client, again, current, kept(again), engine);
      if (retried.total > 0) {
        ranked = retried;
        shown = again.terms;
        suggestion = suggested;
      }
    }
  }
  const needles = shown.flatMap((term) => term.alternatives);
  return {
    terms: asked.map((term) => term.text),
    total: ranked.total,
    capped: ranked.capped,
    partial: ranked.partial,
    suggestion,
    page: current,
    pages: Math.min(SEARCH_MAX_PAGES, Math.ceil(ranked.total / SEARCH_PAGE_SIZE)),
    hits: ranked.rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: highlight(row.title, needles),
      // The published revision's, like the title: the document is written from it.
      overTitle: row.overTitle ?? "",
      subtitle: row.subtitle ?? "",
      snippet: snippet(row.content, needles),
      publishedAt: row.publishedAt,
      column: { slug: row.columnSlug, name: row.columnName },
      ...(ranked.partial ? { matchedTerms: row.matched } : {}),
    })),
  };
}

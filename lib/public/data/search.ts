import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PublicDb } from "./queries";
import { grams, indexPendingSearchDocuments } from "./search-index";
import { queryTerms, snippet, highlight, type QueryTerm, type SnippetPart } from "./search-terms";
import { suggestFor } from "./search-suggest";
import { synonymGroups } from "./search-synonyms";

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

function containsAny(term: QueryTerm, column: Prisma.Sql): Prisma.Sql {
  return Prisma.join(
    term.alternatives.map((alt) => Prisma.sql`(i.grams @> ${grams(alt)}::text[] AND strpos(${column}, ${alt}) > 0)`),
    " OR ",
  );
}

const ALL_TEXT = Prisma.sql`(i.title || E'\n' || i.content)`;

function matchesTerm(term: QueryTerm): Prisma.Sql {
  return Prisma.sql`(${containsAny(term, ALL_TEXT)})`;
}

function occurrences(column: Prisma.Sql, alt: string): Prisma.Sql {
  return Prisma.sql`((char_length(${column}) - char_length(replace(${column}, ${alt}, ''))) / ${[...alt].length}::float8)`;
}

function termScore(term: QueryTerm, idf: number, avgLength: number): Prisma.Sql {
  const tf = Prisma.join(
    term.alternatives.map(
      (alt) =>
        Prisma.sql`(3 * ${occurrences(Prisma.sql`i.title`, alt)} + 2 * ${occurrences(Prisma.sql`i.lead`, alt)} + ${occurrences(Prisma.sql`i.content`, alt)})`,
    ),
    " + ",
  );
  // BM25's k1 = 1.2 and b = 0.5 (short government articles vary less in length than web pages).
  return Prisma.sql`(${idf}::float8 * (CASE WHEN i.words && ${term.alternatives}::text[] THEN 1.0 ELSE 0.25 END)
    * ((${tf}) * 2.2) / ((${tf}) + 1.2 * (0.5 + 0.5 * i.length / ${avgLength}::float8))
    + (CASE WHEN i."titleWords" && ${term.alternatives}::text[] THEN ${idf}::float8 ELSE 0 END))`;
}

/** How many documents each probe matches, up to DENSE, in one round trip. */
async function probeCounts(client: PublicDb, probes: readonly Prisma.Sql[]): Promise<number[]> {
  const columns = Prisma.join(
    probes.map(
      (probe, i) =>
        Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM "SearchIndex" i WHERE ${probe} LIMIT ${DENSE}) c) AS ${Prisma.raw(`p${i}`)}`,
    ),
    ", ",
  );
  const [, rows] = await client.$transaction([
    client.$executeRaw`SET LOCAL enable_seqscan = off`,
    client.$queryRaw<Record<string, bigint>[]>`SELECT ${columns}`,
  ]);
  return probes.map((_, i) => Number(rows[0]?.[`p${i}`] ?? 0));
}

/** The newest matches of a condition, walking the date index when the condition is common. */
async function newest(
  client: PublicDb,
  where: Prisma.Sql,
  matches: number,
  visible: Prisma.Sql,
): Promise<{ ids: string[]; dense: boolean }> {
  const dense = matches >= DENSE;
  const query = client.$queryRaw<{ id: string }[]>`
    SELECT i."articleId" AS id FROM "SearchIndex" i JOIN "SearchDocument" d ON d."articleId" = i."articleId"
     WHERE ${where} AND ${visible}
     ORDER BY i."publishedAt" DESC, i."articleId" DESC LIMIT ${CANDIDATES}`;
  const rows = dense
    ? (
        await client.$transaction([
          client.$executeRaw`SET LOCAL enable_seqscan = off`,
          client.$executeRaw`SET LOCAL enable_bitmapscan = off`,
          query,
        ])
      )[2]
    : await query;
  return { ids: rows.map((row) => row.id), dense };
}

interface Ranked {
  ids: string[];
  total: number;
  capped: boolean;
  partial: boolean;
  matched: Map<string, number>;
}

async function rank(client: PublicDb, terms: QueryTerm[], page: number, visible: Prisma.Sql): Promise<Ranked> {
  const { count, avgLength } = await corpusStats(client);
  const gramProbe = (term: QueryTerm) =>
    Prisma.join(
      term.alternatives.map((alt) => Prisma.sql`i.grams @> ${grams(alt)}::text[]`),
      " OR ",
    );
  const wordProbe = (term: QueryTerm) => Prisma.sql`i.words && ${term.alternatives}::text[]`;
  const anyWord = Prisma.join(
    terms.map((term) => Prisma.sql`i."titleWords" && ${term.alternatives}::text[]`),
    " OR ",
  );
  // One round trip: each term's document frequency (by grams, for idf and density), by words, and the title probe.
  const counts = await probeCounts(client, [...terms.map(gramProbe), ...terms.map(wordProbe), anyWord]);
  const frequencies = counts.slice(0, terms.length);
  const wordFrequencies = counts.slice(terms.length, 2 * terms.length);
  const titleMatches = counts[2 * terms.length];
  const idf = frequencies.map((df) => Math.log(1 + (count - df + 0.5) / (df + 0.5)));
  const all = Prisma.join(terms.map(matchesTerm), " AND ");
  // The rarest term decides whether the conjunction is dense.
  const rarestIndex = frequencies.indexOf(Math.min(...frequencies));
  const allWords = Prisma.join(
    terms.map((term) => Prisma.sql`i.words && ${term.alternatives}::text[]`),
    " AND ",
  );
  const [byText, byWords, byTitle] = await Promise.all([
    newest(client, all, frequencies[rarestIndex], visible),
    newest(client, Prisma.sql`${allWords} AND ${all}`, Math.min(...wordFrequencies), visible),
    newest(client, Prisma.sql`(${anyWord}) AND ${all}`, titleMatches, visible),
  ]);
  // A word that is a word somewhere (市长, 李炯) is not counted where it only straddles two words
  // (城市长远, 李炯明): those are other words. Words that are a word nowhere (a phrase, a single
  // character) match as substrings. Decided per alternative, so a synonym keeps its own rule.
  const alternatives = [...new Set(terms.flatMap((term) => term.alternatives))];
  const wordRows = await client.$queryRaw<{ alt: string }[]>`
    SELECT a AS alt FROM unnest(${alternatives}::text[]) AS a WHERE EXISTS (SELECT 1 FROM "SearchIndex" i WHERE i.words @> ARRAY[a])`;
  const isWord = new Set(wordRows.map((row) => row.alt));
  const properly = (term: QueryTerm) =>
    Prisma.join(
      term.alternatives.map((alt) =>
        isWord.has(alt)
          ? Prisma.sql`(i.words @> ARRAY[${alt}]::text[] AND strpos(${ALL_TEXT}, ${alt}) > 0)`
          : Prisma.sql`(i.grams @> ${grams(alt)}::text[] AND strpos(${ALL_TEXT}, ${alt}) > 0)`,
      ),
      " OR ",
    );
  const matchedAll = Prisma.join(
    terms.map((term) => Prisma.sql`(${properly(term)})`),
    " AND ",
  );
  const matchedAny = Prisma.join(
    terms.map((term) => Prisma.sql`(${properly(term)})`),
    " OR ",
  );
  let candidates = [...new Set([...byWords.ids, ...byTitle.ids, ...byText.ids])];
  let capped = byText.ids.length >= CANDIDATES;
  let partial = false;
  const [full] = candidates.length
    ? await client.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM "SearchIndex" i WHERE i."articleId" = ANY(${candidates}::uuid[]) AND ${matchedAll}`
    : [{ n: 0 }];
  if ((full?.n ?? 0) === 0) {
    if (terms.length === 1) return { ids: [], total: 0, capped: false, partial: false, matched: new Map() };
    partial = true;
    const each = await Promise.all(terms.map((term, i) => newest(client, matchesTerm(term), frequencies[i], visible)));
    candidates = [...new Set(each.flatMap((set) => set.ids))];
    capped = each.some((set) => set.ids.length >= CANDIDATES);
  }
  const required = partial ? matchedAny : matchedAll;
  const [kept] = candidates.length
    ? await client.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM "SearchIndex" i WHERE i."articleId" = ANY(${candidates}::uuid[]) AND ${required}`
    : [{ n: 0 }];
  if ((kept?.n ?? 0) === 0) return { ids: [], total: 0, capped: false, partial: false, matched: new Map() };
  const score = Prisma.join(
    terms.map(
      (term, i) => Prisma.sql`CASE WHEN ${properly(term)} THEN ${termScore(term, idf[i], avgLength)} ELSE 0 END`,
    ),
    " + ",
  );
  const matchedCount = Prisma.join(
    terms.map((term) => Prisma.sql`(${properly(term)})::int`),
    " + ",
  );
  const rows = await client.$queryRaw<{ id: string; matched: number }[]>`
    SELECT i."articleId" AS id, (${matchedCount})::int AS matched
      FROM "SearchIndex" i
     WHERE i."articleId" = ANY(${candidates}::uuid[]) AND ${required}
     ORDER BY (${matchedCount}) DESC, (${score}) DESC, i."publishedAt" DESC, i."articleId" DESC
     LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}`;
  return {
    ids: rows.map((row) => row.id),
    total: kept?.n ?? 0,
    capped,
    partial,
    matched: new Map(rows.map((row) => [row.id, row.matched])),
  };
}

export async function searchArticles(client: PublicDb, query: string, page: number): Promise<SearchResult> {
  const parsed = queryTerms(query);
  const current = Math.min(Math.max(1, Math.floor(page)), SEARCH_MAX_PAGES);
  const empty: SearchResult = {
    terms: parsed.map((term) => term.text),
    hits: [],
    total: 0,
    capped: false,
    page: 1,
    pages: 0,
    partial: false,
  };
  if (parsed.length === 0) return empty;
  const [queued] = await client.$queryRaw<
    { any: boolean }[]
  >`SELECT EXISTS (SELECT 1 FROM "SearchIndexPending") AS any`;
  if (queued?.any) await indexPendingSearchDocuments(client as never, { limit: PENDING_PER_SEARCH });
  const groups = await synonymGroups(client);
  const terms = parsed.map((term) => ({
    ...term,
    alternatives: [...new Set([term.skeleton, ...(groups.get(term.skeleton) ?? [])])],
  }));
  // Hidden columns are few: a list, not an anti-join, keeps "newest matches first" plannable.
  const hidden = (await client.column.findMany({ where: { hidden: true }, select: { id: true } })).map(
    (column) => column.id,
  );
  const visible = hidden.length ? Prisma.sql`NOT (d."columnId" = ANY(${hidden}::uuid[]))` : Prisma.sql`TRUE`;

  let ranked = await rank(client, terms, current, visible);
  let suggestion: string | undefined;
  let shown = terms;
  if (ranked.total === 0) {
    const suggested = await suggestFor(client, parsed);
    if (suggested) {
      const again = queryTerms(suggested);
      shown = again.map((term) => ({
        ...term,
        alternatives: [...new Set([term.skeleton, ...(groups.get(term.skeleton) ?? [])])],
      }));
      ranked = await rank(client, shown, current, visible);
      if (ranked.total > 0) suggestion = suggested;
    }
  }
  const rows = ranked.ids.length
    ? await client.$queryRaw<
        {
          id: string;
          slug: string;
          title: string;
          overTitle: string | null;
          subtitle: string | null;
          content: string;
          publishedAt: Date;
          columnSlug: string;
          columnName: string;
        }[]
      >`
        SELECT d."articleId" AS id, a.slug, d.title, r.meta ->> 'overTitle' AS "overTitle", r.meta ->> 'subtitle' AS subtitle,
               d.content, d."publishedAt", c.slug AS "columnSlug", c.name AS "columnName"
          FROM "SearchDocument" d
          JOIN "Article" a ON a.id = d."articleId"
          JOIN "Revision" r ON r.id = a."publishedRevisionId"
          JOIN "Column" c ON c.id = d."columnId"
         WHERE d."articleId" = ANY(${ranked.ids}::uuid[])`
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const needles = shown.flatMap((term) => term.alternatives);
  return {
    terms: parsed.map((term) => term.text),
    total: ranked.total,
    capped: ranked.capped,
    partial: ranked.partial,
    suggestion,
    page: current,
    pages: Math.min(SEARCH_MAX_PAGES, Math.ceil(ranked.total / SEARCH_PAGE_SIZE)),
    hits: ranked.ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id: row.id,
          slug: row.slug,
          title: highlight(row.title, needles),
          // The published revision's, like the title: the document is written from it.
          overTitle: row.overTitle ?? "",
          subtitle: row.subtitle ?? "",
          snippet: snippet(row.content, needles),
          publishedAt: row.publishedAt,
          column: { slug: row.columnSlug, name: row.columnName },
          ...(ranked.partial ? { matchedTerms: ranked.matched.get(id) ?? 0 } : {}),
        },
      ];
    }),
  };
}

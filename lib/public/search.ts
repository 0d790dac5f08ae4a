import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PublicDb } from "./queries";
import { bigrams, queryTerms, snippet, highlight, type SnippetPart } from "./search-terms";

/**
 * Chinese full-text search over the live articles' search documents (see the search_document_trigger
 * migrations). The bigram GIN index finds the documents that contain every bigram of every term, then
 * ILIKE keeps only those that contain each term as written; title hits rank first, then newer first.
 */

export const SEARCH_PAGE_SIZE = 10;
/** Offset pagination is bounded: deep pages of a ranked search are not useful and are costly. */
export const SEARCH_MAX_PAGES = 20;
/** At most this many newest matches (and as many newest title matches) are ranked. */
const CANDIDATES = SEARCH_PAGE_SIZE * SEARCH_MAX_PAGES;
/** A query matching at least this many documents by its bigrams is searched newest-first. */
const DENSE = 2_000;

export interface SearchHit {
  id: string;
  slug: string;
  title: SnippetPart[];
  snippet: SnippetPart[];
  publishedAt: Date;
  column: { slug: string; name: string };
}

export interface SearchResult {
  terms: string[];
  hits: SearchHit[];
  /** Matches ranked (at most 2 × SEARCH_PAGE_SIZE × SEARCH_MAX_PAGES). */
  total: number;
  /** More articles match than were ranked: only the newest are shown. */
  capped: boolean;
  page: number;
  pages: number;
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function searchArticles(client: PublicDb, query: string, page: number): Promise<SearchResult> {
  const terms = queryTerms(query);
  if (terms.length === 0) return { terms, hits: [], total: 0, capped: false, page: 1, pages: 0 };
  const tokens = [...new Set(terms.flatMap(bigrams))];
  const matchesAll = Prisma.join(
    terms.map((term) => Prisma.sql`(d.title ILIKE ${likePattern(term)} OR d.content ILIKE ${likePattern(term)})`),
    " AND ",
  );
  // A term in the title: through the title-bigram index (sparse), or by ILIKE alone while walking
  // the date index (dense: computing the title's bigrams per row would cost more than it saves).
  const anyTitleIndexed = Prisma.join(
    terms.map((term) => Prisma.sql`(manual_search_bigrams(d.title) @> ${bigrams(term)}::text[] AND d.title ILIKE ${likePattern(term)})`),
    " OR ",
  );
  const anyInTitle = Prisma.join(
    terms.map((term) => Prisma.sql`d.title ILIKE ${likePattern(term)}`),
    " OR ",
  );
  const titleHits = Prisma.join(
    terms.map((term) => Prisma.sql`(d.title ILIKE ${likePattern(term)})::int`),
    " + ",
  );
  // Hidden columns are few: a list, not an anti-join, keeps "newest matches first, stop at the limit"
  // plannable as a walk down the date index.
  const hidden = (await client.column.findMany({ where: { hidden: true }, select: { id: true } })).map((column) => column.id);
  const visible = hidden.length ? Prisma.sql`NOT (d."columnId" = ANY(${hidden}::uuid[]))` : Prisma.sql`TRUE`;
  const current = Math.min(Math.max(1, Math.floor(page)), SEARCH_MAX_PAGES);

  // Dense or sparse? When at least DENSE documents contain the bigrams (in the whole text, or in the
  // title), the newest matches are close together and walking the date index until CANDIDATES are
  // found beats collecting every match from a bigram index. The planner cannot tell: it multiplies
  // per-bigram frequencies and so underestimates how often Chinese characters occur together.
  const [, probes] = await client.$transaction([
    client.$executeRaw`SET LOCAL enable_seqscan = off`,
    client.$queryRaw<{ content: bigint; title: bigint }[]>`
      SELECT (SELECT count(*) FROM (SELECT 1 FROM "SearchDocument" d WHERE d.bigrams @> ${tokens}::text[] LIMIT ${DENSE}) AS c) AS content,
             (SELECT count(*) FROM (SELECT 1 FROM "SearchDocument" d WHERE ${anyTitleIndexed} LIMIT ${DENSE}) AS t) AS title`,
  ]);
  const denseContent = Number(probes[0]?.content ?? 0) >= DENSE;
  const denseTitle = Number(probes[0]?.title ?? 0) >= DENSE;
  const newestFirst = <T>(query: Prisma.PrismaPromise<T>, dense: boolean): Promise<T> =>
    dense
      ? client
          .$transaction([client.$executeRaw`SET LOCAL enable_seqscan = off`, client.$executeRaw`SET LOCAL enable_bitmapscan = off`, query])
          .then((results) => results[2])
      : query;
  const [contentHits, titleHitRows] = await Promise.all([
    newestFirst(
      client.$queryRaw<{ id: string }[]>`
        SELECT d."articleId" AS id FROM "SearchDocument" d
         WHERE d.bigrams @> ${tokens}::text[] AND ${matchesAll} AND ${visible}
         ORDER BY d."publishedAt" DESC, d."articleId" DESC
         LIMIT ${CANDIDATES}`,
      denseContent,
    ),
    newestFirst(
      client.$queryRaw<{ id: string }[]>`
        SELECT d."articleId" AS id FROM "SearchDocument" d
         WHERE (${denseTitle ? anyInTitle : anyTitleIndexed}) AND ${matchesAll} AND ${visible}
         ORDER BY d."publishedAt" DESC, d."articleId" DESC
         LIMIT ${CANDIDATES}`,
      denseTitle,
    ),
  ]);
  const candidates = [...new Set([...contentHits, ...titleHitRows].map((row) => row.id))];
  const rows = candidates.length
    ? await client.$queryRaw<{ id: string; slug: string; title: string; content: string; publishedAt: Date; columnSlug: string; columnName: string }[]>`
        SELECT d."articleId" AS id, a.slug, d.title, d.content, d."publishedAt", c.slug AS "columnSlug", c.name AS "columnName"
          FROM "SearchDocument" d
          JOIN "Article" a ON a.id = d."articleId"
          JOIN "Column" c ON c.id = d."columnId"
         WHERE d."articleId" = ANY(${candidates}::uuid[])
         ORDER BY ${titleHits} DESC, d."publishedAt" DESC, d."articleId" DESC
         LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(current - 1) * SEARCH_PAGE_SIZE}`
    : [];
  const total = candidates.length;
  return {
    terms,
    total,
    capped: contentHits.length >= CANDIDATES,
    page: current,
    pages: Math.min(SEARCH_MAX_PAGES, Math.ceil(total / SEARCH_PAGE_SIZE)),
    hits: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: highlight(row.title, terms),
      snippet: snippet(row.content, terms),
      publishedAt: row.publishedAt,
      column: { slug: row.columnSlug, name: row.columnName },
    })),
  };
}

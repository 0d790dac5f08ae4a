import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { indexAllPending, USER_WORDS_SETTING } from "@/lib/public/data/search-index";
import { searchArticles } from "@/lib/public/data/search";
import { createArticle, paragraphs } from "./public-fixtures";

/**
 * The judged search corpus (tests/fixtures/search/judged-corpus.json) loaded into a database, and the
 * figures issue 14 sets targets for: recall@10, precision@10, MRR and queries with no result. Used by
 * tests/integration/search-judged.test.ts and `npm run bench:search`.
 */
export interface JudgedCorpus {
  synonyms: string[][];
  userWords: string[];
  profiles: { name: string; honour: string; organisation: string }[];
  articles: { slug: string; title: string; lead: string; column: string; body: string[] }[];
  queries: { query: string; relevant: string[]; kind: string }[];
}

export function readJudgedCorpus(): JudgedCorpus {
  return JSON.parse(
    readFileSync(path.join(__dirname, "../fixtures/search/judged-corpus.json"), "utf8"),
  ) as JudgedCorpus;
}

export async function loadJudgedCorpus(db: PrismaClient, corpus: JudgedCorpus): Promise<void> {
  await db.siteSetting.upsert({
    where: { key: USER_WORDS_SETTING },
    create: { key: USER_WORDS_SETTING, value: corpus.userWords },
    update: { value: corpus.userWords },
  });
  for (const profile of corpus.profiles) await db.profile.create({ data: profile });
  for (const words of corpus.synonyms) await db.searchSynonym.create({ data: { words } });
  const start = Date.UTC(2026, 0, 1);
  for (const [i, article] of corpus.articles.entries()) {
    await createArticle(db, {
      slug: article.slug,
      title: article.title,
      lead: article.lead,
      columnSlug: article.column,
      body: paragraphs(...article.body),
      publishedAt: new Date(start + i * 86_400_000),
    });
  }
  await indexAllPending(db);
}

/** The site's own words as the index has them (two characters or more, Han): what its readers would type. */
export async function indexVocabulary(db: PrismaClient): Promise<string[]> {
  const rows = await db.searchIndex.findMany({ select: { titleWords: true, words: true } });
  return [
    ...new Set(
      rows
        .flatMap((row) => [...row.titleWords, ...row.words])
        .filter((word) => [...word].length >= 2 && /\p{Script=Han}/u.test(word)),
    ),
  ];
}

export interface QueryScore {
  query: string;
  kind: string;
  found: string[];
  recall: number;
  precision: number;
  reciprocalRank: number;
  ms: number;
}

export interface SearchScore {
  queries: QueryScore[];
  recall: number;
  precision: number;
  mrr: number;
  zeroResults: number;
  p95ms: number;
}

export async function scoreJudgedSearch(db: PrismaClient, corpus: JudgedCorpus): Promise<SearchScore> {
  const slugs = new Map(
    (await db.article.findMany({ select: { id: true, slug: true } })).map((row) => [row.id, row.slug]),
  );
  const queries: QueryScore[] = [];
  for (const { query, relevant, kind } of corpus.queries) {
    const started = process.hrtime.bigint();
    const result = await searchArticles(db, query, 1);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const found = result.hits.map((hit) => slugs.get(hit.id) ?? hit.slug);
    const wanted = new Set(relevant);
    const good = found.filter((slug) => wanted.has(slug)).length;
    const first = found.findIndex((slug) => wanted.has(slug));
    queries.push({
      query,
      kind,
      found,
      recall: good / Math.min(10, wanted.size),
      precision: found.length ? good / found.length : 0,
      reciprocalRank: first >= 0 ? 1 / (first + 1) : 0,
      ms,
    });
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const times = queries.map((item) => item.ms).sort((a, b) => a - b);
  return {
    queries,
    recall: mean(queries.map((item) => item.recall)),
    precision: mean(queries.map((item) => item.precision)),
    mrr: mean(queries.map((item) => item.reciprocalRank)),
    zeroResults: queries.filter((item) => item.found.length === 0).length,
    p95ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0,
  };
}

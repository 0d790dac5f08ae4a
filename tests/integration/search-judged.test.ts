/**
 * Issue 14 targets on the judged corpus (tests/fixtures/search/judged-corpus.json): 67 articles, 102
 * queries of every kind — names, words that other words straddle, traditional characters, pinyin,
 * near-typos, single characters, numbers in every form, Latin with and without spaces, quoted plan
 * names, synonyms, multi-word queries with and without a full match.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { testDb } from "../support/factories";
import { createBasics } from "../support/public-fixtures";
import { loadJudgedCorpus, readJudgedCorpus, scoreJudgedSearch, type SearchScore } from "../support/search-corpus";

const corpus = readJudgedCorpus();

describe("search quality on the judged corpus", () => {
  let db: PrismaClient;
  let score: SearchScore;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await loadJudgedCorpus(db, corpus);
    score = await scoreJudgedSearch(db, corpus);
    if (process.env.SEARCH_DEBUG)
      console.log(
        JSON.stringify(
          {
            recall: score.recall,
            precision: score.precision,
            mrr: score.mrr,
            weak: score.queries
              .filter((item) => item.recall < 1 || item.precision < 1 || item.reciprocalRank < 1)
              .map((item) => `${item.query} [${item.kind}] → ${item.found.join(",")}`),
          },
          null,
          1,
        ),
      );
  }, 180_000);

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("is big enough: at least 60 articles and 80 queries", () => {
    expect(corpus.articles.length).toBeGreaterThanOrEqual(60);
    expect(corpus.queries.length).toBeGreaterThanOrEqual(80);
  });

  it("answers every query with something", () => {
    expect(score.queries.filter((item) => item.found.length === 0).map((item) => item.query)).toEqual([]);
  });

  it("reaches recall@10 ≥ 0.95, precision@10 ≥ 0.98 and MRR ≥ 0.95", () => {
    const weak = score.queries
      .filter((item) => item.recall < 1 || item.precision < 1 || item.reciprocalRank < 1)
      .map((item) => `${item.query} [${item.kind}] → ${item.found.join(",")}`);
    expect({ recall: score.recall >= 0.95, precision: score.precision >= 0.98, mrr: score.mrr >= 0.95, weak }).toEqual({
      recall: true,
      precision: true,
      mrr: true,
      weak: expect.any(Array),
    });
  });
});

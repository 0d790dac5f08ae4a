/**
 * `npm run bench:search`: issue 14's figures on the judged fixtures. Search: the 62-article, 86-query
 * corpus (tests/fixtures/search/judged-corpus.json) loaded into a scratch database and indexed as a
 * publish would, then recall@10, precision@10, MRR, queries with no result and the per-query latency.
 * Checks: the check set (tests/fixtures/checks/check-set.json) — recall of expected hits, expected
 * BLOCKs that block, false blocks and false warnings on clean text, and the per-snippet latency.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { cliAdapter } from "../../lib/db-pool";

async function checkFigures(): Promise<void> {
  const { compileChecks } = await import("../../lib/checks/run");
  const { scoreCheckSet } = await import("../../lib/checks/evaluate");
  const set = JSON.parse(readFileSync(path.join(__dirname, "../../tests/fixtures/checks/check-set.json"), "utf8"));
  const compiled = compileChecks(set.terms, set.leaders);
  scoreCheckSet(compiled, set.dirty, set.clean);
  const started = performance.now();
  const score = scoreCheckSet(compiled, set.dirty, set.clean);
  const perSnippet = (performance.now() - started) / (set.dirty.length + set.clean.length);
  const recall = score.found / Math.max(1, score.expected);
  const blocks = score.blocksBlocked / Math.max(1, score.blocksExpected);
  console.log(
    `checks on ${set.dirty.length} dirty / ${set.clean.length} clean snippets: recall ${(recall * 100).toFixed(1)} %, blocks ${(blocks * 100).toFixed(1)} %, false blocks ${score.falseBlocks}, false warnings ${score.falseWarnings}, ${perSnippet.toFixed(2)} ms per snippet`,
  );
  for (const miss of score.misses) console.log(`  missed: ${miss}`);
  for (const alarm of score.falseAlarms) console.log(`  on clean text: ${alarm}`);
  recordResult({
    issue: 14,
    name: "错敏词 recall (expected hits found)",
    value: `${(recall * 100).toFixed(1)} %`,
    target: "100 %",
    pass: recall === 1,
  });
  recordResult({
    issue: 14,
    name: "expected BLOCKs that block",
    value: `${(blocks * 100).toFixed(1)} %`,
    target: "100 %",
    pass: blocks === 1,
  });
  recordResult({
    issue: 14,
    name: "false blocks / false warnings on clean text",
    value: `${score.falseBlocks} / ${score.falseWarnings}`,
    target: "0 / ≤ 1",
    pass: score.falseBlocks === 0 && score.falseWarnings <= 1,
  });
  recordResult({
    issue: 14,
    name: "checks per snippet (judged set)",
    value: `${perSnippet.toFixed(2)} ms`,
    target: "reported",
  });
}

async function searchFigures(): Promise<void> {
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  const scratch = await scratchDatabase("bench_search");
  process.env.DATABASE_URL = scratch.url;
  const db = new PrismaClient({ adapter: cliAdapter(scratch.url) });
  try {
    const { createBasics } = await import("../../tests/support/public-fixtures");
    const { loadJudgedCorpus, readJudgedCorpus, scoreJudgedSearch } = await import("../../tests/support/search-corpus");
    const corpus = readJudgedCorpus();
    await createBasics(db);
    await loadJudgedCorpus(db, corpus);
    await scoreJudgedSearch(db, corpus);
    const score = await scoreJudgedSearch(db, corpus);
    console.log(
      `search on ${corpus.articles.length} articles, ${corpus.queries.length} judged queries: recall@10 ${score.recall.toFixed(3)}, precision@10 ${score.precision.toFixed(3)}, MRR ${score.mrr.toFixed(3)}, no result ${score.zeroResults}, p95 ${score.p95ms.toFixed(1)} ms`,
    );
    for (const item of score.queries.filter(
      (entry) => entry.recall < 1 || entry.precision < 1 || entry.reciprocalRank < 1,
    ))
      console.log(`  weak: ${item.query} [${item.kind}] → ${item.found.join(", ") || "nothing"}`);
    recordResult({
      issue: 14,
      name: "search recall@10 (judged corpus)",
      value: score.recall.toFixed(3),
      target: "≥ 0.95",
      pass: score.recall >= 0.95,
    });
    recordResult({
      issue: 14,
      name: "search precision@10 / MRR",
      value: `${score.precision.toFixed(3)} / ${score.mrr.toFixed(3)}`,
      target: "≥ 0.98 / ≥ 0.95",
      pass: score.precision >= 0.98 && score.mrr >= 0.95,
    });
    recordResult({
      issue: 14,
      name: "queries with no result",
      value: String(score.zeroResults),
      target: "0",
      pass: score.zeroResults === 0,
    });
    recordResult({
      issue: 14,
      name: "search latency on the judged corpus, p95",
      value: `${score.p95ms.toFixed(1)} ms`,
      target: "reported",
    });
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  await checkFigures();
  await searchFigures();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

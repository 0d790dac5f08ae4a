/**
 * `npm run bench:inspection`: one 网站体检 over BENCH_INSPECTION_ARTICLES (default 10,000) live
 * articles in 10 columns, each body carrying 10 links to other articles of the site (100,000 internal
 * links; 1 % of the articles are withdrawn, so about 1,000 links are broken). The home page is
 * probed over HTTP on a local server; external links are off (a closed network), since their cost is
 * the remote servers' and the per-host pause's, not the CMS's. Prints the wall time and the peak
 * resident and heap memory sampled every 20 ms: the run streams pages in keyset batches, so memory
 * should not grow with the site.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { cliAdapter } from "../../lib/db-pool";

const ARTICLES = Number(process.env.BENCH_INSPECTION_ARTICLES ?? 10_000);
const LINKS_PER_ARTICLE = 10;
const COLUMNS = 10;
const MB = 1024 * 1024;

async function seed(url: string, site: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    await client.query(
      `INSERT INTO "User"(id, username, "displayName", "passwordHash", "updatedAt") VALUES (gen_random_uuid(), 'bench', '压测', 'x', now())`,
    );
    await client.query(
      `INSERT INTO "Column"(id, slug, name, "sortOrder", "updatedAt") SELECT gen_random_uuid(), 'col-' || c, '栏目' || c, c, now() FROM generate_series(1, $1::int) AS c`,
      [COLUMNS],
    );
    await client.query(
      `INSERT INTO "Article"(id, "columnId", slug, status, source, "createdById", "updatedAt")
       SELECT gen_random_uuid(), (SELECT id FROM "Column" WHERE slug = 'col-' || (1 + i % $2::int)), 'bench-' || i, 'PUBLISHED', '压测来源',
              (SELECT id FROM "User" LIMIT 1), now()
         FROM generate_series(1, $1::int) AS i`,
      [ARTICLES, COLUMNS],
    );
    await client.query(
      `INSERT INTO "Revision"(id, "articleId", number, title, body, html, "plainText", "contentHash", "authorId", meta)
       SELECT gen_random_uuid(), a.id, 1, '压测文章 ' || a.slug,
              jsonb_build_object('type', 'doc', 'content',
                jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', '党建引领基层治理，社区服务群众。'))))
                || (SELECT jsonb_agg(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object(
                      'type', 'text', 'text', '相关报道' || k,
                      'marks', jsonb_build_array(jsonb_build_object('type', 'link', 'attrs', jsonb_build_object('href',
                        $1::text || '/articles/bench-' || (1 + (n * 7 + k * 131) % $2::int) || '.html')))))))
                    FROM generate_series(1, $3::int) AS k)),
              '', '党建引领基层治理，社区服务群众。', md5(a.id::text) || md5(a.slug), a."createdById",
              -- What a saved revision records (lib/articles/revision-meta.ts): without it the site shows
              -- nothing of the article, and the run would have nothing to inspect.
              jsonb_build_object('version', 2, 'columnId', a."columnId", 'seriesMark', '', 'lead', '', 'summary', '',
                'source', a.source, 'byline', '', 'coverId', NULL, 'cover', NULL, 'profileId', NULL, 'profile', NULL,
                'figures', '[]'::jsonb)
         FROM "Article" a CROSS JOIN LATERAL (SELECT substr(a.slug, 7)::int AS n) AS s`,
      [site, ARTICLES, LINKS_PER_ARTICLE],
    );
    await client.query(
      `UPDATE "Article" a SET "currentRevisionId" = r.id, "publishedRevisionId" = r.id,
              "publishedAt" = now() - (substr(a.slug, 7)::int * interval '1 minute')
         FROM "Revision" r WHERE r."articleId" = a.id`,
    );
    await client.query(
      `UPDATE "Article" SET status = 'WITHDRAWN', "withdrawnAt" = now(), "withdrawnReason" = '压测' WHERE substr(slug, 7)::int % 100 = 0`,
    );
    await client.query("ANALYZE");
    console.log(
      `seeded ${ARTICLES} articles (${ARTICLES * LINKS_PER_ARTICLE} internal links) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  const home = http.createServer((_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => home.listen(0, "127.0.0.1", resolve));
  const site = `http://127.0.0.1:${(home.address() as AddressInfo).port}`;
  process.env.SITE_URL = site;
  const scratch = await scratchDatabase("bench_inspection");
  process.env.DATABASE_URL = scratch.url;
  const db = new PrismaClient({ adapter: cliAdapter(scratch.url) });
  try {
    await seed(scratch.url, site);
    const { executeInspection } = await import("../../lib/inspection/run");
    const run = await db.inspectionRun.create({ data: { trigger: "MANUAL" }, select: { id: true } });

    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 20);
    const started = performance.now();
    const outcome = await executeInspection(db, run.id, { siteUrl: site, external: { enabled: false } });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const broken = await db.inspectionFinding.count({ where: { kind: "LINK" } });
    const live = await db.article.count({ where: { publishedRevisionId: { not: null }, withdrawnAt: null } });
    // A seed the site no longer shows (a changed revision format) would make a quick run over nothing.
    const inspectedAll = outcome.pagesChecked > live && broken > 0;
    if (!inspectedAll)
      console.error(
        `the run did not inspect the site: ${outcome.pagesChecked} pages for ${live} live articles, ${broken} broken links`,
      );
    console.log(
      `\n网站体检 over ${ARTICLES} live articles, ${outcome.linksChecked} links on ${outcome.pagesChecked} pages: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ""}`,
    );
    console.log(
      `time ${seconds.toFixed(1)} s (${((seconds * 1000) / outcome.pagesChecked).toFixed(1)} ms per page), ${broken} broken links found`,
    );
    console.log(
      `peak RSS ${(peakRss / MB).toFixed(0)} MB (start ${(baseline.rss / MB).toFixed(0)} MB), peak heap ${(peakHeap / MB).toFixed(0)} MB (start ${(baseline.heapUsed / MB).toFixed(0)} MB)`,
    );
    const size = ARTICLES.toLocaleString("en");
    recordResult({
      issue: 15,
      name: `inspection of ${size} live articles, ${(ARTICLES * LINKS_PER_ARTICLE).toLocaleString("en")} internal links: time`,
      value: `${seconds.toFixed(1)} s`,
      target: "reported",
      pass: outcome.status === "DONE" && inspectedAll ? undefined : false,
    });
    recordResult({
      issue: 15,
      name: `inspection of ${size} live articles: peak RSS (heap)`,
      value: `${(peakRss / MB).toFixed(0)} MB (${(peakHeap / MB).toFixed(0)} MB)`,
      target: "bounded",
      pass: undefined,
    });
    if (outcome.status !== "DONE" || !inspectedAll) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await scratch.drop();
    home.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import type { PrismaClient } from "@/lib/generated/prisma/client";
import { publicUrls } from "@/lib/urls";

/** The path and query of an old URL, as a request for it arrives: what the public site redirects. */
export function oldPathOf(oldUrl: string): string | null {
  try {
    const url = new URL(oldUrl);
    const path = `${url.pathname}${url.search}`;
    return path === "/" ? null : path.slice(0, 1000);
  } catch {
    return null;
  }
}

/**
 * The old site's addresses of imported articles (ArticleImport.oldPath): a request for one answers a
 * 301 to the article's current address, looked up at request time so a later slug change (whose own
 * 301 is ArticleSlugRedirect's) never leaves a chain. Only articles that were published are found: a
 * withdrawn one is redirected to its address, which answers 410 itself.
 */
export async function oldUrlTarget(
  db: Pick<PrismaClient, "articleImport" | "article">,
  requestUrl: string,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  const path = `${url.pathname}${url.search}`;
  if (path.length > 1000) return null;
  const row = await db.articleImport.findUnique({ where: { oldPath: path }, select: { articleId: true } });
  if (!row) return null;
  const article = await db.article.findUnique({
    where: { id: row.articleId },
    select: { slug: true, publishedAt: true },
  });
  return article?.publishedAt ? publicUrls.article(article.slug) : null;
}

/** Whether the article came from the old site (历史稿件), for the public page's meta line. */
export async function isHistorical(db: Pick<PrismaClient, "$queryRaw">, articleId: string): Promise<boolean> {
  const rows = await db.$queryRaw<
    { found: number }[]
  >`SELECT 1 AS found FROM "ArticleImport" WHERE "articleId" = ${articleId}::uuid`;
  return rows.length > 0;
}

/** Which of these articles came from the old site, for the admin's lists (marked 历史稿件). */
export async function historicalArticleIds(
  db: Pick<PrismaClient, "articleImport">,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.articleImport.findMany({ where: { articleId: { in: [...ids] } }, select: { articleId: true } });
  return new Set(rows.map((row) => row.articleId));
}

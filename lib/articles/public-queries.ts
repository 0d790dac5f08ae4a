import "server-only";
import { db } from "@/lib/db";

export interface ArticleListItem {
  id: string;
  slug: string;
  title: string;
  seriesMark: string;
  summary: string;
  publishedAt: Date;
  column: { slug: string; name: string };
}

/** The newest published articles across all visible columns, newest first. */
export async function latestPublished(limit: number): Promise<ArticleListItem[]> {
  const rows = await db.article.findMany({
    where: { status: "PUBLISHED", publishedAt: { not: null }, column: { hidden: false } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      slug: true,
      seriesMark: true,
      summary: true,
      publishedAt: true,
      column: { select: { slug: true, name: true } },
      publishedRevision: { select: { title: true } },
    },
  });
  return rows.flatMap((row) =>
    row.publishedAt && row.publishedRevision
      ? [{ ...row, publishedAt: row.publishedAt, title: row.publishedRevision.title }]
      : [],
  );
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Total reading counts of the given articles (all days), for 浏览次数 when the site setting is on. */
export async function viewTotals(
  db: Pick<PrismaClient, "articleViewDaily">,
  articleIds: readonly string[],
): Promise<Map<string, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db.articleViewDaily.groupBy({
    by: ["articleId"],
    where: { articleId: { in: [...articleIds] } },
    _sum: { views: true },
  });
  return new Map(rows.map((row) => [row.articleId, row._sum.views ?? 0]));
}

import "server-only";
import type { Db } from "@/lib/db";
import type { PermissionResource } from "@/lib/permissions/table";

/**
 * An article's permission data, the one load every action and page asks `authorize` /
 * `requirePagePermission` with: its column, its author and the level it waits at (none outside
 * review). Null when there is no such article; each caller says so in its own words (404, NOT_FOUND).
 */
export async function articleResource(db: Db, articleId: string): Promise<PermissionResource | null> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: { columnId: true, createdById: true, reviewLevel: true },
  });
  if (!article) return null;
  return { columnId: article.columnId, ownerId: article.createdById, level: article.reviewLevel ?? undefined };
}

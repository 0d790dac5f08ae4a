import type { PrismaClient } from "@/lib/generated/prisma/client";
import { preparedItemSchema } from "./schemas";

/** What the admin's import pages read (lib/import: docs/import.md). */

export async function listBatches(db: PrismaClient, limit = 50) {
  const batches = await db.importBatch.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      format: true,
      sourceName: true,
      status: true,
      createdAt: true,
      createdById: true,
      progressDone: true,
      progressTotal: true,
      decidedById: true,
    },
  });
  const counts = await db.importItem.groupBy({
    by: ["batchId", "status"],
    where: { batchId: { in: batches.map((batch) => batch.id) } },
    _count: { _all: true },
  });
  const users = await db.user.findMany({
    where: { id: { in: batches.flatMap((batch) => [batch.createdById, batch.decidedById ?? batch.createdById]) } },
    select: { id: true, displayName: true },
  });
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  return batches.map((batch) => {
    const of = (status: string) =>
      counts.find((row) => row.batchId === batch.id && row.status === status)?._count._all ?? 0;
    return {
      ...batch,
      createdBy: names.get(batch.createdById) ?? "",
      decidedBy: batch.decidedById ? (names.get(batch.decidedById) ?? "") : "",
      ready: of("READY"),
      published: of("PUBLISHED"),
      failed: of("FAILED") + of("PUBLISH_FAILED"),
    };
  });
}

export type BatchListRow = Awaited<ReturnType<typeof listBatches>>[number];

/** Rows of a batch's preview shown at once; the page says how many more there are. */
export const ITEMS_SHOWN = 500;

export async function batchDetail(db: PrismaClient, id: string) {
  const batch = await db.importBatch.findUnique({ where: { id } });
  if (!batch) return null;
  const [items, total, users, columns] = await Promise.all([
    db.importItem.findMany({ where: { batchId: id }, orderBy: { sequence: "asc" }, take: ITEMS_SHOWN }),
    db.importItem.count({ where: { batchId: id } }),
    db.user.findMany({
      where: { id: { in: [batch.createdById, batch.decidedById ?? batch.createdById] } },
      select: { id: true, displayName: true },
    }),
    db.column.findMany({ select: { id: true, name: true } }),
  ]);
  const articleIds = items.map((item) => item.articleId).filter((value): value is string => value !== null);
  const articles = await db.article.findMany({
    where: { id: { in: articleIds } },
    select: { id: true, slug: true, publishedAt: true },
  });
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  const columnNames = new Map(columns.map((column) => [column.id, column.name]));
  const slugs = new Map(articles.map((article) => [article.id, article.publishedAt ? article.slug : null]));
  const rows = items.map((item) => {
    const parsed = item.status === "FAILED" ? null : preparedItemSchema.safeParse(item.data);
    const data = parsed?.success ? parsed.data : null;
    return {
      id: item.id,
      key: item.key,
      status: item.status,
      reason: item.reason,
      title: item.title,
      seriesMark: data?.seriesMark ?? "",
      column: item.columnId ? (columnNames.get(item.columnId) ?? "") : "",
      articleId: item.articleId,
      slug: item.articleId ? (slugs.get(item.articleId) ?? null) : null,
      publishedAt: data?.publishedAt ? new Date(data.publishedAt) : null,
      source: data?.source ?? "",
      byline: data?.byline ?? "",
      photos: data?.photos ?? 0,
      warnings: data?.warnings ?? [],
      missingAlt: data?.missingAlt ?? [],
    };
  });
  return {
    batch,
    createdBy: names.get(batch.createdById) ?? "",
    decidedBy: batch.decidedById ? (names.get(batch.decidedById) ?? "") : "",
    defaultColumn: columnNames.get(batch.columnId) ?? "",
    items: rows,
    total,
  };
}

export type BatchDetail = NonNullable<Awaited<ReturnType<typeof batchDetail>>>;

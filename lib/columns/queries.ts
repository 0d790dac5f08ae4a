import "server-only";
import type { Column, PrismaClient } from "@/lib/generated/prisma/client";
import { flattenTree, type FlatNode } from "./tree";

type ColumnsDb = Pick<PrismaClient, "column" | "columnSlugRedirect" | "userRole" | "article">;

export type ColumnRow = Pick<
  Column,
  | "id"
  | "parentId"
  | "sortOrder"
  | "name"
  | "slug"
  | "hidden"
  | "reviewLevels"
  | "listStyle"
  | "updateCategory"
  | "seriesMark"
>;

export interface ColumnListEntry extends ColumnRow {
  articleCount: number;
}

/** The whole tree in display order, with each column's article count. */
export async function columnTree(db: ColumnsDb): Promise<FlatNode<ColumnListEntry>[]> {
  const rows = await db.column.findMany({
    select: {
      id: true,
      parentId: true,
      sortOrder: true,
      name: true,
      slug: true,
      hidden: true,
      reviewLevels: true,
      listStyle: true,
      updateCategory: true,
      seriesMark: true,
      _count: { select: { articles: true } },
    },
  });
  return flattenTree(rows.map(({ _count, ...row }) => ({ ...row, articleCount: _count.articles })));
}

/** One column for its edit page: the fields, old slugs, scoped reviewers and article count. */
export async function columnDetail(db: ColumnsDb, columnId: string) {
  const column = await db.column.findUnique({
    where: { id: columnId },
    include: {
      slugRedirects: { orderBy: { createdAt: "desc" }, select: { slug: true, createdAt: true } },
      reviewerRoles: {
        where: { role: "REVIEWER" },
        orderBy: [{ level: "asc" }],
        select: { level: true, user: { select: { id: true, username: true, displayName: true, status: true } } },
      },
      _count: { select: { articles: true, children: true } },
    },
  });
  return column;
}

export type ColumnSlugResolution = { column: Column } | { redirectTo: string } | null;

/**
 * What `/columns/<slug>/` shows: the column (hidden ones included — the caller decides whether a
 * hidden column answers 404), a 301 target for an old slug, or null.
 */
export async function resolveColumnSlug(
  db: Pick<PrismaClient, "column" | "columnSlugRedirect">,
  slug: string,
): Promise<ColumnSlugResolution> {
  const column = await db.column.findUnique({ where: { slug } });
  if (column) return { column };
  const redirect = await db.columnSlugRedirect.findUnique({
    where: { slug },
    select: { column: { select: { slug: true } } },
  });
  return redirect ? { redirectTo: redirect.column.slug } : null;
}

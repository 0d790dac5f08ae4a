import "server-only";
import { recordSiteChange } from "@/lib/public/publish/outbox";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { columnsText } from "./messages";
import type { CreateColumnInput, MoveArticlesInput, UpdateColumnInput } from "./schemas";
import { descendantIds } from "./tree";
import { defaultUpdateCategory } from "./update-category";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/actor";

/**
 * 栏目管理. Every command is one transaction that takes the column-tree lock first: two admins
 * moving A under B and B under A at the same moment would each pass the cycle check on their own.
 * Each writes an audit event with what changed.
 */

const e = columnsText.errors;
const v = columnsText.validation;
const COLUMN_TREE_LOCK = 72707381;

async function lockTree(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${COLUMN_TREE_LOCK})`;
}

const target = (columnId: string) => `column:${columnId}`;

async function loadColumn(tx: Tx, columnId: string) {
  const column = await tx.column.findUnique({ where: { id: columnId } });
  if (!column) throw new AppError("NOT_FOUND", e.notFound);
  return column;
}

/** A slug is free when no column has it and no other column's old URL still redirects through it. */
async function checkSlugFree(tx: Tx, slug: string, columnId: string | null): Promise<void> {
  const owner = await tx.column.findUnique({ where: { slug }, select: { id: true } });
  if (owner && owner.id !== columnId) throw new AppError("CONFLICT", v.slugTaken, "slug");
  const redirect = await tx.columnSlugRedirect.findUnique({
    where: { slug },
    select: { columnId: true, column: { select: { name: true } } },
  });
  if (redirect && redirect.columnId !== columnId)
    throw new AppError("CONFLICT", v.slugRedirecting(redirect.column.name), "slug");
}

async function checkParent(tx: Tx, parentId: string | null, columnId: string | null): Promise<void> {
  if (parentId === null) return;
  const parent = await tx.column.findUnique({ where: { id: parentId }, select: { id: true } });
  if (!parent) throw new AppError("VALIDATION", e.parentMissing, "parentId");
  if (columnId === null) return;
  if (parentId === columnId) throw new AppError("CONFLICT", e.cycle, "parentId");
  const rows = await tx.column.findMany({ select: { id: true, parentId: true, sortOrder: true, name: true } });
  if (descendantIds(rows, columnId).has(parentId)) throw new AppError("CONFLICT", e.cycle, "parentId");
}

async function nextSortOrder(tx: Tx, parentId: string | null): Promise<number> {
  const last = await tx.column.aggregate({ where: { parentId }, _max: { sortOrder: true } });
  return (last._max.sortOrder ?? -1) + 1;
}

/** Renumbers siblings 0..n-1 in their current order, so gaps and ties never confuse up / down. */
async function renumberSiblings(tx: Tx, parentId: string | null): Promise<string[]> {
  const siblings = await tx.column.findMany({
    where: { parentId },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, sortOrder: true },
  });
  for (const [index, sibling] of siblings.entries()) {
    if (sibling.sortOrder !== index) await tx.column.update({ where: { id: sibling.id }, data: { sortOrder: index } });
  }
  return siblings.map((sibling) => sibling.id);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function snapshot(column: {
  name: string;
  slug: string;
  parentId: string | null;
  description: string;
  seriesMark: string;
  reviewLevels: number;
  listStyle: string;
  updateCategory: string;
  hidden: boolean;
}) {
  const { name, slug, parentId, description, seriesMark, reviewLevels, listStyle, updateCategory, hidden } = column;
  return { name, slug, parentId, description, seriesMark, reviewLevels, listStyle, updateCategory, hidden };
}

export async function createColumn(db: PrismaClient, actor: Actor, input: CreateColumnInput): Promise<{ id: string }> {
  try {
    return await db.$transaction(async (tx) => {
      await lockTree(tx);
      await checkSlugFree(tx, input.slug, null);
      await checkParent(tx, input.parentId, null);
      const fields = { ...input, updateCategory: input.updateCategory ?? defaultUpdateCategory(input.listStyle) };
      const column = await tx.column.create({
        data: { ...fields, sortOrder: await nextSortOrder(tx, input.parentId) },
        select: { id: true },
      });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "column.create",
        target: target(column.id),
        data: { after: snapshot(fields) },
      });
      await recordSiteChange(tx);
      return column;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", v.slugTaken, "slug");
    throw error;
  }
}

/**
 * Saves every field at once. A new slug keeps the old one as a redirect (301 on the public site);
 * taking back one of the column's own old slugs removes that redirect. A new parent appends the
 * column at the end of its new siblings.
 */
export async function updateColumn(db: PrismaClient, actor: Actor, input: UpdateColumnInput): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      await lockTree(tx);
      const before = await loadColumn(tx, input.columnId);
      const { columnId, updateCategory, ...rest } = input;
      // Not chosen: a changed list style brings its default, otherwise the column keeps what it has.
      const fields = {
        ...rest,
        updateCategory:
          updateCategory ??
          (rest.listStyle !== before.listStyle ? defaultUpdateCategory(rest.listStyle) : before.updateCategory),
      };
      const slugChanged = before.slug !== fields.slug;
      const parentChanged = before.parentId !== fields.parentId;
      if (slugChanged) await checkSlugFree(tx, fields.slug, columnId);
      if (parentChanged) await checkParent(tx, fields.parentId, columnId);
      if (slugChanged) {
        await tx.columnSlugRedirect.deleteMany({ where: { slug: fields.slug, columnId } });
        await tx.columnSlugRedirect.create({ data: { slug: before.slug, columnId } });
      }
      await tx.column.update({
        where: { id: columnId },
        data: { ...fields, ...(parentChanged ? { sortOrder: await nextSortOrder(tx, fields.parentId) } : {}) },
      });
      if (parentChanged) await renumberSiblings(tx, before.parentId);
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "column.update",
        target: target(columnId),
        data: {
          before: snapshot(before),
          after: snapshot(fields),
          ...(slugChanged ? { redirectFrom: before.slug } : {}),
        },
      });
      await recordSiteChange(tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", v.slugTaken, "slug");
    throw error;
  }
}

/** Swaps the column with its previous or next sibling. */
export async function reorderColumn(
  db: PrismaClient,
  actor: Actor,
  columnId: string,
  direction: "up" | "down",
): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTree(tx);
    const column = await loadColumn(tx, columnId);
    const order = await renumberSiblings(tx, column.parentId);
    const from = order.indexOf(columnId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) throw new AppError("CONFLICT", e.edge);
    const other = order[to];
    await tx.column.update({ where: { id: columnId }, data: { sortOrder: to } });
    await tx.column.update({ where: { id: other }, data: { sortOrder: from } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "column.reorder",
      target: target(columnId),
      data: { name: column.name, direction, from, to },
    });
    await recordSiteChange(tx);
  });
}

/**
 * Deletes an empty column. One that holds articles is refused with the count (the page then offers
 * to move them); children and reviewer scopes must be dealt with first, so nothing disappears by
 * cascade.
 */
export async function deleteColumn(db: PrismaClient, actor: Actor, columnId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTree(tx);
    const column = await loadColumn(tx, columnId);
    const [articles, children, reviewers] = await Promise.all([
      // Also the live articles a pending (unpublished) move will take elsewhere: readers still find them here.
      tx.article.count({ where: { OR: [{ columnId }, { publishedColumnId: columnId }] } }),
      tx.column.count({ where: { parentId: columnId } }),
      tx.userRole.count({ where: { columnId } }),
    ]);
    if (articles > 0) throw new AppError("CONFLICT", e.hasArticles(articles));
    if (children > 0) throw new AppError("CONFLICT", e.hasChildren(children));
    if (reviewers > 0) throw new AppError("CONFLICT", e.hasReviewers(reviewers));
    await tx.column.delete({ where: { id: columnId } });
    await renumberSiblings(tx, column.parentId);
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "column.delete",
      target: target(columnId),
      data: { before: snapshot(column) },
    });
    await recordSiteChange(tx);
  });
}

/**
 * Moves every article of a column to another one (the way out of a refused deletion). Articles in
 * review or waiting for publication are refused: the target's review levels may differ, and a review
 * chain must not change under a reviewer's feet. Returns the moved ids, the live ones separately so
 * the caller can refresh their public pages (breadcrumbs, column lists).
 */
export async function moveColumnArticles(
  db: PrismaClient,
  actor: Actor,
  input: MoveArticlesInput,
): Promise<{ moved: string[]; live: string[] }> {
  return db.$transaction(async (tx) => {
    await lockTree(tx);
    const [from, to] = [await loadColumn(tx, input.columnId), await loadColumn(tx, input.targetColumnId)];
    // Lock the rows so the workflow cannot submit one of them between the check and the move.
    const rows = await tx.$queryRaw<{ id: string; status: string; live: boolean }[]>`
      SELECT id::text AS id, status::text AS status, ("publishedRevisionId" IS NOT NULL AND "withdrawnAt" IS NULL) AS live
      FROM "Article" WHERE "columnId" = ${from.id}::uuid ORDER BY id FOR UPDATE`;
    const busy = rows.filter(
      (row) => row.status === "IN_REVIEW" || row.status === "APPROVED" || row.status === "SCHEDULED",
    ).length;
    if (busy > 0) throw new AppError("CONFLICT", e.articlesBusy(busy));
    const moved = rows.map((row) => row.id);
    await tx.article.updateMany({ where: { id: { in: moved } }, data: { columnId: to.id } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "column.moveArticles",
      target: target(from.id),
      data: { from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name }, articleIds: moved },
    });
    await recordSiteChange(tx);
    return { moved, live: rows.filter((row) => row.live).map((row) => row.id) };
  });
}

import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/session";
import { toMediaItem, type MediaItem } from "@/lib/media/queries";
import { isPlausibleTime } from "@/lib/http/params";
import { getSiteSettings } from "@/lib/settings/queries";
import { isUuid } from "@/lib/uuid";
import { storedBodyOrEmpty } from "./body/schema";
import { publishableArticleFieldsSelect } from "./publishable";
import type { ArticleListQuery } from "./schemas";

export const ARTICLES_PAGE_SIZE = 20;

type Viewer = Pick<CurrentUser, "id" | "roles">;

/**
 * Which articles a user sees in the list: editors their own, reviewers those in their columns (a
 * reviewer row without a column covers all). Null = none (the page is refused before this anyway).
 */
export function visibleArticles(user: Viewer): Prisma.ArticleWhereInput | null {
  const or: Prisma.ArticleWhereInput[] = [];
  if (user.roles.some((role) => role.role === "EDITOR")) or.push({ createdById: user.id });
  const reviewerRows = user.roles.filter((role) => role.role === "REVIEWER");
  if (reviewerRows.some((role) => role.columnId === null)) or.push({});
  else {
    const columns = reviewerRows.flatMap((role) => (role.columnId ? [role.columnId] : []));
    if (columns.length) or.push({ columnId: { in: columns } });
  }
  if (or.length === 0) return null;
  return or.some((item) => Object.keys(item).length === 0) ? {} : { OR: or };
}

function parseCursor(after: string | undefined): { updatedAt: Date; id: string } | null {
  if (!after) return null;
  const split = after.lastIndexOf("_");
  const updatedAt = new Date(after.slice(0, split));
  const id = after.slice(split + 1);
  return isPlausibleTime(updatedAt) && isUuid(id) ? { updatedAt, id } : null;
}

export function cursorOf(row: { updatedAt: Date; id: string }): string {
  return `${row.updatedAt.toISOString()}_${row.id}`;
}

/** The list, newest change first, keyset-paged on (updatedAt, id). */
export async function listArticles(db: PrismaClient, user: Viewer, query: ArticleListQuery) {
  const visible = visibleArticles(user);
  if (!visible) return { rows: [], next: null };
  const cursor = parseCursor(query.after);
  const where: Prisma.ArticleWhereInput = {
    AND: [
      visible,
      query.status ? { status: query.status } : {},
      cursor
        ? { OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] }
        : {},
    ],
  };
  const rows = await db.article.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: ARTICLES_PAGE_SIZE + 1,
    select: {
      id: true,
      status: true,
      reviewLevel: true,
      seriesMark: true,
      updatedAt: true,
      publishedRevisionId: true,
      withdrawnAt: true,
      column: { select: { name: true } },
      createdBy: { select: { displayName: true } },
      currentRevision: { select: { title: true, number: true } },
    },
  });
  const more = rows.length > ARTICLES_PAGE_SIZE;
  const page = more ? rows.slice(0, ARTICLES_PAGE_SIZE) : rows;
  return { rows: page, next: more ? cursorOf(page[page.length - 1]) : null };
}

export type ArticleListRow = Awaited<ReturnType<typeof listArticles>>["rows"][number];

/** One article with its current revision, for the form. The body is re-validated on the way out. */
export async function getArticleForEditor(db: PrismaClient, id: string) {
  const article = await db.article.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      status: true,
      reviewLevel: true,
      columnId: true,
      ...publishableArticleFieldsSelect,
      lockVersion: true,
      createdById: true,
      publishedRevisionId: true,
      publishedAt: true,
      withdrawnAt: true,
      updatedAt: true,
      column: { select: { name: true, slug: true } },
      createdBy: { select: { displayName: true } },
      currentRevision: {
        select: { id: true, number: true, title: true, body: true, html: true, createdAt: true, updatedAt: true },
      },
    },
  });
  if (!article) return null;
  return { ...article, body: storedBodyOrEmpty(article.currentRevision?.body) };
}

export type ArticleForEditor = NonNullable<Awaited<ReturnType<typeof getArticleForEditor>>>;

/** Revision history, newest first (revisions are never updated or deleted). */
export function listRevisions(db: PrismaClient, articleId: string) {
  return db.revision.findMany({
    where: { articleId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      contentHash: true,
      createdAt: true,
      updatedAt: true,
      autosave: true,
      author: { select: { displayName: true } },
    },
  });
}

/** Two revisions of one article by number, for the diff. */
export async function getRevisionPair(db: PrismaClient, articleId: string, from: number, to: number) {
  const rows = await db.revision.findMany({
    where: { articleId, number: { in: [from, to] } },
    select: {
      id: true,
      number: true,
      title: true,
      body: true,
      meta: true,
      createdAt: true,
      author: { select: { displayName: true } },
    },
  });
  const a = rows.find((row) => row.number === from);
  const b = rows.find((row) => row.number === to);
  return a && b ? { from: a, to: b } : null;
}

/** Columns in site order, with the series mark a new article in them starts with. */
export function listColumnChoices(db: PrismaClient) {
  return db.column.findMany({
    select: { id: true, name: true, seriesMark: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
}

export type ColumnChoice = Awaited<ReturnType<typeof listColumnChoices>>[number];

/** Profiles to pick from, by name; the form also creates new ones. */
export function listProfileChoices(db: PrismaClient) {
  return db.profile.findMany({
    select: { id: true, kind: true, name: true, honour: true, organisation: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
}

export type ProfileChoice = Awaited<ReturnType<typeof listProfileChoices>>[number];

/** The photos a body or the form refers to, as the pickers show them (thumbnail, alt text). */
export async function mediaItemsByIds(db: PrismaClient, ids: readonly (string | null)[]): Promise<MediaItem[]> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return [];
  const rows = await db.media.findMany({
    where: { id: { in: wanted } },
    include: { uploader: { select: { displayName: true } } },
  });
  return rows.map(toMediaItem);
}

/** The 来源 a new article starts with: the site setting when an admin set one. */
export async function defaultSource(db: PrismaClient): Promise<string> {
  return (await getSiteSettings(db)).defaultSource;
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body/schema";
import { metaMediaIds, type RevisionMeta } from "@/lib/articles/revision-meta";
import type { MediaForDisplay } from "@/lib/media/rendered";
import { mediaBytesSelect, publicPhoto, publishedMeta, type PublicMedia } from "./published-fields";

export type { PublicMedia } from "./published-fields";

/**
 * The reads behind the public pages. An article is LIVE ⇔ it has a published revision and is not
 * withdrawn; only the published revision is ever read here — its title, body and recorded meta
 * (./published-fields.ts) — never a draft, the Article row's fields or a shared Media/Profile row's words.
 * The column a live article is listed in is its published revision's (`publishedColumnId`).
 */

export type PublicDb = Pick<PrismaClient, "article" | "articleViewDaily" | "column" | "homeSlot" | "media" | "profile" | "siteSetting" | "$queryRaw" | "$executeRaw" | "$transaction">;

export const LIVE = { publishedRevisionId: { not: null }, withdrawnAt: null } as const satisfies Prisma.ArticleWhereInput;

/** Live articles whose published revision names a profile subject (a uuid always contains "-"). */
const WITH_PROFILE = { publishedRevision: { is: { meta: { path: ["profileId"], string_contains: "-" } } } } as const satisfies Prisma.ArticleWhereInput;

export interface PublicColumn {
  id: string;
  slug: string;
  name: string;
  description: string;
  seriesMark: string;
  listStyle: "NEWS_LIST" | "PROFILE_GRID";
}

const columnSelect = { id: true, slug: true, name: true, description: true, seriesMark: true, listStyle: true } as const;

export interface PublicListItem {
  id: string;
  slug: string;
  title: string;
  seriesMark: string;
  summary: string;
  publishedAt: Date;
  column: { id: string; slug: string; name: string };
  cover: PublicMedia | null;
  profile: { name: string; honour: string; portrait: PublicMedia | null } | null;
}

const listSelect = {
  id: true,
  slug: true,
  publishedAt: true,
  publishedColumn: { select: { id: true, slug: true, name: true } },
  publishedRevision: { select: { title: true, plainText: true, meta: true } },
} as const satisfies Prisma.ArticleSelect;

type ListRow = Prisma.ArticleGetPayload<{ select: typeof listSelect }>;

const SUMMARY_CHARS = 90;

function shorten(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > chars ? `${flat.slice(0, chars)}…` : flat;
}

export interface PublicProfile {
  kind: "PERSON" | "ORGANISATION";
  name: string;
  honour: string;
  position: string;
  organisation: string;
  portrait: PublicMedia | null;
}

/** The stored files of every photo the given revisions show, in one query. */
async function loadPhotoBytes(client: PublicDb, metas: readonly RevisionMeta[]): Promise<(mediaId: string) => MediaForDisplay | undefined> {
  const ids = [...new Set(metas.flatMap(metaMediaIds))];
  const rows = ids.length ? await client.media.findMany({ where: { id: { in: ids } }, select: mediaBytesSelect }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return (mediaId) => byId.get(mediaId);
}

function publicProfile(meta: RevisionMeta, bytes: (mediaId: string) => MediaForDisplay | undefined): PublicProfile | null {
  const profile = meta.profile;
  if (!profile) return null;
  return {
    kind: profile.kind,
    name: profile.name,
    honour: profile.honour,
    position: profile.position,
    organisation: profile.organisation,
    portrait: publicPhoto(profile.portrait, bytes),
  };
}

async function toListItems(client: PublicDb, rows: readonly ListRow[]): Promise<PublicListItem[]> {
  const live = rows.flatMap((row) => {
    const revision = row.publishedRevision;
    const meta = revision ? publishedMeta(revision, row.id) : null;
    return row.publishedAt && revision && meta && row.publishedColumn
      ? [{ row, publishedAt: row.publishedAt, column: row.publishedColumn, revision, meta }]
      : [];
  });
  const bytes = await loadPhotoBytes(client, live.map((item) => item.meta));
  return live.map(({ row, publishedAt, column, revision, meta }) => ({
    id: row.id,
    slug: row.slug,
    title: revision.title,
    seriesMark: meta.seriesMark,
    summary: meta.summary || shorten(revision.plainText, SUMMARY_CHARS),
    publishedAt,
    column,
    cover: publicPhoto(meta.cover, bytes),
    profile: publicProfile(meta, bytes),
  }));
}

/** Keyset position in a newest-first list: `<publishedAt ms>_<id>`, stable however many are added. */
export interface Cursor {
  publishedAt: Date;
  id: string;
}

export function encodeCursor(item: { publishedAt: Date; id: string }): string {
  return `${item.publishedAt.getTime()}_${item.id}`;
}

export function decodeCursor(raw: string | null | undefined): Cursor | undefined {
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/i.exec(raw ?? "");
  if (!match?.[1] || !match[2]) return undefined;
  return { publishedAt: new Date(Number(match[1])), id: match[2].toLowerCase() };
}

function beforeCursor(cursor: Cursor | undefined): Prisma.ArticleWhereInput {
  if (!cursor) return {};
  // The `lte` bound lets PostgreSQL start the index range at the cursor; the OR breaks ties by id.
  return {
    publishedAt: { lte: cursor.publishedAt },
    OR: [{ publishedAt: { lt: cursor.publishedAt } }, { publishedAt: cursor.publishedAt, id: { lt: cursor.id } }],
  };
}

export interface ListPage {
  items: PublicListItem[];
  /** Cursor of the next (older) page, when there is one. */
  next?: string;
}

/** Live articles, newest first, `pageSize` at a time after `cursor`; optionally of one column. */
export async function liveList(
  client: PublicDb,
  options: { columnId?: string; cursor?: Cursor; pageSize: number; withProfile?: boolean },
): Promise<ListPage> {
  const rows = await client.article.findMany({
    where: {
      ...LIVE,
      ...(options.columnId ? { publishedColumnId: options.columnId } : { publishedColumn: { is: { hidden: false } } }),
      ...(options.withProfile ? WITH_PROFILE : {}),
      ...beforeCursor(options.cursor),
    },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.pageSize + 1,
    select: listSelect,
  });
  const items = await toListItems(client, rows.slice(0, options.pageSize));
  const last = items[items.length - 1];
  return { items, next: rows.length > options.pageSize && last ? encodeCursor(last) : undefined };
}

export async function visibleColumns(client: PublicDb): Promise<PublicColumn[]> {
  return client.column.findMany({ where: { hidden: false }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: columnSelect });
}

export async function columnBySlug(client: PublicDb, slug: string): Promise<PublicColumn | null> {
  return client.column.findFirst({ where: { slug, hidden: false }, select: columnSelect });
}

/** Every live profile piece of a column, for the portrait grid (grouped by honour by the page). */
export async function columnProfiles(client: PublicDb, columnId: string, limit: number): Promise<PublicListItem[]> {
  const rows = await client.article.findMany({
    where: { ...LIVE, publishedColumnId: columnId, ...WITH_PROFILE },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: listSelect,
  });
  return toListItems(client, rows);
}

export interface PublicArticle {
  id: string;
  slug: string;
  title: string;
  seriesMark: string;
  source: string;
  byline: string;
  lead: string;
  summary: string;
  publishedAt: Date;
  column: PublicColumn;
  profile: PublicProfile | null;
  cover: PublicMedia | null;
  body: BodyDocument;
  plainText: string;
  media: MediaForDisplay[];
  previous: { id: string; slug: string; title: string } | null;
  next: { id: string; slug: string; title: string } | null;
}

export type ArticleLookup =
  | { kind: "live"; article: PublicArticle }
  | { kind: "withdrawn"; title: string; column: PublicColumn }
  | { kind: "missing" };

async function neighbour(
  client: PublicDb,
  article: { id: string; columnId: string; publishedAt: Date },
  direction: "older" | "newer",
): Promise<{ id: string; slug: string; title: string } | null> {
  const at = article.publishedAt;
  const row = await client.article.findFirst({
    where: {
      ...LIVE,
      publishedColumnId: article.columnId,
      publishedAt: direction === "older" ? { lte: at } : { gte: at },
      OR:
        direction === "older"
          ? [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: article.id } }]
          : [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: article.id } }],
    },
    orderBy: direction === "older" ? [{ publishedAt: "desc" }, { id: "desc" }] : [{ publishedAt: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, publishedRevision: { select: { title: true, meta: true } } },
  });
  const meta = row?.publishedRevision ? publishedMeta(row.publishedRevision, row.id) : null;
  if (!row?.publishedRevision || !meta) return null;
  return { id: row.id, slug: row.slug, title: `${meta.seriesMark}${row.publishedRevision.title}` };
}

/** The article behind a public URL: live (with its published revision), withdrawn, or unknown. */
export async function articleBySlug(client: PublicDb, slug: string): Promise<ArticleLookup> {
  const row = await client.article.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      publishedAt: true,
      withdrawnAt: true,
      publishedColumn: { select: { ...columnSelect, hidden: true } },
      publishedRevision: { select: { title: true, body: true, plainText: true, meta: true } },
    },
  });
  const revision = row?.publishedRevision;
  const meta = row && revision ? publishedMeta(revision, row.id) : null;
  if (!row || !revision || !meta || !row.publishedAt || !row.publishedColumn || row.publishedColumn.hidden) return { kind: "missing" };
  const column: PublicColumn = {
    id: row.publishedColumn.id,
    slug: row.publishedColumn.slug,
    name: row.publishedColumn.name,
    description: row.publishedColumn.description,
    seriesMark: row.publishedColumn.seriesMark,
    listStyle: row.publishedColumn.listStyle,
  };
  if (row.withdrawnAt) return { kind: "withdrawn", title: `${meta.seriesMark}${revision.title}`, column };
  const position = { id: row.id, columnId: column.id, publishedAt: row.publishedAt };
  const [article, previous, next] = await Promise.all([
    revisionArticle(client, { id: row.id, slug: row.slug, publishedAt: row.publishedAt, column }, revision, meta),
    neighbour(client, position, "newer"),
    neighbour(client, position, "older"),
  ]);
  return { kind: "live", article: { ...article, previous, next } };
}

/**
 * A revision as the article page shows it, from the revision and its recorded meta only: the public
 * page of a published revision, and the staff preview of a draft one (lib/public/preview.ts).
 */
export async function revisionArticle(
  client: PublicDb,
  article: { id: string; slug: string; publishedAt: Date; column: PublicColumn },
  revision: { title: string; body: unknown; plainText: string },
  meta: RevisionMeta,
): Promise<PublicArticle> {
  const parsed = parseBody(revision.body);
  // A stored body that no longer validates is shown empty rather than trusted.
  const body: BodyDocument = parsed.ok ? parsed.body : { type: "doc", content: [] };
  if (!parsed.ok) console.error(`[public] article ${article.id}: stored body rejected: ${parsed.message}`);
  const bytes = await loadPhotoBytes(client, [meta]);
  return {
    ...article,
    title: revision.title,
    seriesMark: meta.seriesMark,
    source: meta.source,
    byline: meta.byline,
    lead: meta.lead,
    summary: meta.summary || shorten(revision.plainText, SUMMARY_CHARS),
    profile: publicProfile(meta, bytes),
    cover: publicPhoto(meta.cover, bytes),
    body,
    plainText: revision.plainText,
    media: meta.figures.flatMap((figure) => bytes(figure.mediaId) ?? []),
    previous: null,
    next: null,
  };
}

/** 首页推荐: the live articles an editor placed in the 头条 and 焦点图 slots, in slot order. */
export async function homeSlots(client: PublicDb): Promise<{ headline: PublicListItem[]; focus: PublicListItem[] }> {
  const slots = await client.homeSlot.findMany({
    where: { article: { ...LIVE, publishedColumn: { is: { hidden: false } } } },
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    select: { kind: true, article: { select: listSelect } },
  });
  const ofKind = (kind: "HEADLINE" | "FOCUS") =>
    toListItems(
      client,
      slots.filter((slot) => slot.kind === kind).map((slot) => slot.article),
    );
  const [headline, focus] = await Promise.all([ofKind("HEADLINE"), ofKind("FOCUS")]);
  return { headline, focus };
}

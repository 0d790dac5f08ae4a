import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body/schema";
import { LIVE } from "@/lib/articles/live";
import { metaMediaIds, type RevisionMeta } from "@/lib/articles/revision-meta";
import type { MediaForDisplay } from "@/lib/media/rendered";
import { mediaBytesSelect, publicPhoto, publishedMeta, type PublicMedia } from "./published-fields";

export type { PublicMedia } from "./published-fields";

/**
 * The reads behind the public pages. An article is LIVE ⇔ it has a published revision and is not
 * withdrawn; only the published revision is ever read here — its title, body and recorded meta
 * (./published-fields.ts) — never a draft, the Article row's fields or a shared Media/Profile row's words.
 * The column a live article is listed in is its published revision's (`publishedColumnId`), and the
 * date it shows and is ordered by is its published revision's 发布日期 (`publishedDisplayDate`: the
 * recorded displayDate, else the first publication; kept by the database). `publishedAt` below is
 * that date.
 */

export type PublicDb = Pick<
  PrismaClient,
  | "article"
  | "articleSlugRedirect"
  | "articleViewDaily"
  | "column"
  | "homeSlot"
  | "media"
  | "profile"
  | "siteSetting"
  | "$queryRaw"
  | "$executeRaw"
  | "$transaction"
>;

/** Live articles whose published revision names a profile subject (a uuid always contains "-"). */
const WITH_PROFILE = {
  publishedRevision: { is: { meta: { path: ["profileId"], string_contains: "-" } } },
} as const satisfies Prisma.ArticleWhereInput;

export interface PublicColumn {
  id: string;
  slug: string;
  name: string;
  description: string;
  seriesMark: string;
  listStyle: "NEWS_LIST" | "PROFILE_GRID";
}

/** The columns a public page shows of a 栏目 (PublicColumn). */
export const publicColumnSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  seriesMark: true,
  listStyle: true,
} as const satisfies Record<keyof PublicColumn, true>;

export interface PublicListItem {
  id: string;
  slug: string;
  title: string;
  /** 引题 / 副题 of the published revision ("" when none). */
  overTitle: string;
  subtitle: string;
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
  publishedDisplayDate: true,
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
async function loadPhotoBytes(
  client: PublicDb,
  metas: readonly RevisionMeta[],
): Promise<(mediaId: string) => MediaForDisplay | undefined> {
  const ids = [...new Set(metas.flatMap(metaMediaIds))];
  const rows = ids.length ? await client.media.findMany({ where: { id: { in: ids } }, select: mediaBytesSelect }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return (mediaId) => byId.get(mediaId);
}

function publicProfile(
  meta: RevisionMeta,
  bytes: (mediaId: string) => MediaForDisplay | undefined,
): PublicProfile | null {
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
    return row.publishedDisplayDate && revision && meta && row.publishedColumn
      ? [{ row, publishedAt: row.publishedDisplayDate, column: row.publishedColumn, revision, meta }]
      : [];
  });
  const bytes = await loadPhotoBytes(
    client,
    live.map((item) => item.meta),
  );
  return live.map(({ row, publishedAt, column, revision, meta }) => ({
    id: row.id,
    slug: row.slug,
    title: revision.title,
    overTitle: meta.overTitle,
    subtitle: meta.subtitle,
    seriesMark: meta.seriesMark,
    summary: meta.summary || shorten(revision.plainText, SUMMARY_CHARS),
    publishedAt,
    column,
    cover: publicPhoto(meta.cover, bytes),
    profile: publicProfile(meta, bytes),
  }));
}

/** Keyset position in a newest-first list: `<display date ms>_<id>`, stable however many are added. */
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
    publishedDisplayDate: { lte: cursor.publishedAt },
    OR: [
      { publishedDisplayDate: { lt: cursor.publishedAt } },
      { publishedDisplayDate: cursor.publishedAt, id: { lt: cursor.id } },
    ],
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
    orderBy: [{ publishedDisplayDate: "desc" }, { id: "desc" }],
    take: options.pageSize + 1,
    select: listSelect,
  });
  const items = await toListItems(client, rows.slice(0, options.pageSize));
  const last = items[items.length - 1];
  return { items, next: rows.length > options.pageSize && last ? encodeCursor(last) : undefined };
}

export async function visibleColumns(client: PublicDb): Promise<PublicColumn[]> {
  return client.column.findMany({
    where: { hidden: false },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: publicColumnSelect,
  });
}

export async function columnBySlug(client: PublicDb, slug: string): Promise<PublicColumn | null> {
  return client.column.findFirst({ where: { slug, hidden: false }, select: publicColumnSelect });
}

/** Every live profile piece of a column, for the portrait grid (grouped by honour by the page). */
export async function columnProfiles(client: PublicDb, columnId: string, limit: number): Promise<PublicListItem[]> {
  const rows = await client.article.findMany({
    where: { ...LIVE, publishedColumnId: columnId, ...WITH_PROFILE },
    orderBy: [{ publishedDisplayDate: "desc" }, { id: "desc" }],
    take: limit,
    select: listSelect,
  });
  return toListItems(client, rows);
}

export interface PublicArticle {
  id: string;
  slug: string;
  title: string;
  overTitle: string;
  subtitle: string;
  seriesMark: string;
  source: string;
  byline: string;
  /** 责任编辑: as the revision names it, else the publishing account's display name. */
  responsibleEditor: string;
  lead: string;
  summary: string;
  /** 发布日期 as readers see it. */
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
  /** An old address of an article whose slug changed after its first publication: a 301 to `slug`. */
  | { kind: "moved"; articleId: string; slug: string }
  | { kind: "missing" };

/** An old address (ArticleSlugRedirect) answers with the article's current one, live or not: that page decides. */
async function addressMoved(client: PublicDb, slug: string): Promise<ArticleLookup> {
  const redirect = await client.articleSlugRedirect.findUnique({
    where: { slug },
    select: { articleId: true, article: { select: { slug: true } } },
  });
  return redirect ? { kind: "moved", articleId: redirect.articleId, slug: redirect.article.slug } : { kind: "missing" };
}

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
      publishedDisplayDate: direction === "older" ? { lte: at } : { gte: at },
      OR:
        direction === "older"
          ? [{ publishedDisplayDate: { lt: at } }, { publishedDisplayDate: at, id: { lt: article.id } }]
          : [{ publishedDisplayDate: { gt: at } }, { publishedDisplayDate: at, id: { gt: article.id } }],
    },
    orderBy:
      direction === "older"
        ? [{ publishedDisplayDate: "desc" }, { id: "desc" }]
        : [{ publishedDisplayDate: "asc" }, { id: "asc" }],
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
      publishedDisplayDate: true,
      publisherName: true,
      withdrawnAt: true,
      publishedColumn: { select: { ...publicColumnSelect, hidden: true } },
      publishedRevision: { select: { title: true, body: true, plainText: true, meta: true } },
    },
  });
  const revision = row?.publishedRevision;
  const meta = row && revision ? publishedMeta(revision, row.id) : null;
  if (!row) return addressMoved(client, slug);
  if (!revision || !meta || !row.publishedDisplayDate || !row.publishedColumn || row.publishedColumn.hidden)
    return { kind: "missing" };
  const column: PublicColumn = {
    id: row.publishedColumn.id,
    slug: row.publishedColumn.slug,
    name: row.publishedColumn.name,
    description: row.publishedColumn.description,
    seriesMark: row.publishedColumn.seriesMark,
    listStyle: row.publishedColumn.listStyle,
  };
  if (row.withdrawnAt) return { kind: "withdrawn", title: `${meta.seriesMark}${revision.title}`, column };
  const position = { id: row.id, columnId: column.id, publishedAt: row.publishedDisplayDate };
  const [article, previous, next] = await Promise.all([
    revisionArticle(
      client,
      { id: row.id, slug: row.slug, publishedAt: row.publishedDisplayDate, publisherName: row.publisherName, column },
      revision,
      meta,
    ),
    neighbour(client, position, "newer"),
    neighbour(client, position, "older"),
  ]);
  return { kind: "live", article: { ...article, previous, next } };
}

/**
 * A revision as the article page shows it, from the revision and its recorded meta only: the public
 * page of a published revision, and the staff preview of a draft one (lib/public/render/preview.ts).
 */
export async function revisionArticle(
  client: PublicDb,
  article: { id: string; slug: string; publishedAt: Date; publisherName: string; column: PublicColumn },
  revision: { title: string; body: unknown; plainText: string },
  meta: RevisionMeta,
): Promise<PublicArticle> {
  const parsed = parseBody(revision.body);
  // A stored body that no longer validates is shown empty rather than trusted.
  const body: BodyDocument = parsed.ok ? parsed.body : { type: "doc", content: [] };
  if (!parsed.ok) console.error(`[public] article ${article.id}: stored body rejected: ${parsed.message}`);
  const bytes = await loadPhotoBytes(client, [meta]);
  const { publisherName, ...rest } = article;
  return {
    ...rest,
    title: revision.title,
    overTitle: meta.overTitle,
    subtitle: meta.subtitle,
    seriesMark: meta.seriesMark,
    source: meta.source,
    byline: meta.byline,
    responsibleEditor: meta.responsibleEditor || publisherName,
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

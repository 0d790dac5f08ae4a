import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body-schema";
import type { PublishableArticleFields } from "@/lib/articles/publishable";
import type { MediaForDisplay } from "@/lib/media/rendered";
import { publishedFields } from "./published-fields";
import { publishableArticleFieldsSelect } from "@/lib/articles/publishable";

/**
 * The reads behind the public pages. An article is LIVE ⇔ it has a published revision and is not
 * withdrawn; only the published revision's content is ever read here, never a draft.
 */

export type PublicDb = Pick<PrismaClient, "article" | "articleViewDaily" | "column" | "homeSlot" | "media" | "profile" | "siteSetting" | "$queryRaw" | "$executeRaw" | "$transaction">;

export const LIVE = { publishedRevisionId: { not: null }, withdrawnAt: null } as const satisfies Prisma.ArticleWhereInput;

const mediaSelect = { id: true, storageKey: true, width: true, height: true, renditions: true, alt: true } as const;

export type PublicMedia = MediaForDisplay & { alt: string };

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
  ...publishableArticleFieldsSelect,
  column: { select: { id: true, slug: true, name: true } },
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

/** Profiles and covers named by published revisions, loaded in two queries for a whole list. */
async function loadReferences(client: PublicDb, fields: readonly PublishableArticleFields[]) {
  const profileIds = [...new Set(fields.flatMap((f) => (f.profileId ? [f.profileId] : [])))];
  const coverIds = [...new Set(fields.flatMap((f) => (f.coverId ? [f.coverId] : [])))];
  const [profiles, covers] = await Promise.all([
    profileIds.length
      ? client.profile.findMany({
          where: { id: { in: profileIds } },
          select: { id: true, kind: true, name: true, honour: true, position: true, organisation: true, portrait: { select: mediaSelect } },
        })
      : [],
    coverIds.length ? client.media.findMany({ where: { id: { in: coverIds } }, select: mediaSelect }) : [],
  ]);
  const profileById = new Map(profiles.map(({ id, ...profile }) => [id, profile as PublicProfile]));
  const coverById = new Map(covers.map((cover) => [cover.id, cover]));
  return {
    profile: (id: string | null) => (id ? (profileById.get(id) ?? null) : null),
    cover: (id: string | null) => (id ? (coverById.get(id) ?? null) : null),
  };
}

async function toListItems(client: PublicDb, rows: readonly ListRow[]): Promise<PublicListItem[]> {
  const live = rows.flatMap((row) =>
    row.publishedAt && row.publishedRevision
      ? [{ row, publishedAt: row.publishedAt, revision: row.publishedRevision, fields: publishedFields(row.publishedRevision.meta, row) }]
      : [],
  );
  const refs = await loadReferences(client, live.map((item) => item.fields));
  return live.map(({ row, publishedAt, revision, fields }) => ({
    id: row.id,
    slug: row.slug,
    title: revision.title,
    seriesMark: fields.seriesMark,
    summary: fields.summary || shorten(revision.plainText, SUMMARY_CHARS),
    publishedAt,
    column: row.column,
    cover: refs.cover(fields.coverId),
    profile: refs.profile(fields.profileId),
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
      ...(options.columnId ? { columnId: options.columnId } : { column: { hidden: false } }),
      ...(options.withProfile ? { profileId: { not: null } } : {}),
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
    where: { ...LIVE, columnId, profileId: { not: null } },
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

function figureMediaIds(body: BodyDocument): string[] {
  const ids: string[] = [];
  const walk = (nodes: readonly { type: string; attrs?: unknown; content?: unknown }[]) => {
    for (const node of nodes) {
      if (node.type === "figure" && node.attrs && typeof node.attrs === "object" && "mediaId" in node.attrs) {
        const id = node.attrs.mediaId;
        if (typeof id === "string") ids.push(id);
      }
      if (node.type !== "figure" && Array.isArray(node.content)) walk(node.content as { type: string }[]);
    }
  };
  walk(body.content);
  return ids;
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
      columnId: article.columnId,
      publishedAt: direction === "older" ? { lte: at } : { gte: at },
      OR:
        direction === "older"
          ? [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: article.id } }]
          : [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: article.id } }],
    },
    orderBy: direction === "older" ? [{ publishedAt: "desc" }, { id: "desc" }] : [{ publishedAt: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, ...publishableArticleFieldsSelect, publishedRevision: { select: { title: true, meta: true } } },
  });
  if (!row?.publishedRevision) return null;
  return { id: row.id, slug: row.slug, title: `${publishedFields(row.publishedRevision.meta, row).seriesMark}${row.publishedRevision.title}` };
}

/** The article behind a public URL: live (with its published revision), withdrawn, or unknown. */
export async function articleBySlug(client: PublicDb, slug: string): Promise<ArticleLookup> {
  const row = await client.article.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      columnId: true,
      ...publishableArticleFieldsSelect,
      publishedAt: true,
      withdrawnAt: true,
      column: { select: { ...columnSelect, hidden: true } },
      publishedRevision: { select: { title: true, body: true, plainText: true, meta: true } },
    },
  });
  if (!row?.publishedRevision || !row.publishedAt || row.column.hidden) return { kind: "missing" };
  const column: PublicColumn = {
    id: row.column.id,
    slug: row.column.slug,
    name: row.column.name,
    description: row.column.description,
    seriesMark: row.column.seriesMark,
    listStyle: row.column.listStyle,
  };
  const fields = publishedFields(row.publishedRevision.meta, row);
  if (row.withdrawnAt) return { kind: "withdrawn", title: `${fields.seriesMark}${row.publishedRevision.title}`, column };
  const parsed = parseBody(row.publishedRevision.body);
  // A stored body that no longer validates is shown empty rather than trusted.
  const body: BodyDocument = parsed.ok ? parsed.body : { type: "doc", content: [] };
  if (!parsed.ok) console.error(`[public] article ${row.id}: stored body rejected: ${parsed.message}`);
  const position = { id: row.id, columnId: row.columnId, publishedAt: row.publishedAt };
  const [media, refs, previous, next] = await Promise.all([
    client.media.findMany({ where: { id: { in: figureMediaIds(body) } }, select: mediaSelect }),
    loadReferences(client, [fields]),
    neighbour(client, position, "newer"),
    neighbour(client, position, "older"),
  ]);
  return {
    kind: "live",
    article: {
      id: row.id,
      slug: row.slug,
      title: row.publishedRevision.title,
      seriesMark: fields.seriesMark,
      source: fields.source,
      byline: fields.byline,
      lead: fields.lead,
      summary: fields.summary || shorten(row.publishedRevision.plainText, SUMMARY_CHARS),
      publishedAt: row.publishedAt,
      column,
      profile: refs.profile(fields.profileId),
      cover: refs.cover(fields.coverId),
      body,
      plainText: row.publishedRevision.plainText,
      media,
      previous,
      next,
    },
  };
}

/** 首页推荐: the live articles an editor placed in the 头条 and 焦点图 slots, in slot order. */
export async function homeSlots(client: PublicDb): Promise<{ headline: PublicListItem[]; focus: PublicListItem[] }> {
  const slots = await client.homeSlot.findMany({
    where: { article: { ...LIVE, column: { hidden: false } } },
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

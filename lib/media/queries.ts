import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPlausibleTime } from "@/lib/http/params";
import { publicUrls } from "@/lib/urls";
import { isUuid } from "@/lib/uuid";
import { parseRenditions } from "./renditions";
import type { MediaListQuery } from "./schemas";
import type { Db } from "@/lib/db";

export const MEDIA_PAGE_SIZE = 24;

const listSelect = {
  id: true,
  originalName: true,
  mimeType: true,
  width: true,
  height: true,
  bytes: true,
  alt: true,
  caption: true,
  credit: true,
  storageKey: true,
  renditions: true,
  uploaderId: true,
  createdAt: true,
  uploader: { select: { displayName: true } },
} as const satisfies Prisma.MediaSelect;

type MediaRow = Prisma.MediaGetPayload<{ select: typeof listSelect }>;

/** A photo as the admin shows and hands it to the editor (JSON-safe: no Dates, no raw renditions). */
export interface MediaItem {
  id: string;
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  uploaderId: string;
  uploaderName: string;
  createdAt: string;
  /** The 480 px WebP rendition (or the smallest WebP for a narrower photo): for grids and pickers. */
  thumbnailUrl: string;
  /** The full-size file in the uploaded format. */
  originalUrl: string;
}

type MediaFields = Omit<MediaRow, "uploader"> & { uploader?: { displayName: string } | null };

export function toMediaItem(row: MediaFields): MediaItem {
  const webp = parseRenditions(row.renditions)
    .filter((rendition) => rendition.format === "webp")
    .sort((a, b) => a.width - b.width);
  const thumbnail = webp.find((rendition) => rendition.width >= 480) ?? webp.at(-1);
  return {
    id: row.id,
    originalName: row.originalName,
    mimeType: row.mimeType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    uploaderId: row.uploaderId,
    uploaderName: row.uploader?.displayName ?? "",
    createdAt: row.createdAt.toISOString(),
    thumbnailUrl: publicUrls.media(thumbnail?.key ?? row.storageKey),
    originalUrl: publicUrls.media(row.storageKey),
  };
}

interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

/** A cursor from the query string; anything unreadable starts from the first page. */
export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!isPlausibleTime(createdAt) || !id || !isUuid(id)) return null;
  return { createdAt, id };
}

/**
 * Newest first, keyset-paged on (createdAt, id) — the Media index of the same order — so page 500
 * costs what page 1 costs. Search looks in the file name, alt text and caption.
 */
export async function listMedia(
  db: Db,
  query: Partial<MediaListQuery>,
  pageSize = MEDIA_PAGE_SIZE,
): Promise<{ items: MediaItem[]; nextCursor: string | null }> {
  const and: Prisma.MediaWhereInput[] = [];
  if (query.q) {
    and.push({
      OR: [
        { originalName: { contains: query.q, mode: "insensitive" } },
        { alt: { contains: query.q, mode: "insensitive" } },
        { caption: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const rows = await db.media.findMany({
    where: { AND: and },
    select: listSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { items: page.map(toMediaItem), nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null };
}

export async function getMediaItem(db: Db, id: string): Promise<MediaItem | null> {
  const row = await db.media.findUnique({ where: { id }, select: listSelect });
  return row ? toMediaItem(row) : null;
}

export type MediaUsageKind = "cover" | "figure" | "portrait";

/** Something that shows the photo: an article (as cover, figure or its subject's portrait) or a profile. */
export interface MediaUsage {
  kind: "article" | "profile";
  id: string;
  /** The article's current title (or its slug before it has one), or the profile's name. */
  label: string;
  uses: MediaUsageKind[];
}

/**
 * Everything that would lose the photo if it were deleted: articles with it as cover (now, or in a
 * revision, which a restore brings back), articles whose subject has it as portrait, articles with it
 * as a figure in ANY revision (an old revision can be restored or is still the published one), and
 * profiles with it as portrait even before they are in an article. The revision lookups go through
 * the manual_* indexes, so they stay index lookups with hundreds of thousands of revisions.
 */
export async function mediaUsages(db: Db, mediaId: string): Promise<MediaUsage[]> {
  const [covers, oldCovers, profiles, figureRows, recordedPortraits] = await Promise.all([
    db.article.findMany({ where: { coverId: mediaId }, select: { id: true } }),
    // Both expressions match the manual_* indexes of migration 20261125083453_media_usage_index.
    db.$queryRaw<{ articleId: string }[]>`
      SELECT DISTINCT "articleId" FROM "Revision" WHERE "meta" ? 'coverId' AND "meta" ->> 'coverId' = ${mediaId}`,
    db.profile.findMany({
      where: { portraitId: mediaId },
      select: { id: true, name: true, articles: { select: { id: true } } },
    }),
    db.$queryRaw<{ articleId: string }[]>`
      SELECT DISTINCT "articleId" FROM "Revision"
       WHERE manual_revision_media_ids("body") @> jsonb_build_array(${mediaId}::text)`,
    // A revision records its subject's portrait (lib/articles/revision-meta.ts): the published one
    // keeps showing it after the profile's portrait changes. Index manual_revision_meta_portrait_idx.
    db.$queryRaw<{ articleId: string }[]>`
      SELECT DISTINCT "articleId" FROM "Revision" WHERE ("meta" #>> '{profile,portrait,mediaId}') = ${mediaId}`,
  ]);

  const uses = new Map<string, Set<MediaUsageKind>>();
  const add = (articleId: string, kind: MediaUsageKind) => {
    const set = uses.get(articleId) ?? new Set<MediaUsageKind>();
    set.add(kind);
    uses.set(articleId, set);
  };
  for (const article of [...covers, ...oldCovers.map((row) => ({ id: row.articleId }))]) add(article.id, "cover");
  for (const row of figureRows) add(row.articleId, "figure");
  for (const profile of profiles) for (const article of profile.articles) add(article.id, "portrait");
  for (const row of recordedPortraits) add(row.articleId, "portrait");

  const articles = await db.article.findMany({
    where: { id: { in: [...uses.keys()] } },
    select: { id: true, slug: true, currentRevision: { select: { title: true } } },
    orderBy: { createdAt: "asc" },
  });
  const order: MediaUsageKind[] = ["cover", "portrait", "figure"];
  return [
    ...articles.map((article) => ({
      kind: "article" as const,
      id: article.id,
      label: article.currentRevision?.title ?? article.slug,
      uses: order.filter((kind) => uses.get(article.id)?.has(kind)),
    })),
    ...profiles.map((profile) => ({
      kind: "profile" as const,
      id: profile.id,
      label: profile.name,
      uses: ["portrait" as const],
    })),
  ];
}

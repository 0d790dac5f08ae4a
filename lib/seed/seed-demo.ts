import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { publishableContentHash } from "@/lib/articles/publishable";
import { recordRevisionMeta } from "@/lib/articles/revision-meta";
import { bodyPlainText, renderBody } from "@/lib/articles/render-body";
import { processImage, type ProcessedImage } from "@/lib/media/process";
import { mediaLookup } from "@/lib/media/rendered";
import { recordMedia, storeProcessedImage } from "@/lib/media/save";
import type { MediaStorage } from "@/lib/media/storage";
import { demoArticles, demoColumns, demoPhotos, type DemoArticle, type DemoPhotoId } from "./demo-content";
import { demoBody } from "./demo-body";
import { drawDemoPhoto } from "./demo-photos";
import { createDemoUsers, demoUsers, prepareDemoLogins, type DemoUsername } from "./demo-users";
import type { Tx } from "@/lib/db";

/**
 * Demo content for a fresh install: a user for every role, the 先锋 and 工作动态 columns, three
 * published 【先锋】 profiles, published news, one article waiting at 初审 and one draft.
 *
 * It seeds once: a database that has any user is left alone. No audit events are written: the seed
 * runs from the CLI (`npm start`, `npm run db:seed`), where lib/audit's `server-only` guard cannot be
 * loaded, and an empty chain verifies as well as a full one.
 */

/** Shared with lib/seed/bootstrap-admin.ts: the two must never both populate an empty database. */
const FIRST_USERS_LOCK = 72707370;

const REVIEW_LEVELS = 3;
const REVIEWERS: Record<number, DemoUsername> = { 1: "reviewer1", 2: "reviewer2", 3: "reviewer3" };
/** 责任编辑 when a revision names none is who published it (lib/workflow/transition.ts): here the 终审. */
const PUBLISHER_NAME = demoUsers.find((user) => user.username === REVIEWERS[REVIEW_LEVELS])?.displayName ?? "";
const HOUR = 60 * 60 * 1000;

export interface SeedResult {
  credentials: { username: string; password: string; role: string }[];
}

/** Draws and processes every photo, and writes the files: content-addressed, so safe before the lock. */
async function preparePhotos(storage: MediaStorage): Promise<Map<DemoPhotoId, ProcessedImage>> {
  const photos = new Map<DemoPhotoId, ProcessedImage>();
  for (const [id, photo] of Object.entries(demoPhotos) as [DemoPhotoId, (typeof demoPhotos)[DemoPhotoId]][]) {
    const image = await processImage(await drawDemoPhoto(photo), `${id}.jpg`);
    await storeProcessedImage(storage, image);
    photos.set(id, image);
  }
  return photos;
}

async function createMedia(tx: Tx, photos: Map<DemoPhotoId, ProcessedImage>, uploaderId: string) {
  const rows = new Map<DemoPhotoId, Awaited<ReturnType<typeof recordMedia>>>();
  for (const [id, image] of photos) {
    const photo = demoPhotos[id];
    rows.set(
      id,
      await recordMedia(tx, image, {
        originalName: image.originalName,
        alt: photo.alt,
        caption: photo.caption,
        credit: photo.credit,
        uploaderId,
      }),
    );
  }
  return rows;
}

async function createColumns(tx: Tx): Promise<Record<string, { id: string; seriesMark: string }>> {
  const columns: Record<string, { id: string; seriesMark: string }> = {};
  for (const column of demoColumns) {
    columns[column.slug] = await tx.column.create({
      data: { ...column, reviewLevels: REVIEW_LEVELS },
      select: { id: true, seriesMark: true },
    });
  }
  return columns;
}

function summaryOf(article: DemoArticle): string {
  const first = article.body.find((block) => "p" in block);
  const text = first && "p" in first ? first.p : "";
  if ([...text].length <= 150) return text;
  const cut = [...text].slice(0, 150).join("");
  return cut.slice(0, cut.lastIndexOf("。") + 1) || cut;
}

export async function seedDemo(db: PrismaClient, storage: MediaStorage): Promise<SeedResult> {
  if ((await db.user.count()) > 0) return { credentials: [] };
  const logins = await prepareDemoLogins();
  const photos = await preparePhotos(storage);

  const seeded = await db.$transaction(
    async (tx) => {
      // Re-check under the lock: two instances starting at once must not both seed.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USERS_LOCK})`;
      if ((await tx.user.count()) > 0) return false;

      const users = await createDemoUsers(tx, logins);
      const columns = await createColumns(tx);
      const media = await createMedia(tx, photos, users.editor);
      const mediaId = (id: DemoPhotoId) => {
        const row = media.get(id);
        if (!row) throw new Error(`demo photo ${id} was not stored`);
        return row.id;
      };
      const lookup = mediaLookup([...media.values()]);

      for (const article of demoArticles) {
        const column = columns[article.column];
        const date = new Date(article.date);
        const published = article.status === "PUBLISHED";
        const createdAt = published ? new Date(date.getTime() - 72 * HOUR) : date;

        const profile = article.profile
          ? await tx.profile.create({
              data: {
                kind: article.profile.kind,
                name: article.profile.name,
                honour: article.profile.honour,
                position: article.profile.position,
                organisation: article.profile.organisation,
                portraitId: mediaId(article.profile.portrait),
              },
              select: { id: true },
            })
          : null;

        const fields = {
          seriesMark: column.seriesMark,
          lead: article.lead,
          summary: summaryOf(article),
          source: article.source,
          byline: article.byline,
          profileId: profile?.id ?? null,
          coverId: article.cover ? mediaId(article.cover) : null,
        };
        const body = demoBody(article.body, (block) => {
          const photo = demoPhotos[block.figure];
          return { id: mediaId(block.figure), alt: photo.alt, caption: photo.caption };
        });
        // The demo's revisions record their fields like any saved revision (lib/articles/revision-meta.ts).
        const meta = await recordRevisionMeta(tx, { ...fields, columnId: column.id }, body);
        const contentHash = publishableContentHash(meta, { title: article.title, body });

        const row = await tx.article.create({
          data: { ...fields, columnId: column.id, slug: article.slug, createdById: users.editor, createdAt },
          select: { id: true },
        });
        const revision = await tx.revision.create({
          data: {
            articleId: row.id,
            number: 1,
            title: article.title,
            body: body as unknown as Prisma.InputJsonObject,
            html: renderBody(body, { media: lookup }),
            plainText: bodyPlainText(body),
            contentHash,
            meta: meta as unknown as Prisma.InputJsonObject,
            authorId: users.editor,
            createdAt,
          },
          select: { id: true },
        });

        // The submission a real review starts with (lib/workflow counts approvals per submission).
        const submission =
          published || article.status === "IN_REVIEW"
            ? await tx.submission.create({
                data: {
                  articleId: row.id,
                  number: 1,
                  revisionId: revision.id,
                  contentHash,
                  levels: REVIEW_LEVELS,
                  submittedById: users.editor,
                  createdAt,
                },
                select: { id: true },
              })
            : null;

        if (published) {
          // The approvals a real publication leaves behind, each bound to the published content.
          for (let level = 1; level <= REVIEW_LEVELS; level++) {
            await tx.review.create({
              data: {
                articleId: row.id,
                revisionId: revision.id,
                submissionId: submission?.id ?? null,
                contentHash,
                level,
                reviewerId: users[REVIEWERS[level]],
                decision: "APPROVE",
                comment: level === REVIEW_LEVELS ? "同意发布。" : "同意。",
                createdAt: new Date(date.getTime() - (REVIEW_LEVELS - level + 1) * 12 * HOUR),
              },
            });
          }
        }

        await tx.article.update({
          where: { id: row.id },
          data: {
            status: article.status,
            reviewLevel: article.status === "IN_REVIEW" ? 1 : null,
            currentRevisionId: revision.id,
            publishedRevisionId: published ? revision.id : null,
            publishedAt: published ? date : null,
            publisherName: published ? PUBLISHER_NAME : "",
            updatedAt: date,
          },
        });
      }
      return true;
    },
    // Dozens of inserts on a 2-core machine that may be running tests in parallel.
    { timeout: 60_000, maxWait: 30_000 },
  );

  return { credentials: seeded ? logins.map(({ username, password, role }) => ({ username, password, role })) : [] };
}

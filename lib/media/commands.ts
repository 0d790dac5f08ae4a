import "server-only";
import type { Media, PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { mediaText } from "./messages";
import { processImage, sha256OfBytes, type ProcessOptions } from "./process";
import { mediaUsages, type MediaUsage } from "./queries";
import { parseRenditions } from "./renditions";
import { recordMedia, storeProcessedImage } from "./save";
import type { MediaDetailsInput, UpdateMediaInput } from "./schemas";
import type { MediaStorage } from "./storage";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/actor";

/**
 * The media library's commands. Each change is one transaction with its audit event. Uploads and
 * deletions of the same bytes are serialised by a lock on the sha-256, so a delete can never remove
 * the files of an upload of the same photo that is committing at that moment.
 */

const target = (mediaId: string) => `media:${mediaId}`;

async function lockPhoto(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`media:${sha256}`}, 0))`;
}

export interface UploadResult {
  media: Media;
  /** False when the same bytes were already in the library: the existing row is returned as is. */
  created: boolean;
}

/**
 * Upload: validates and processes the photo outside any transaction (seconds of CPU must not hold a
 * connection or a lock), then stores the renditions, creates the row and appends `media.upload` in
 * one transaction. A duplicate changes nothing and is not an event.
 */
export async function uploadMedia(
  db: PrismaClient,
  storage: MediaStorage,
  actor: Actor,
  file: Buffer,
  fileName: string,
  details: MediaDetailsInput,
  options: ProcessOptions = {},
): Promise<UploadResult> {
  const sha256 = sha256OfBytes(file);
  const known = await db.media.findUnique({ where: { sha256 } });
  if (known) return { media: known, created: false };
  const image = await processImage(file, fileName, options);
  return db.$transaction(
    async (tx) => {
      await lockPhoto(tx, sha256);
      const existing = await tx.media.findUnique({ where: { sha256 } });
      if (existing) return { media: existing, created: false };
      await storeProcessedImage(storage, image);
      // Alt text may wait for the figure (mediaUploadSchema); the route has validated what was sent.
      const media = await recordMedia(tx, image, {
        ...details,
        originalName: fileName,
        uploaderId: actor.id,
        altLater: true,
      });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "media.upload",
        target: target(media.id),
        data: {
          sha256,
          originalName: media.originalName,
          mimeType: media.mimeType,
          width: media.width,
          height: media.height,
          bytes: media.bytes,
          alt: media.alt,
        },
      });
      return { media, created: true };
    },
    // Writing the renditions to an object store can take a few seconds for a large photo.
    { timeout: 30_000 },
  );
}

export async function updateMediaDetails(db: PrismaClient, actor: Actor, input: UpdateMediaInput): Promise<Media> {
  return db.$transaction(async (tx) => {
    const before = await tx.media.findUnique({ where: { id: input.mediaId } });
    if (!before) throw new AppError("NOT_FOUND", mediaText.errors.notFound);
    const after = await tx.media.update({
      where: { id: input.mediaId },
      data: { alt: input.alt, caption: input.caption, credit: input.credit },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "media.update",
      target: target(before.id),
      data: {
        before: { alt: before.alt, caption: before.caption, credit: before.credit },
        after: { alt: after.alt, caption: after.caption, credit: after.credit },
      },
    });
    return after;
  });
}

/** A refused deletion, with what uses the photo so the library can list it. */
export class MediaInUseError extends AppError {
  constructor(readonly usages: MediaUsage[]) {
    super("CONFLICT", mediaText.errors.inUse(usages.length));
    this.name = "MediaInUseError";
  }
}

export interface DeleteResult {
  /** Files whose removal failed after the row was deleted: orphans, harmless, reported for cleanup. */
  leftoverKeys: string[];
}

/**
 * Deletes an unused photo and its files. The row is locked first, so the usage check and the delete
 * see the same state; an editor's save that references the photo must lock it too (FOR SHARE) for
 * the check to cover articles being saved at this moment. The files go inside the transaction,
 * under the photo's lock, so a re-upload of the same bytes waits and then writes them afresh.
 */
export async function deleteMedia(
  db: PrismaClient,
  storage: MediaStorage,
  actor: Actor,
  mediaId: string,
): Promise<DeleteResult> {
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "Media" WHERE id = ${mediaId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new AppError("NOT_FOUND", mediaText.errors.notFound);
      const media = await tx.media.findUniqueOrThrow({ where: { id: mediaId } });
      await lockPhoto(tx, media.sha256);
      const usages = await mediaUsages(tx, mediaId);
      if (usages.length > 0) throw new MediaInUseError(usages);

      await tx.media.delete({ where: { id: mediaId } });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "media.delete",
        target: target(mediaId),
        data: { sha256: media.sha256, originalName: media.originalName, uploaderId: media.uploaderId },
      });

      const keys = [
        ...new Set([media.storageKey, ...parseRenditions(media.renditions).map((rendition) => rendition.key)]),
      ];
      const leftoverKeys: string[] = [];
      for (const key of keys) {
        try {
          await storage.remove(key);
        } catch (error) {
          // The row is gone either way; a file left behind is unreachable and harmless, and is
          // logged so an operator can clean the store. Failing here would keep a row whose files
          // are already half removed.
          console.error(`media.delete: could not remove ${key}`, error);
          leftoverKeys.push(key);
        }
      }
      return { leftoverKeys };
    },
    { timeout: 30_000 },
  );
}

import { Prisma, type Media, type PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { mediaText } from "./messages";
import { processImage, sha256OfBytes, type ProcessOptions, type ProcessedImage } from "./process";
import type { Rendition } from "./renditions";
import type { MediaStorage } from "./storage";

/** A Prisma client or a transaction: the caller decides whether the row joins a larger change. */
export type MediaDb = Pick<PrismaClient, "media">;

export interface MediaDetails {
  originalName: string;
  /** The text a screen reader speaks instead of the photo; required unless `altLater` (see mediaUploadSchema). */
  alt: string;
  /** An upload into an article body: the figure gets the alt text before the article can be saved. */
  altLater?: boolean;
  caption?: string;
  credit?: string;
  uploaderId: string;
}

interface CleanDetails {
  alt: string;
  caption: string;
  credit: string;
}

function cleanDetails(details: MediaDetails): CleanDetails {
  const alt = details.alt.trim();
  const caption = (details.caption ?? "").trim();
  const credit = (details.credit ?? "").trim();
  const v = mediaText.validation;
  if (!alt && !details.altLater) throw new AppError("VALIDATION", v.altRequired, "alt");
  if ([...alt].length > 300) throw new AppError("VALIDATION", v.altTooLong, "alt");
  if ([...caption].length > 300) throw new AppError("VALIDATION", v.captionTooLong, "caption");
  if ([...credit].length > 100) throw new AppError("VALIDATION", v.creditTooLong, "credit");
  return { alt, caption, credit };
}

/** The full-size file in the uploaded format: what `Media.storageKey` points at. */
function originalVariant(image: ProcessedImage) {
  const original = image.variants.find((item) => item.variant === "original" && item.format === image.format);
  if (!original) throw new Error(`processed image ${image.sha256} has no original variant`);
  return original;
}

/** Writes every rendition. Keys are content-addressed, so writing the same photo twice is harmless. */
export async function storeProcessedImage(storage: MediaStorage, image: ProcessedImage): Promise<void> {
  for (const item of image.variants) await storage.put(item.key, item.data);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates the Media row for an image whose files are already stored, or returns the row that
 * already holds the same bytes (by sha-256), keeping its alt text and caption.
 */
export async function recordMedia(db: MediaDb, image: ProcessedImage, details: MediaDetails): Promise<Media> {
  const clean = cleanDetails(details);
  const existing = await db.media.findUnique({ where: { sha256: image.sha256 } });
  if (existing) return existing;
  const renditions: Rendition[] = image.variants.map(({ width, format, key, bytes }) => ({
    width,
    format,
    key,
    bytes,
  }));
  try {
    return await db.media.create({
      data: {
        sha256: image.sha256,
        originalName: image.originalName,
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        ...clean,
        storageKey: originalVariant(image).key,
        renditions,
        uploaderId: details.uploaderId,
      },
    });
  } catch (error) {
    // The same photo uploaded twice at the same moment: the unique index decides, both get one row.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.media.findUnique({ where: { sha256: image.sha256 } });
    if (!winner) throw error;
    return winner;
  }
}

/**
 * The upload command: validates and processes the photo, and returns the existing row when the same
 * bytes were uploaded before (no second copy, no second processing), else stores the renditions and
 * creates the row.
 */
export async function saveMedia(
  db: MediaDb,
  storage: MediaStorage,
  input: Buffer,
  details: MediaDetails,
  options: ProcessOptions = {},
): Promise<Media> {
  cleanDetails(details);
  const existing = await db.media.findUnique({ where: { sha256: sha256OfBytes(input) } });
  if (existing) return existing;
  const image = await processImage(input, details.originalName, options);
  await storeProcessedImage(storage, image);
  return recordMedia(db, image, details);
}

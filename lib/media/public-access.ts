import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Which stored photos anonymous readers may fetch: those in `LiveMedia` — shown by a LIVE article's
 * published revision (cover, portrait, body figures) or by the site settings (logo), kept by database
 * triggers in the transaction that publishes, withdraws or changes the settings. A photo of a
 * withdrawn article, or of a draft nobody has published, is for signed-in staff only.
 *
 * One indexed lookup per request (Media.sha256 unique → LiveMedia by mediaId): storage keys start
 * with the photo's sha-256 (lib/media/process.ts), so every rendition of a photo shares its answer.
 */
export async function isPublicPhoto(db: Pick<PrismaClient, "$queryRaw">, storageKey: string): Promise<boolean> {
  const sha256 = storageKey.slice(0, storageKey.indexOf("/"));
  const rows = await db.$queryRaw<{ live: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Media" m JOIN "LiveMedia" l ON l."mediaId" = m.id WHERE m.sha256 = ${sha256}) AS live`;
  return rows[0]?.live === true;
}

/**
 * Public photo responses may be kept this long by browsers and CDNs, then must be revalidated (a
 * cheap 304 while the photo is still live): a withdrawal takes its photos off every cache within
 * this bound. See docs/public-site.md for what a CDN in front must be told.
 */
export const PUBLIC_PHOTO_MAX_AGE_SECONDS = 300;

export const PUBLIC_PHOTO_CACHE_CONTROL = `public, max-age=${PUBLIC_PHOTO_MAX_AGE_SECONDS}, must-revalidate`;
/** What staff get for a photo that is not public: never stored by a shared cache. */
export const STAFF_PHOTO_CACHE_CONTROL = "private, no-store";

import { readRevisionMeta, type RecordedPhoto, type RevisionMeta } from "@/lib/articles/revision-meta";
import type { MediaForDisplay } from "@/lib/media/rendered";

/**
 * What readers see of an article comes from its PUBLISHED revision only: its title and body, and
 * every other field as `Revision.meta` recorded it when it was saved (and so approved) —
 * `readRevisionMeta`, with no fallback to the Article row (it holds the newest draft's values) or to
 * a Media or Profile row (any editor may change those outside review). A revision whose meta does
 * not validate is not shown at all. See docs/public-site.md.
 */
export function publishedMeta(revision: { meta: unknown }, articleId: string): RevisionMeta | null {
  const meta = readRevisionMeta(revision.meta);
  if (!meta) console.error(`[public] article ${articleId}: the published revision's meta does not validate; not shown`);
  return meta;
}

/**
 * The photo bytes a page shows. Storage keys are content-addressed (the file's sha-256), so these
 * columns of a Media row never change once written; every word about the photo comes from the revision.
 */
export const mediaBytesSelect = { id: true, storageKey: true, width: true, height: true, renditions: true } as const;

/** A photo as the public shows it: the stored bytes plus the alt text, caption and credit as approved. */
export type PublicMedia = MediaForDisplay & { alt: string; caption: string; credit: string };

export function publicPhoto(
  recorded: RecordedPhoto | null,
  bytes: (mediaId: string) => MediaForDisplay | undefined,
): PublicMedia | null {
  if (!recorded) return null;
  const media = bytes(recorded.mediaId);
  return media ? { ...media, alt: recorded.alt, caption: recorded.caption, credit: recorded.credit } : null;
}

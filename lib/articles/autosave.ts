import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Autosave coalescing (docs/editor.md). The editor autosaves every 10 s while staff type; writing a
 * revision each time buried the versions people meant (8 for one sitting). An autosave therefore
 * rewrites the article's current revision instead of adding one — but only a revision nobody else
 * can have relied on:
 *
 * - it was itself written by an autosave (a manual save, a restore or a creation is a kept version),
 * - by the same person, and it is still the article's current revision,
 * - never submitted, reviewed, commented on or published (no Submission / Review / Comment row points
 *   at it, and it is not the published revision): what a reviewer saw or approved is never changed,
 * - and it was started less than 10 minutes ago, so a long sitting still leaves a version every 10 min.
 *
 * A manual save ends the working revision: it rewrites it one last time when the content changed
 * (or just keeps it, unchanged) and marks it as kept, so the next autosave starts a new revision.
 * The content hash is recomputed for what is stored, so the hash rules (publishable.ts) hold.
 * Every save, coalesced or not, still writes its own audit event.
 */
export const AUTOSAVE_WINDOW_MS = 10 * 60_000;

export interface CoalescibleRevision {
  id: string;
  number: number;
}

/** The current revision, when `authorId` may rewrite it under the rules above; null otherwise. */
export async function coalescibleRevision(
  tx: Tx,
  articleId: string,
  authorId: string,
  now = new Date(),
): Promise<CoalescibleRevision | null> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      publishedRevisionId: true,
      currentRevision: {
        select: {
          id: true,
          number: true,
          autosave: true,
          authorId: true,
          createdAt: true,
        },
      },
    },
  });
  const revision = article?.currentRevision;
  if (!article || !revision || !revision.autosave || revision.authorId !== authorId) return null;
  // A comment or submission being written for this revision holds a key-share lock on it until it
  // commits; waiting for it here means the counts below see it.
  await tx.$queryRaw`SELECT id FROM "Revision" WHERE id = ${revision.id}::uuid FOR UPDATE`;
  if (revision.id === article.publishedRevisionId) return null;
  if (now.getTime() - revision.createdAt.getTime() >= AUTOSAVE_WINDOW_MS) return null;
  const seen = await tx.revision.findUnique({
    where: { id: revision.id },
    select: { _count: { select: { submissions: true, reviews: true, comments: true } } },
  });
  if (!seen || seen._count.submissions + seen._count.reviews + seen._count.comments > 0) return null;
  return { id: revision.id, number: revision.number };
}

/** A manual save over an unchanged working revision keeps it as a version of its own. */
export async function keepRevision(tx: Tx, revisionId: string): Promise<void> {
  await tx.revision.updateMany({ where: { id: revisionId, autosave: true }, data: { autosave: false } });
}

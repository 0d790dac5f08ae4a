import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { publishableContentHash, type PublishableArticleFields } from "@/lib/articles/publishable";
import { AppError } from "@/lib/errors";
import type { WorkflowArticle } from "./guards";
import { workflowText } from "./messages";

type Tx = Prisma.TransactionClient;

const STRING_FIELDS = ["seriesMark", "lead", "summary", "source", "byline"] as const;

/**
 * The published fields a revision recorded (Revision.meta), or — for revisions written before meta
 * existed, such as the demo seed's — the article's own, which were the revision's when it was written.
 */
function recordedFields(meta: unknown, article: PublishableArticleFields): PublishableArticleFields {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return article;
  const record = meta as Record<string, unknown>;
  const complete =
    STRING_FIELDS.every((key) => typeof record[key] === "string") &&
    (["profileId", "coverId"] as const).every((key) => typeof record[key] === "string" || record[key] === null);
  if (!complete) return article;
  return {
    seriesMark: record.seriesMark as string,
    lead: record.lead as string,
    summary: record.summary as string,
    source: record.source as string,
    byline: record.byline as string,
    profileId: record.profileId as string | null,
    coverId: record.coverId as string | null,
  };
}

export interface LockedArticle {
  snapshot: WorkflowArticle;
  id: string;
  lockVersion: number;
  title: string;
  slug: string;
  columnLevels: number;
  publishedAt: Date | null;
  submission: { id: string; number: number } | null;
  currentRevision: { id: string; contentHash: string } | null;
  /** What the content checks read: the current revision with the fields it recorded. */
  content: { title: string; lead: string; summary: string; body: unknown } | null;
}

/**
 * Locks the article row (`SELECT … FOR UPDATE`) for the rest of the caller's transaction and reads
 * what the guards need. A second transition on the same article waits here until the first commits,
 * then sees its lockVersion and status.
 */
export async function lockArticle(tx: Tx, articleId: string): Promise<LockedArticle> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Article" WHERE id = ${articleId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", workflowText.errors.notFound);
  return readArticle(tx, articleId);
}

/** The same read without a lock, for pages that only show which steps are open. */
export async function readArticle(tx: Tx | PrismaClient, articleId: string): Promise<LockedArticle> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      slug: true,
      status: true,
      reviewLevel: true,
      columnId: true,
      createdById: true,
      lockVersion: true,
      publishedRevisionId: true,
      publishedAt: true,
      withdrawnAt: true,
      seriesMark: true,
      lead: true,
      summary: true,
      source: true,
      byline: true,
      profileId: true,
      coverId: true,
      column: { select: { reviewLevels: true } },
      currentRevision: { select: { id: true, title: true, body: true, meta: true, contentHash: true } },
      submissions: {
        orderBy: { number: "desc" },
        take: 1,
        select: {
          id: true,
          number: true,
          revisionId: true,
          contentHash: true,
          levels: true,
          reviews: { select: { level: true, reviewerId: true, decision: true, contentHash: true } },
        },
      },
    },
  });
  if (!article) throw new AppError("NOT_FOUND", workflowText.errors.notFound);
  const revision = article.currentRevision;
  // The stored hash is trusted only if the stored content still produces it.
  const recomputed = revision ? publishableContentHash(recordedFields(revision.meta, article), { title: revision.title, body: revision.body }) : null;
  const currentHash = revision && recomputed === revision.contentHash ? revision.contentHash : null;
  const submission = article.submissions[0] ?? null;
  const fields = revision ? recordedFields(revision.meta, article) : null;
  return {
    id: article.id,
    lockVersion: article.lockVersion,
    title: revision?.title ?? "",
    slug: article.slug,
    columnLevels: article.column.reviewLevels,
    publishedAt: article.publishedAt,
    submission: submission ? { id: submission.id, number: submission.number } : null,
    currentRevision: revision ? { id: revision.id, contentHash: revision.contentHash } : null,
    content: revision && fields ? { title: revision.title, lead: fields.lead, summary: fields.summary, body: revision.body } : null,
    snapshot: {
      status: article.status,
      reviewLevel: article.reviewLevel,
      columnId: article.columnId,
      ownerId: article.createdById,
      live: article.publishedRevisionId !== null && article.withdrawnAt === null,
      currentRevisionId: revision?.id ?? null,
      currentHash,
      submission,
    },
  };
}

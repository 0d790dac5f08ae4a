import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { publishableContentHash } from "@/lib/articles/publishable";
import { checkedFieldsOf, readRevisionMeta } from "@/lib/articles/revision-meta";
import { AppError } from "@/lib/errors";
import type { WorkflowArticle } from "./guards";
import { workflowText } from "./messages";
import type { Tx } from "@/lib/db";

/** Where an article stands: the columns the guards decide on, and the review screen shows. */
export const articleStateSelect = {
  id: true,
  slug: true,
  status: true,
  reviewLevel: true,
  columnId: true,
  createdById: true,
  lockVersion: true,
  publishedRevisionId: true,
  publishedColumnId: true,
  publishedAt: true,
  withdrawnAt: true,
} as const satisfies Prisma.ArticleSelect;

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
  /** The pending 定时撤稿, if any. */
  withdrawal: { jobId: string; runAt: Date; reason: string } | null;
  /** What the content checks read: the current revision with the fields it recorded. */
  content: {
    title: string;
    overTitle: string;
    subtitle: string;
    responsibleEditor: string;
    seriesMark: string;
    lead: string;
    summary: string;
    source: string;
    byline: string;
    body: unknown;
    coverId: string | null;
    profileId: string | null;
    cover: { alt: string } | null;
  } | null;
}

/**
 * Locks the article row (`SELECT … FOR UPDATE`) for the rest of the caller's transaction and reads
 * what the guards need. A second transition on the same article waits here until the first commits,
 * then sees its lockVersion and status.
 */
export async function lockArticle(tx: Tx, articleId: string): Promise<LockedArticle> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Article" WHERE id = ${articleId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", workflowText.errors.notFound);
  return readArticle(tx, articleId);
}

/** The same read without a lock, for pages that only show which steps are open. */
export async function readArticle(tx: Tx | PrismaClient, articleId: string): Promise<LockedArticle> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      ...articleStateSelect,
      column: { select: { reviewLevels: true } },
      jobs: {
        where: { kind: "UNPUBLISH", status: "PENDING" },
        orderBy: { runAt: "asc" },
        take: 1,
        select: { id: true, runAt: true, reason: true },
      },
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
  // What the revision recorded (the same reader decides what the public site shows of a published one).
  const fields = revision ? readRevisionMeta(revision.meta) : null;
  // The stored hash is trusted only if the stored content still produces it.
  const recomputed =
    revision && fields ? publishableContentHash(fields, { title: revision.title, body: revision.body }) : null;
  const currentHash = revision && recomputed === revision.contentHash ? revision.contentHash : null;
  const submission = article.submissions[0] ?? null;
  const withdrawalJob = article.jobs[0] ?? null;
  return {
    id: article.id,
    lockVersion: article.lockVersion,
    title: revision?.title ?? "",
    slug: article.slug,
    columnLevels: article.column.reviewLevels,
    publishedAt: article.publishedAt,
    submission: submission ? { id: submission.id, number: submission.number } : null,
    currentRevision: revision ? { id: revision.id, contentHash: revision.contentHash } : null,
    withdrawal: withdrawalJob
      ? { jobId: withdrawalJob.id, runAt: withdrawalJob.runAt, reason: withdrawalJob.reason ?? "" }
      : null,
    content:
      revision && fields
        ? { ...checkedFieldsOf(fields), title: revision.title, body: revision.body, cover: fields.cover }
        : null,
    snapshot: {
      status: article.status,
      reviewLevel: article.reviewLevel,
      columnId: article.columnId,
      liveColumnId:
        article.publishedColumnId !== article.columnId && article.withdrawnAt === null
          ? article.publishedColumnId
          : null,
      ownerId: article.createdById,
      live: article.publishedRevisionId !== null && article.withdrawnAt === null,
      currentRevisionId: revision?.id ?? null,
      currentHash,
      withdrawalScheduled: withdrawalJob !== null,
      submission,
    },
  };
}

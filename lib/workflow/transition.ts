import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { figuresWithoutAlt, parseBody } from "@/lib/articles/body/schema";
import { appendAuditEvent } from "@/lib/audit/append";
import { workflowAuditAction } from "@/lib/audit/codes";
import { checkArticle } from "@/lib/checks";
import { indexPendingSearchDocuments } from "@/lib/public/data/search-index";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import { getSiteSettings } from "@/lib/settings/queries";
import { notify } from "@/lib/notifications/commands";
import type { PermissionUser } from "@/lib/permissions";
import { afterCommit, recordPublicationChange } from "@/lib/public/publish/outbox";
import { workflowText } from "./messages";
import { planTransition, type WorkflowActor } from "./plan";
import { reviewersAt } from "./recipients";
import { transitionSchema, type TransitionInput } from "./schemas";
import { lockArticle, type LockedArticle } from "./snapshot";
import { changesLiveContent, type WorkflowEvent } from "./table";
import type { Tx } from "@/lib/db";

/**
 * The workflow's one command. Each call is ONE transaction: lock the article row, check lockVersion,
 * status and the table's guards (lib/workflow/plan.ts), write the change, the Review row bound to the
 * revision's contentHash, the audit event and the notifications. A change of what is live also writes
 * its after-commit effects (cache NOTIFY, static copy) into the outbox in that same transaction
 * (lib/public/publish/outbox.ts); they run after commit and are retried until done.
 */

export interface TransitionResult {
  articleId: string;
  event: WorkflowEvent;
  status: string;
  reviewLevel: number | null;
  lockVersion: number;
  /** What is live on the public site changed (publish, withdraw). */
  liveChanged: boolean;
  /** Outbox rows written with the change (lib/public/publish/outbox.ts). */
  effectIds: string[];
  /** After `transition`: effects not carried out yet (retried by the job runner); the user is told. */
  effectsPending?: number;
}

export interface TransitionInTx {
  articleId: string;
  event: WorkflowEvent;
  /** The version the caller saw; omitted only by the scheduler, which checks the state itself. */
  lockVersion?: number;
  comment?: string;
  reason?: string;
  publishAt?: Date;
  withdrawAt?: Date;
}

const e = workflowText.errors;
const n = workflowText.notifications;

const reviewLink = (articleId: string) => `/admin/review/${articleId}`;
const articleLink = (articleId: string) => `/admin/articles/${articleId}`;

/**
 * Stops the article's pending jobs of one kind (a new schedule, publish now, unschedule: PUBLISH;
 * a new 定时撤稿 or its cancellation: UNPUBLISH), or of every kind (a withdrawal ends them all).
 * Publishing an edit keeps a 定时撤稿: it is about the article, not about one revision.
 */
async function cancelPendingJobs(tx: Tx, articleId: string, kind?: "PUBLISH" | "UNPUBLISH"): Promise<number> {
  const result = await tx.job.updateMany({
    where: { articleId, status: "PENDING", ...(kind ? { kind } : {}) },
    data: { status: "CANCELLED" },
  });
  return result.count;
}

/**
 * Runs one transition inside the caller's transaction (the scheduler uses it with its job claim).
 * Throws AppError on refusal, leaving the transaction to roll back.
 */
export async function transitionInTx(
  tx: Tx,
  actor: WorkflowActor,
  request: TransitionInTx,
  now = new Date(),
): Promise<TransitionResult> {
  const article = await lockArticle(tx, request.articleId);
  if (request.lockVersion !== undefined && request.lockVersion !== article.lockVersion)
    throw new AppError("CONFLICT", e.stale);

  const plan = planTransition(
    article.snapshot,
    {
      event: request.event,
      comment: request.comment,
      reason: request.reason,
      publishAt: request.publishAt,
      withdrawAt: request.withdrawAt,
      now,
    },
    actor,
  );
  if (!plan.ok) throw plan.error;

  const actorId = actor.kind === "user" ? actor.user.id : null;
  const from = article.snapshot.status;
  const lockVersion = article.lockVersion + 1;
  const base = { status: plan.to, reviewLevel: plan.reviewLevel, lockVersion };
  const auditData: Record<string, unknown> = {
    event: request.event,
    from,
    to: plan.to,
    fromLevel: article.snapshot.reviewLevel,
    toLevel: plan.reviewLevel,
    revisionId: article.currentRevision?.id ?? null,
    contentHash: article.snapshot.currentHash,
    lockVersion,
  };

  switch (request.event) {
    case "submit":
      Object.assign(auditData, await submit(tx, article, actorId, now));
      break;
    case "approve":
    case "return":
      Object.assign(auditData, await decide(tx, article, request, actorId, plan.to));
      break;
    case "recall":
      break;
    case "publish":
      Object.assign(auditData, await publish(tx, article, now, actorId));
      break;
    case "schedule":
      Object.assign(auditData, await schedule(tx, article, request, actorId));
      break;
    case "unschedule":
      auditData.cancelledJobs = await cancelPendingJobs(tx, article.id, "PUBLISH");
      break;
    case "withdraw":
      auditData.reason = request.reason?.trim();
      auditData.cancelledJobs = await cancelPendingJobs(tx, article.id);
      await notify(tx, [article.snapshot.ownerId], {
        kind: "article.withdrawn",
        title: n.withdrawn(article.title),
        link: articleLink(article.id),
      });
      break;
    case "scheduleWithdraw":
      Object.assign(auditData, await scheduleWithdrawal(tx, article, request, actorId));
      break;
    case "unscheduleWithdraw":
      auditData.cancelledJobs = await cancelPendingJobs(tx, article.id, "UNPUBLISH");
      break;
  }

  const withdrawal =
    request.event === "withdraw" ? { withdrawnAt: now, withdrawnReason: request.reason?.trim() ?? "" } : {};
  // 定时撤稿 leaves the state alone, a pending 定时发布 of an edit included.
  const keepsSchedule = plan.to === "SCHEDULED" || plan.row.from === plan.row.to;
  await tx.article.update({
    where: { id: article.id },
    data: { ...base, ...withdrawal, ...(keepsSchedule ? {} : { publishAt: null }) },
  });
  await appendAuditEvent(tx, {
    actorId,
    action: workflowAuditAction(request.event),
    target: `article:${article.id}`,
    data: auditData,
  });
  // The search index of what just went live, in the same transaction (lib/public/data/search-index.ts).
  if (changesLiveContent(plan.row)) await indexPendingSearchDocuments(tx, { ids: [article.id] });

  const liveChanged = changesLiveContent(plan.row);
  const effectIds = liveChanged ? [await recordPublicationChange(tx, [article.id])] : [];
  return {
    articleId: article.id,
    event: request.event,
    status: plan.to,
    reviewLevel: plan.reviewLevel,
    lockVersion,
    liveChanged,
    effectIds,
  };
}

/**
 * What the content must be before review, checked when it is submitted (the button stays, the refusal
 * says why): every photo described — body figures and the cover; a photo dropped into the body is
 * uploaded before anyone could describe it, and drafts save without it — and no BLOCK hit of the
 * content checks （错敏词 / 规范表述）, naming every hit.
 */
async function checkBeforeSubmit(tx: Tx, article: LockedArticle): Promise<number> {
  const content = article.content;
  const body = content ? parseBody(content.body) : null;
  if (!content || !body?.ok) throw new AppError("CONFLICT", e.noRevision);
  // The cover's alt text as the revision recorded it: that is what will be published.
  const cover = content.cover;
  if (figuresWithoutAlt(body.body) > 0 || (cover && !cover.alt.trim()))
    throw new AppError("CONFLICT", e.photosWithoutAlt);
  const result = await checkArticle(tx, { ...content, body: body.body });
  const blocking = result.hits.filter((hit) => hit.level === "BLOCK");
  if (blocking.length > 0) {
    throw new AppError(
      "VALIDATION",
      e.blockedByChecks(
        blocking.map((hit) => (hit.suggestion ? `「${hit.term}」（建议：${hit.suggestion}）` : `「${hit.term}」`)),
      ),
    );
  }
  return result.hits.length;
}

async function submit(
  tx: Tx,
  article: LockedArticle,
  actorId: string | null,
  now: Date,
): Promise<Record<string, unknown>> {
  const revision = article.currentRevision;
  if (!revision || !actorId) throw new AppError("CONFLICT", e.noRevision);
  const warnings = await checkBeforeSubmit(tx, article);
  await tx.submission.create({
    data: {
      articleId: article.id,
      number: (article.submission?.number ?? 0) + 1,
      revisionId: revision.id,
      contentHash: revision.contentHash,
      levels: article.columnLevels,
      submittedById: actorId,
      createdAt: now,
    },
  });
  const reviewers = await reviewersAt(tx, article.snapshot.columnId, 1, [article.snapshot.ownerId]);
  await notify(tx, reviewers, {
    kind: "review.assigned",
    title: n.assigned(article.title, 1),
    link: reviewLink(article.id),
  });
  return { submissionNumber: (article.submission?.number ?? 0) + 1, checkWarnings: warnings };
}

/** 通过 / 退回: a Review row of the current submission, bound to the hash the reviewer saw. */
async function decide(
  tx: Tx,
  article: LockedArticle,
  request: TransitionInTx,
  actorId: string | null,
  to: string,
): Promise<Record<string, unknown>> {
  const submission = article.submission;
  const level = article.snapshot.reviewLevel;
  const revision = article.currentRevision;
  if (!submission || !actorId || level === null || !revision) throw new AppError("CONFLICT", e.noSubmission);
  const decision = request.event === "approve" ? "APPROVE" : "RETURN";
  const comment = request.comment?.trim() ?? "";
  await tx.review.create({
    data: {
      articleId: article.id,
      revisionId: revision.id,
      contentHash: revision.contentHash,
      submissionId: submission.id,
      level,
      reviewerId: actorId,
      decision,
      comment,
    },
  });
  const owner = article.snapshot.ownerId;
  if (decision === "RETURN") {
    await notify(tx, [owner], {
      kind: "review.returned",
      title: n.returned(article.title),
      link: articleLink(article.id),
    });
  } else if (to === "IN_REVIEW") {
    const decided = article.snapshot.submission?.reviews.map((review) => review.reviewerId) ?? [];
    const next = await reviewersAt(tx, article.snapshot.columnId, level + 1, [owner, actorId, ...decided]);
    await notify(tx, next, {
      kind: "review.assigned",
      title: n.assigned(article.title, level + 1),
      link: reviewLink(article.id),
    });
  } else {
    // Publication is the 终审's act in every column (lib/permissions/table.ts).
    const publishers = await reviewersAt(tx, article.snapshot.columnId, 3, [owner]);
    await notify(tx, [...publishers, owner], {
      kind: "review.approved",
      title: n.approved(article.title),
      link: reviewLink(article.id),
    });
  }
  return { level, decision, comment, submissionId: submission.id, submissionNumber: submission.number };
}

/** Puts exactly the approved revision on the site (the guard checked every level's hash against it). */
async function publish(
  tx: Tx,
  article: LockedArticle,
  now: Date,
  actorId: string | null,
): Promise<Record<string, unknown>> {
  const revision = article.currentRevision;
  if (!revision) throw new AppError("CONFLICT", e.approvalsIncomplete);
  // 责任编辑 when the revision names none: the publishing account (a 定时发布's: who scheduled it).
  const publisherId =
    actorId ??
    (
      await tx.job.findFirst({
        where: { articleId: article.id, kind: "PUBLISH" },
        orderBy: { createdAt: "desc" },
        select: { createdById: true },
      })
    )?.createdById;
  const cancelledJobs = await cancelPendingJobs(tx, article.id, "PUBLISH");
  const publisher = publisherId
    ? await tx.user.findUnique({ where: { id: publisherId }, select: { displayName: true } })
    : null;
  await tx.article.update({
    where: { id: article.id },
    data: {
      publishedRevisionId: revision.id,
      publishedAt: article.publishedAt ?? now,
      withdrawnAt: null,
      withdrawnReason: null,
      ...(publisher ? { publisherName: publisher.displayName.slice(0, 100) } : {}),
    },
  });
  await notify(tx, [article.snapshot.ownerId], {
    kind: "article.published",
    title: n.published(article.title),
    link: articleLink(article.id),
  });
  return {
    publishedRevisionId: revision.id,
    firstPublication: article.publishedAt === null,
    cancelledJobs,
    submissionNumber: article.submission?.number ?? null,
  };
}

async function schedule(
  tx: Tx,
  article: LockedArticle,
  request: TransitionInTx,
  actorId: string | null,
): Promise<Record<string, unknown>> {
  const runAt = request.publishAt;
  if (!runAt) throw new AppError("VALIDATION", workflowText.validation.publishAtRequired, "publishAt");
  await cancelPendingJobs(tx, article.id, "PUBLISH");
  const job = await tx.job.create({
    data: { kind: "PUBLISH", articleId: article.id, runAt, createdById: actorId },
    select: { id: true },
  });
  await tx.article.update({ where: { id: article.id }, data: { publishAt: runAt } });
  await notify(tx, [article.snapshot.ownerId], {
    kind: "article.scheduled",
    title: n.scheduled(article.title, formatDateTime(runAt, (await getSiteSettings(tx)).timeZone)),
    link: articleLink(article.id),
  });
  return { publishAt: runAt.toISOString(), jobId: job.id };
}

/** 定时撤稿: an UNPUBLISH job replacing any earlier one; the scheduler runs it as `withdraw` with this reason. */
async function scheduleWithdrawal(
  tx: Tx,
  article: LockedArticle,
  request: TransitionInTx,
  actorId: string | null,
): Promise<Record<string, unknown>> {
  const runAt = request.withdrawAt;
  if (!runAt) throw new AppError("VALIDATION", workflowText.validation.withdrawAtRequired, "withdrawAt");
  const reason = request.reason?.trim() ?? "";
  const cancelledJobs = await cancelPendingJobs(tx, article.id, "UNPUBLISH");
  const job = await tx.job.create({
    data: { kind: "UNPUBLISH", articleId: article.id, runAt, reason, createdById: actorId },
    select: { id: true },
  });
  await notify(tx, [article.snapshot.ownerId], {
    kind: "article.withdrawalScheduled",
    title: n.withdrawalScheduled(article.title, formatDateTime(runAt, (await getSiteSettings(tx)).timeZone)),
    link: articleLink(article.id),
  });
  return { withdrawAt: runAt.toISOString(), reason, jobId: job.id, cancelledJobs };
}

/**
 * A person's workflow request (server actions, tests). Input is parsed again here: the command is
 * the last line of defence, whatever the caller checked.
 */
export async function transition(
  db: PrismaClient,
  user: PermissionUser,
  input: TransitionInput,
): Promise<TransitionResult> {
  const parsed = transitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "VALIDATION",
      issue?.message ?? workflowText.validation.invalidRequest,
      issue ? String(issue.path[0] ?? "") || undefined : undefined,
    );
  }
  const request = parsed.data;
  const result = await db.$transaction((tx) => transitionInTx(tx, { kind: "user", user }, request));
  // Committed: from here on the change is a success, whatever its effects do (they are retried).
  const { pending } = await afterCommit(result.effectIds, db);
  return { ...result, effectsPending: pending };
}

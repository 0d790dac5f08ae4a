import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseBody } from "@/lib/articles/body/schema";
import { publishableContentHash } from "@/lib/articles/publishable";
import { renderRevision } from "@/lib/articles/render-revision";
import { recordRevisionMeta } from "@/lib/articles/revision-meta";
import { suggestSlug } from "@/lib/articles/slug";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { afterCommit, recordPublicationChange } from "@/lib/public/publish/outbox";
import { indexPendingSearchDocuments } from "@/lib/public/data/search-index";
import { importText } from "./messages";
import { oldPathOf } from "./redirects";
import { preparedItemSchema, type PreparedItem } from "./schemas";

/**
 * Publication of an approved batch, one transaction per item: create the article (or, on a re-run,
 * a new revision of the one imported under the same key), make that revision the published one, keep
 * the old URL for its 301, index it for search, append `import.article`, and write the outbox row
 * (lib/public/publish/outbox.ts) in the same transaction, worked after commit like every publication. The
 * batch's approval (`import.approve`, lib/import/commands.ts) is the person who let it go live; the
 * three review levels were the old site's. A failed item is recorded with its reason; the rest go on.
 */

type Tx = Prisma.TransactionClient;

const p = importText.publish;

/**
 * An old address that is this site's own article address (`/articles/<slug>.html`, an older copy of
 * this CMS) is the article routes' to answer: it becomes an ArticleSlugRedirect like a changed slug,
 * unless an article or another redirect has that slug. Every other old path is ArticleImport.oldPath's.
 */
async function keepOldSlug(tx: Tx, oldPath: string | null, articleId: string): Promise<void> {
  const slug = oldPath ? /^\/articles\/([a-z0-9][a-z0-9-]{0,119})\.html$/.exec(oldPath)?.[1] : undefined;
  if (!slug) return;
  const [article, redirect] = await Promise.all([
    tx.article.findUnique({ where: { slug }, select: { id: true } }),
    tx.articleSlugRedirect.findUnique({ where: { slug } }),
  ]);
  if (!article && !redirect) await tx.articleSlugRedirect.create({ data: { slug, articleId } });
}

interface PublishItemInput {
  batchId: string;
  itemId: string;
  /** The 终审 who approved the batch: the account the publication is recorded for. */
  approver: { id: string; displayName: string };
  /** The batch's creator: the imported articles' owner in the admin. */
  ownerId: string;
}

type ItemOutcome =
  | { status: "PUBLISHED"; articleId: string; effectId: string | null; created: boolean }
  | { status: "PUBLISH_FAILED"; reason: string };

async function publishItemInTx(tx: Tx, input: PublishItemInput, now: Date): Promise<ItemOutcome> {
  const item = await tx.importItem.findUniqueOrThrow({ where: { id: input.itemId } });
  const prepared: PreparedItem = preparedItemSchema.parse(item.data);
  const body = parseBody(prepared.body);
  if (!body.ok) return { status: "PUBLISH_FAILED", reason: importText.convert.bodyInvalid(body.message) };
  const columnId = item.columnId;
  if (!columnId || !(await tx.column.findUnique({ where: { id: columnId }, select: { id: true } }))) {
    return { status: "PUBLISH_FAILED", reason: importText.errors.columnMissing };
  }
  const oldDate = prepared.publishedAt ? new Date(prepared.publishedAt) : null;

  const earlier = await tx.articleImport.findUnique({ where: { key: item.key }, select: { articleId: true } });
  // The row lock a save or a workflow transition takes too: neither can slip in between check and write.
  if (earlier) await tx.$queryRaw`SELECT id FROM "Article" WHERE id = ${earlier.articleId}::uuid FOR UPDATE`;
  const existing = earlier
    ? await tx.article.findUnique({
        where: { id: earlier.articleId },
        select: {
          id: true,
          status: true,
          currentRevisionId: true,
          publishedRevisionId: true,
          publishedAt: true,
          lockVersion: true,
          publishedRevision: { select: { contentHash: true } },
        },
      })
    : null;
  // A re-run never undoes what staff did here since: a withdrawal stays, a pending edit is not overwritten.
  if (existing?.status === "WITHDRAWN") return { status: "PUBLISH_FAILED", reason: p.withdrawn };
  if (existing && (existing.status !== "PUBLISHED" || existing.currentRevisionId !== existing.publishedRevisionId)) {
    return { status: "PUBLISH_FAILED", reason: p.inWorkflow };
  }

  const articleFields = {
    seriesMark: prepared.seriesMark,
    lead: "",
    summary: prepared.summary,
    source: prepared.source,
    byline: prepared.byline,
    coverId: prepared.coverId,
    profileId: null,
  };
  // 发布日期 as the old site showed it; 责任编辑 falls back on the approving 终审 (publisherName).
  const meta = await recordRevisionMeta(
    tx,
    { columnId, ...articleFields, displayDate: oldDate ? oldDate.toISOString() : null },
    body.body,
  );
  const hash = publishableContentHash(meta, { title: prepared.title, body: body.body });

  let articleId: string;
  let created = false;
  if (existing && existing.publishedRevision?.contentHash === hash) {
    articleId = existing.id;
  } else {
    if (existing) {
      articleId = existing.id;
    } else {
      const article = await tx.article.create({
        data: {
          slug: await suggestSlug(tx, prepared.title),
          columnId,
          status: "DRAFT",
          ...articleFields,
          displayDate: oldDate,
          createdById: input.ownerId,
        },
        select: { id: true },
      });
      articleId = article.id;
      created = true;
    }
    const last = await tx.revision.aggregate({ where: { articleId }, _max: { number: true } });
    const rendered = await renderRevision(tx, body.body);
    if (!rendered) throw new AppError("VALIDATION", importText.convert.bodyInvalid("照片已不存在"));
    const { html, plainText } = rendered;
    const revision = await tx.revision.create({
      data: {
        articleId,
        number: (last._max.number ?? 0) + 1,
        title: prepared.title,
        body: body.body as unknown as Prisma.InputJsonValue,
        html,
        plainText,
        contentHash: hash,
        meta: meta as unknown as Prisma.InputJsonValue,
        authorId: input.ownerId,
      },
      select: { id: true },
    });
    await tx.article.update({
      where: { id: articleId },
      data: {
        columnId,
        ...articleFields,
        displayDate: oldDate,
        publisherName: input.approver.displayName.slice(0, 100),
        status: "PUBLISHED",
        reviewLevel: null,
        currentRevisionId: revision.id,
        publishedRevisionId: revision.id,
        publishedAt: existing?.publishedAt ?? oldDate ?? now,
        withdrawnAt: null,
        withdrawnReason: null,
        lockVersion: { increment: 1 },
      },
    });
  }
  const unchanged = !created && existing?.publishedRevision?.contentHash === hash;
  const oldPath = prepared.oldUrl ? oldPathOf(prepared.oldUrl) : null;
  // An old path that another import already claimed keeps pointing there (the first one wins).
  const pathTaken = oldPath
    ? await tx.articleImport.findFirst({ where: { oldPath, NOT: { articleId } }, select: { articleId: true } })
    : null;
  const recordPath = pathTaken ? null : oldPath;
  await keepOldSlug(tx, oldPath, articleId);
  await tx.articleImport.upsert({
    where: { articleId },
    create: { articleId, key: item.key, oldUrl: prepared.oldUrl, oldPath: recordPath, batchId: input.batchId },
    update: { key: item.key, oldUrl: prepared.oldUrl, oldPath: recordPath, batchId: input.batchId, importedAt: now },
  });
  await appendAuditEvent(tx, {
    actorId: input.approver.id,
    action: "import.article",
    target: `article:${articleId}`,
    data: {
      batchId: input.batchId,
      key: item.key,
      oldUrl: prepared.oldUrl,
      created,
      unchanged,
      contentHash: hash,
      publishedAt: (existing?.publishedAt ?? oldDate ?? now).toISOString(),
    },
  });
  await tx.importItem.update({
    where: { id: item.id },
    data: { status: "PUBLISHED", articleId, reason: unchanged ? p.unchanged : "" },
  });
  if (unchanged) return { status: "PUBLISHED", articleId, effectId: null, created };
  await indexPendingSearchDocuments(tx, { ids: [articleId] });
  const effectId = await recordPublicationChange(tx, [articleId]);
  return { status: "PUBLISHED", articleId, effectId, created };
}

export interface PublishProgress {
  published: number;
  failed: number;
  effectsPending: number;
}

/** Publishes every READY item of an APPROVED (or interrupted PUBLISHING) batch, then marks it DONE. */
export async function publishBatch(
  db: PrismaClient,
  batchId: string,
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<PublishProgress> {
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  if (!batch.decidedById) throw new Error(`import batch ${batchId} has no approver`);
  const approver = await db.user.findUniqueOrThrow({
    where: { id: batch.decidedById },
    select: { id: true, displayName: true },
  });
  const items = await db.importItem.findMany({
    where: { batchId, status: "READY" },
    orderBy: { sequence: "asc" },
    select: { id: true },
  });
  const total = await db.importItem.count({
    where: { batchId, status: { in: ["READY", "PUBLISHED", "PUBLISH_FAILED"] } },
  });
  let done = total - items.length;
  const result: PublishProgress = { published: 0, failed: 0, effectsPending: 0 };
  await db.importBatch.update({
    where: { id: batchId },
    data: { progressDone: done, progressTotal: total, heartbeatAt: new Date() },
  });
  for (const item of items) {
    let outcome: ItemOutcome;
    try {
      // Longer than Prisma's 5 s default: on a loaded machine one item (render, search index, outbox) can take more.
      outcome = await db.$transaction(
        (tx) => publishItemInTx(tx, { batchId, itemId: item.id, approver, ownerId: batch.createdById }, new Date()),
        { timeout: 60_000, maxWait: 30_000 },
      );
    } catch (error) {
      outcome = {
        status: "PUBLISH_FAILED",
        reason:
          error instanceof AppError
            ? error.message
            : error instanceof Error
              ? error.message.slice(0, 500)
              : String(error),
      };
    }
    if (outcome.status === "PUBLISHED") {
      result.published++;
      // Committed: the effects run now and are retried by the job runner if they fail.
      if (outcome.effectId) result.effectsPending += (await afterCommit([outcome.effectId], db)).pending;
    } else {
      result.failed++;
      await db.importItem.update({
        where: { id: item.id },
        data: { status: "PUBLISH_FAILED", reason: outcome.reason },
      });
    }
    done++;
    await db.importBatch.update({ where: { id: batchId }, data: { progressDone: done, heartbeatAt: new Date() } });
    await onProgress?.(done, total);
  }
  await db.importBatch.update({ where: { id: batchId }, data: { status: "DONE" } });
  return result;
}

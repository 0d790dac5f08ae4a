import "server-only";
import { db as appDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { CACHE_CHANNEL, invalidationPayload } from "../cache/cache-bus";
import { evictOnEveryWorker } from "../cache/cache-store";
import { affectedTags } from "./publication-events";
import { publishStaticSite, updateStaticSite } from "./static-site";
import type { Tx } from "@/lib/db";

/**
 * After-commit effects of a publication change, as an outbox (docs/cache-and-outbox.md).
 *
 * Inside the transaction that changes what is live, `recordPublicationChange` / `recordSiteChange`
 * send the cache invalidation as a NOTIFY — PostgreSQL delivers it to every listening instance when,
 * and only when, the transaction commits — and write a PublicEffect row for the rest (the static
 * copy). After commit `afterCommit` evicts this instance's pages at once and works the row; if that
 * fails or the process dies first, every instance's job runner (lib/workflow/poller.ts) retries due
 * rows, claimed with FOR UPDATE SKIP LOCKED, until they are done. Each effect re-renders from what the
 * database says now, so running one late, twice or out of order converges on the same files.
 */

type Writer = Pick<PrismaClient, "article" | "publicEffect" | "$executeRaw">;

/** pg_advisory_xact_lock key serialising static-site writes across instances (the manifest is one file). */
const STATIC_LOCK = 51_471_001;
/** 5 s, 10 s, 20 s … capped at 5 minutes: an outage of the static disk is retried for as long as it lasts. */
export function effectRetryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

export interface EffectOptions {
  /** Where the static copy lives; default STATIC_DIR (none: there is nothing to write). */
  staticDir?: string | null;
  secret?: string;
}

function options(given: EffectOptions = {}): { staticDir: string | null; secret: string } {
  return {
    staticDir: given.staticDir === undefined ? (env().STATIC_DIR ?? null) : given.staticDir,
    secret: given.secret ?? env().AUTH_SECRET,
  };
}

/** In the change's transaction: what is live of `articleIds` changed. Returns the effect's id. */
export async function recordPublicationChange(tx: Writer | Tx, articleIds: readonly string[]): Promise<string> {
  const tags = await affectedTags(tx, articleIds);
  await tx.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${invalidationPayload(tags)})`;
  const row = await tx.publicEffect.create({
    data: { kind: "ARTICLES", articleIds: [...articleIds], tags },
    select: { id: true },
  });
  return row.id;
}

/** In the change's transaction: something every public page shows changed (settings, columns). */
export async function recordSiteChange(tx: Writer | Tx): Promise<string> {
  await tx.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${"{}"})`;
  const row = await tx.publicEffect.create({ data: { kind: "SITE" }, select: { id: true } });
  return row.id;
}

export type EffectRun = "done" | "retry" | "skipped";

interface EffectRow {
  id: string;
  kind: "ARTICLES" | "SITE";
  articleIds: string[];
  tags: string[];
  attempts: number;
}

/**
 * Carries out one pending effect: "done", "retry" (it failed; attempts and lastError recorded, runAt
 * pushed back) or "skipped" (already done, or another instance holds it right now).
 */
export async function runEffect(db: PrismaClient, id: string, given?: EffectOptions): Promise<EffectRun> {
  const { staticDir, secret } = options(given);
  let claimed: EffectRow | undefined;
  try {
    return await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<EffectRow[]>`
          SELECT id, kind::text AS kind, "articleIds"::text[] AS "articleIds", tags, attempts FROM "PublicEffect"
          WHERE id = ${id}::uuid AND "doneAt" IS NULL
          FOR UPDATE SKIP LOCKED`;
        claimed = rows[0];
        if (!claimed) return "skipped" as const;
        if (staticDir) {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STATIC_LOCK})`;
          // Reads go through the ordinary client: they see what is committed, which is what must be copied.
          if (claimed.kind === "SITE") await publishStaticSite(db, staticDir, secret);
          else await updateStaticSite(db, staticDir, secret, { articleIds: claimed.articleIds, tags: claimed.tags });
        }
        await tx.publicEffect.update({
          where: { id },
          data: { doneAt: new Date(), attempts: claimed.attempts + 1, lastError: null },
        });
        return "done" as const;
      },
      { timeout: 10 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    const row: EffectRow | undefined = claimed;
    if (!row) throw error;
    const attempts = row.attempts + 1;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    console.error(`[outbox] effect ${id} failed (attempt ${attempts}); it will be retried`, error);
    await db.publicEffect.update({
      where: { id },
      data: { attempts, lastError: message, runAt: new Date(Date.now() + effectRetryDelayMs(attempts)) },
    });
    return "retry";
  }
}

/** Done rows are kept this long (what happened is in the audit log; these only drive the work). */
const KEEP_DONE_MS = 30 * 24 * 60 * 60_000;

/** The job runner's part: every due pending effect, oldest first, at most `limit`. */
export async function runDueEffects(
  db: PrismaClient,
  now = new Date(),
  limit = 20,
  given?: EffectOptions,
): Promise<EffectRun[]> {
  await db.publicEffect.deleteMany({ where: { doneAt: { lt: new Date(now.getTime() - KEEP_DONE_MS) } } });
  const due = await db.publicEffect.findMany({
    where: { doneAt: null, runAt: { lte: now } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const runs: EffectRun[] = [];
  for (const { id } of due) runs.push(await runEffect(db, id, given));
  return runs;
}

export interface AfterCommit {
  /** Effects not carried out yet (they are retried by the job runner): the user is told so. */
  pending: number;
}

/**
 * Right after the change committed: this instance's cache at once (the NOTIFY reaches it too, a
 * moment later), then the effects themselves. Never throws for an effect that failed — the change is
 * committed, and the outbox keeps it until it is done.
 */
export async function afterCommit(
  effectIds: readonly string[],
  db: PrismaClient = appDb,
  given?: EffectOptions,
): Promise<AfterCommit> {
  if (effectIds.length === 0) return { pending: 0 };
  let pending = 0;
  try {
    const rows = await db.publicEffect.findMany({
      where: { id: { in: [...effectIds] } },
      select: { id: true, kind: true, tags: true },
    });
    await evictOnEveryWorker(rows.some((row) => row.kind === "SITE") ? "all" : rows.flatMap((row) => row.tags));
    for (const row of rows) if ((await runEffect(db, row.id, given)) !== "done") pending++;
  } catch (error) {
    console.error("[outbox] after-commit effects could not run now; the job runner will retry them", error);
    await evictOnEveryWorker("all");
    return { pending: effectIds.length };
  }
  return { pending };
}

export interface PendingEffect {
  id: string;
  kind: "ARTICLES" | "SITE";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  runAt: Date;
}

/** Effects not done yet, oldest first: all of them, or those touching one article (the review page). */
export async function pendingEffects(
  db: Pick<PrismaClient, "publicEffect">,
  articleId?: string,
  take = 20,
): Promise<{ total: number; items: PendingEffect[] }> {
  const where: Prisma.PublicEffectWhereInput = {
    doneAt: null,
    ...(articleId ? { OR: [{ articleIds: { has: articleId } }, { kind: "SITE" }] } : {}),
  };
  const [total, items] = await Promise.all([
    db.publicEffect.count({ where }),
    db.publicEffect.findMany({
      where,
      orderBy: { createdAt: "asc" },
      take,
      select: { id: true, kind: true, attempts: true, lastError: true, createdAt: true, runAt: true },
    }),
  ]);
  return { total, items };
}

export const outboxText = {
  /** Appended to a success message when the change committed but its effects are still pending. */
  pendingNotice: "公开网站的静态副本尚未更新完成，系统正在自动重试；完成前可在首页“发布任务”中查看进度。",
  pendingTitle: "发布任务未完成",
  pendingSummary: (count: number) => `有 ${count} 项发布后的更新（静态网站副本）尚未完成，系统正在自动重试。`,
  failedItem: (attempts: number, error: string) => `已重试 ${attempts} 次，最近一次失败：${error}`,
  waitingItem: "等待执行",
  kind: { ARTICLES: "稿件发布/撤稿", SITE: "网站设置/栏目变更" } as Record<"ARTICLES" | "SITE", string>,
};

/**
 * After a command that recorded its effects in its own transaction (settings, columns, home slots):
 * this instance's cache at once, then every due effect. Returns what is still pending.
 */
export async function afterCommitted(db: PrismaClient = appDb, given?: EffectOptions): Promise<AfterCommit> {
  await evictOnEveryWorker("all");
  try {
    await runDueEffects(db, new Date(), 20, given);
    return { pending: await db.publicEffect.count({ where: { doneAt: null } }) };
  } catch (error) {
    console.error("[outbox] effects could not run now; the job runner will retry them", error);
    return { pending: 1 };
  }
}

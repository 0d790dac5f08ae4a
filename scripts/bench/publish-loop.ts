/**
 * Staff publishing in a loop, for bench:http's "throughput under publishing": one article in the
 * target page's column goes round withdraw → submit → 初审 → 复审 → 终审 → publish through the real
 * workflow command (lib/workflow/transition.ts, what the review screens' server actions call), as fast
 * as it can. It is published as the column's newest, so the target — the column's newest article
 * before it — links it as a neighbour: every publish and every withdrawal invalidates the target page
 * on the app (by the NOTIFY after commit), which then renders it again under load.
 *
 * Needs DATABASE_URL set to the app's database before it is called (lib/db reads it on import).
 */
import Module from "node:module";
import path from "node:path";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { cliAdapter } from "../../lib/db-pool";

/** The workflow's modules are `server-only`; this is server code (see scripts/bench/workflow-transition.ts). */
function allowServerOnly(): void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolveFilename = loader._resolveFilename;
  if ((resolveFilename as { cmsServerOnly?: boolean }).cmsServerOnly) return;
  const patched = (request: string, ...rest: unknown[]) =>
    resolveFilename(
      request === "server-only" ? path.join(__dirname, "../../tests/support/empty-module.ts") : request,
      ...rest,
    );
  (patched as { cmsServerOnly?: boolean }).cmsServerOnly = true;
  loader._resolveFilename = patched;
}

export interface PublishLoop {
  /** The column's newest live article before the loop's own: the page whose p99 is measured. */
  targetSlug: string;
  start(): void;
  /** Stops after the current transition; returns how many publications and withdrawals ran. */
  stop(): Promise<{ publishes: number; withdrawals: number }>;
  close(): Promise<void>;
}

export async function preparePublishLoop(databaseUrl: string, columnSlug: string): Promise<PublishLoop> {
  allowServerOnly();
  const db = new PrismaClient({ adapter: cliAdapter(databaseUrl) });
  const { transition } = await import("../../lib/workflow/transition");
  const { createArticle } = await import("../../lib/articles/commands");
  const column = await db.column.findUniqueOrThrow({ where: { slug: columnSlug }, select: { id: true } });
  const target = await db.article.findFirst({
    where: { publishedColumnId: column.id, publishedRevisionId: { not: null }, withdrawnAt: null },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { slug: true },
  });
  if (!target) throw new Error(`column ${columnSlug} has no live article`);
  const user = async (username: string, roles: { role: "EDITOR" | "REVIEWER"; level: number | null }[]) => {
    const row = await db.user.create({
      data: {
        username,
        displayName: username,
        passwordHash: "-",
        mustChangePassword: false,
        roles: { create: roles.map((role) => ({ ...role, columnId: null })) },
      },
      select: { id: true, roles: { select: { role: true, level: true, columnId: true } } },
    });
    return { id: row.id, mustChangePassword: false, roles: row.roles };
  };
  const editor = await user("bench_loop_editor", [{ role: "EDITOR", level: null }]);
  const reviewers = [1, 2, 3].map((level) => user(`bench_loop_r${level}`, [{ role: "REVIEWER", level }]));
  const [first, second, final] = await Promise.all(reviewers);
  if (!first || !second || !final) throw new Error("reviewers not created");
  const paragraph = "全区宣传思想文化工作会议总结了今年的工作，部署了明年的任务。".repeat(10);
  const body = {
    type: "doc" as const,
    content: Array.from({ length: 12 }, () => ({
      type: "paragraph" as const,
      content: [{ type: "text" as const, text: paragraph }],
    })),
  };
  const { articleId } = await createArticle(db, editor, {
    title: "基准循环发布稿件",
    seriesMark: "",
    columnId: column.id,
    source: "",
    byline: "",
    summary: "",
    lead: "",
    coverId: null,
    profileId: null,
    body,
  });

  const version = async () =>
    await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true, status: true } });
  const counts = { publishes: 0, withdrawals: 0 };
  let running: Promise<void> | undefined;
  let stopping = false;

  async function cycle(): Promise<void> {
    const current = await version();
    if (current.status === "PUBLISHED") {
      await transition(db, final, {
        articleId,
        event: "withdraw",
        reason: "基准测试撤稿",
        lockVersion: current.lockVersion,
      });
      counts.withdrawals++;
      return;
    }
    await transition(db, editor, { articleId, event: "submit", lockVersion: current.lockVersion });
    for (const reviewer of [first, second, final]) {
      const state = await version();
      if (state.status !== "IN_REVIEW") break;
      await transition(db, reviewer, { articleId, event: "approve", lockVersion: state.lockVersion });
    }
    await transition(db, final, { articleId, event: "publish", lockVersion: (await version()).lockVersion });
    counts.publishes++;
  }

  return {
    targetSlug: target.slug,
    start() {
      stopping = false;
      counts.publishes = 0;
      counts.withdrawals = 0;
      running = (async () => {
        while (!stopping) await cycle();
      })();
    },
    async stop() {
      stopping = true;
      await running;
      const done = { ...counts };
      // Left live, so that a later quiet measurement reads the article, not its 410.
      if ((await version()).status !== "PUBLISHED") await cycle();
      return done;
    },
    async close() {
      await db.$disconnect();
      const { stopCacheBus } = await import("../../lib/public/cache/cache-bus");
      await stopCacheBus();
      const { db: shared } = await import("../../lib/db");
      await shared.$disconnect();
    },
  };
}

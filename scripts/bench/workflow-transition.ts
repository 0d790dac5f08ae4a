/**
 * `npm run bench:workflow`: times workflow transitions (submit, three approvals, publish) on a scratch
 * database, each one a full `transition()` — row lock, guards, Review row, audit event, notifications,
 * and for publish the cache invalidation after commit (target: p95 < 50 ms).
 */
import Module from "node:module";
import path from "node:path";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { cliAdapter } from "../../lib/db-pool";

const ARTICLES = Number(process.env.BENCH_WORKFLOW_ARTICLES ?? 60);
const TARGET_P95_MS = 50;

/**
 * The workflow's modules are marked `server-only`, which throws outside Next's server bundle; this CLI
 * is server code, so the marker resolves to an empty module here, as it does under jest. (Running with
 * `--conditions=react-server` instead breaks next/navigation, which lib/permissions imports.)
 */
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = (request: string, ...rest: unknown[]) =>
  resolveFilename(
    request === "server-only" ? path.join(__dirname, "../../tests/support/empty-module.ts") : request,
    ...rest,
  );

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase("bench_workflow");
  // lib/db (used by the public cache invalidation) reads its configuration once, on first import.
  process.env.DATABASE_URL = scratch.url;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  const db = new PrismaClient({ adapter: cliAdapter(scratch.url) });
  try {
    const { transition } = await import("../../lib/workflow/transition");
    const { createArticle } = await import("../../lib/articles/commands");
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
    const editor = await user("bench_editor", [{ role: "EDITOR", level: null }]);
    const reviewers = [
      await user("bench_r1", [{ role: "REVIEWER", level: 1 }]),
      await user("bench_r2", [{ role: "REVIEWER", level: 2 }]),
      await user("bench_r3", [{ role: "REVIEWER", level: 3 }]),
    ];
    const column = await db.column.create({ data: { slug: "bench", name: "基准" } });
    const paragraph = "全区宣传思想文化工作会议总结了今年的工作，部署了明年的任务。".repeat(20);
    const body = {
      type: "doc" as const,
      content: Array.from({ length: 30 }, () => ({
        type: "paragraph" as const,
        content: [{ type: "text" as const, text: paragraph }],
      })),
    };

    const timings: Record<string, number[]> = { submit: [], approve: [], publish: [] };
    const timed = async (kind: string, run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      timings[kind].push(performance.now() - started);
    };
    for (let i = 0; i < ARTICLES; i += 1) {
      const { articleId } = await createArticle(db, editor, {
        title: `基准稿件 ${i}`,
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
        (await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true } })).lockVersion;
      await timed("submit", async () =>
        transition(db, editor, { articleId, event: "submit", lockVersion: await version() }),
      );
      for (const reviewer of reviewers)
        await timed("approve", async () =>
          transition(db, reviewer, { articleId, event: "approve", lockVersion: await version() }),
        );
      await timed("publish", async () =>
        transition(db, reviewers[2], { articleId, event: "publish", lockVersion: await version() }),
      );
    }
    const all = Object.values(timings)
      .flat()
      .sort((a, b) => a - b);
    for (const [kind, values] of Object.entries(timings)) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        `${kind.padEnd(8)} n=${sorted.length} p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms`,
      );
    }
    const p95 = percentile(all, 95);
    console.log(
      `workflow transition p95 ${p95.toFixed(1)} ms (n=${all.length}, includes one lockVersion read each) — target < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? "OK" : "TOO SLOW"}`,
    );
    recordResult({
      issue: 5,
      name: "workflow transition, p95",
      value: `${p95.toFixed(1)} ms`,
      target: `< ${TARGET_P95_MS} ms`,
      pass: p95 < TARGET_P95_MS,
    });
  } finally {
    await db.$disconnect();
    const { stopCacheBus } = await import("../../lib/public/cache/cache-bus");
    await stopCacheBus();
    const { db: shared } = await import("../../lib/db");
    await shared.$disconnect();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

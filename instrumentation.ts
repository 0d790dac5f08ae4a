/**
 * Next calls register() once when a server instance starts. The scheduled-publishing poller and the
 * audit anchoring need Node (pg, the Prisma client), so they start only in the Node.js runtime,
 * never in the edge one.
 * NEXT_RUNTIME is set by Next itself, not configuration, which is why it is read here and not in lib/env.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startScheduledPublishing } = await import("@/lib/workflow/poller");
    startScheduledPublishing();
    // The audit chain's head, copied outside the database every few minutes (lib/audit/anchor.ts).
    const [{ startAuditAnchoring }, { db }] = await Promise.all([import("@/lib/audit/anchor"), import("@/lib/db")]);
    startAuditAnchoring(db);
    const { startInspectionPoller } = await import("@/lib/inspection/poller");
    startInspectionPoller();
    const { startImportPoller } = await import("@/lib/import/poller");
    startImportPoller();
    // 已发布稿件复查 after a term or leader list change (lib/checks/sweep.ts).
    const { startTermSweepPoller } = await import("@/lib/checks/sweep-poller");
    startTermSweepPoller();
  }
}

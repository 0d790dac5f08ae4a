import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MediaStorage } from "@/lib/media/storage";
import { prepareBatch } from "./prepare";
import { publishBatch } from "./publish";

/**
 * The import job (docs/import.md): long work never runs inside a request. Every app instance's
 * poller (lib/import/poller.ts) claims at most one batch at a time — QUEUED to prepare, APPROVED to
 * publish, or one of those whose runner died (no heartbeat for STALE_MS) — with FOR UPDATE SKIP
 * LOCKED, so two instances never work the same batch.
 */

export const STALE_MS = 2 * 60_000;

interface Claimed {
  id: string;
  phase: "prepare" | "publish";
}

export async function claimBatch(db: PrismaClient, now = new Date()): Promise<Claimed | null> {
  const stale = new Date(now.getTime() - STALE_MS);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT id, status::text AS status FROM "ImportBatch"
      WHERE status IN ('QUEUED', 'APPROVED') OR (status IN ('PREPARING', 'PUBLISHING') AND "heartbeatAt" < ${stale})
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
    const row = rows[0];
    if (!row) return null;
    const phase = row.status === "QUEUED" || row.status === "PREPARING" ? "prepare" : "publish";
    await tx.importBatch.update({
      where: { id: row.id },
      data: { status: phase === "prepare" ? "PREPARING" : "PUBLISHING", heartbeatAt: now },
    });
    return { id: row.id, phase };
  });
}

/** Claims and works one batch; false when there was nothing to do. */
export async function runOneImport(db: PrismaClient, storage: MediaStorage): Promise<boolean> {
  const claimed = await claimBatch(db);
  if (!claimed) return false;
  try {
    if (claimed.phase === "prepare") {
      const files = await db.importSourceFile.findMany({
        where: { batchId: claimed.id },
        select: { path: true, data: true },
      });
      const result = await prepareBatch(
        { db, storage },
        claimed.id,
        files.map((file) => ({ path: file.path, data: Buffer.from(file.data) })),
      );
      await db.importBatch.update({ where: { id: claimed.id }, data: { skippedCount: result.skipped } });
      // The photos are in the library now and the preview holds the rest: the upload is not kept.
      await db.importSourceFile.deleteMany({ where: { batchId: claimed.id } });
    } else {
      await publishBatch(db, claimed.id);
    }
  } catch (error) {
    console.error(`[import] batch ${claimed.id} failed`, error);
    await db.importBatch.update({
      where: { id: claimed.id },
      data: { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : String(error) },
    });
  }
  return true;
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SweepableStorage } from "@/lib/media/storage";
import type { Gauges } from "./metrics";

/** Jobs that are due and not run yet, and jobs failed for good: a growing backlog means no poller works. */
export async function jobBacklog(db: Pick<PrismaClient, "job">, now = new Date()): Promise<Gauges["jobBacklog"]> {
  const [due, failed] = await Promise.all([
    db.job.count({ where: { status: "PENDING", runAt: { lte: now } } }),
    db.job.count({ where: { status: "FAILED" } }),
  ]);
  return { due, failed };
}

export async function storageHealth(
  storage: SweepableStorage,
  kind: "disk" | "s3",
  timeoutMs = 2000,
): Promise<{ kind: string; ok: boolean; message?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      storage.probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      }),
    ]);
    return { kind, ok: true };
  } catch (error) {
    return {
      kind,
      ok: false,
      message: `图片存储不可用 / photo storage unavailable: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

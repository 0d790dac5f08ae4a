import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseRenditions } from "./renditions";
import type { SweepableStorage } from "./storage";

/**
 * Removes photo files no Media row refers to (#18 finding 6): what a killed upload or a failed
 * deletion left behind. An upload stores its files first and commits its row afterwards, so a file
 * younger than `graceMs` may belong to an upload still in flight and is kept; rows are read after the
 * listing, so a row committed meanwhile protects its files too. Run by `npm run media:sweep`.
 */
export const DEFAULT_SWEEP_GRACE_MS = 6 * 3600_000;

export interface SweepResult {
  removed: string[];
  abandonedWrites: number;
  kept: number;
}

export async function sweepOrphanMedia(
  db: Pick<PrismaClient, "media">,
  storage: SweepableStorage,
  options: { graceMs?: number; now?: Date; dryRun?: boolean } = {},
): Promise<SweepResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? DEFAULT_SWEEP_GRACE_MS));
  const candidates: string[] = [];
  let kept = 0;
  for await (const object of storage.list()) {
    if (object.modifiedAt < cutoff) candidates.push(object.key);
    else kept += 1;
  }
  const referenced = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.media.findMany({
      select: { id: true, storageKey: true, renditions: true },
      orderBy: { id: "asc" },
      take: 1000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) {
      referenced.add(row.storageKey);
      for (const rendition of parseRenditions(row.renditions)) referenced.add(rendition.key);
    }
    if (rows.length < 1000) break;
    cursor = rows[rows.length - 1]?.id;
  }
  const removed: string[] = [];
  for (const key of candidates) {
    if (referenced.has(key)) {
      kept += 1;
      continue;
    }
    if (!options.dryRun) await storage.remove(key);
    removed.push(key);
  }
  const abandonedWrites = options.dryRun ? 0 : await storage.removeAbandonedWrites(cutoff);
  return { removed, abandonedWrites, kept };
}

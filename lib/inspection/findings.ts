import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { KIND_RULES, type FindingKind } from "./kinds";

/**
 * Writes a run's findings as it goes, in batches, so a run over the whole site holds only one batch
 * in memory and a run that fails half way has recorded what it found. A finding that is still open
 * from an earlier run (same key) is marked seen again rather than duplicated; only truly new ones
 * are created — and reported back, so 单项否决 ones can be notified at once.
 */

export interface FindingInput {
  kind: FindingKind;
  page: string;
  element: string;
  evidence: string;
  external?: boolean;
  columnId?: string | null;
  articleId?: string | null;
}

export interface NewFinding extends FindingInput {
  id: string;
}

const BATCH = 200;

export function findingKey(kind: string, page: string, element: string): string {
  return createHash("sha256").update(`${kind}\u0000${page}\u0000${element}`).digest("hex");
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export class FindingSink {
  private buffer = new Map<string, FindingInput>();
  /** Findings of this run per kind (each counted once, however often it is reported). */
  readonly counts = new Map<FindingKind, number>();

  constructor(
    private readonly db: PrismaClient,
    private readonly runId: string,
    private readonly now: () => Date,
    private readonly onNew: (created: NewFinding[]) => Promise<void>,
  ) {}

  async add(finding: FindingInput): Promise<void> {
    const page = clip(finding.page, 500);
    const element = clip(finding.element, 1000);
    this.buffer.set(findingKey(finding.kind, page, element), { ...finding, page, element });
    if (this.buffer.size >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.size === 0) return;
    const batch = this.buffer;
    this.buffer = new Map();
    const keys = [...batch.keys()];
    const at = this.now();
    const created = await this.db.$transaction(async (tx) => {
      const open = await tx.inspectionFinding.findMany({
        where: { key: { in: keys }, resolvedAt: null },
        select: { id: true, key: true, lastSeenRunId: true, evidence: true },
      });
      const openByKey = new Map(open.map((row) => [row.key, row]));
      const again = open.filter((row) => row.lastSeenRunId !== this.runId);
      if (again.length > 0) {
        await tx.inspectionFinding.updateMany({
          where: { id: { in: again.map((row) => row.id) } },
          data: { lastSeenRunId: this.runId, lastSeenAt: at },
        });
      }
      // The evidence may have moved on (a column overdue by more days): keep the newest.
      for (const row of open) {
        const evidence = batch.get(row.key)?.evidence;
        if (evidence !== undefined && evidence !== row.evidence)
          await tx.inspectionFinding.update({ where: { id: row.id }, data: { evidence } });
      }
      for (const row of again) this.count(batch.get(row.key)?.kind);
      const fresh = keys.filter((key) => !openByKey.has(key));
      const rows = fresh.map((key) => {
        const finding = batch.get(key) as FindingInput;
        return {
          key,
          kind: finding.kind,
          severity: KIND_RULES[finding.kind].severity,
          page: finding.page,
          element: finding.element,
          evidence: finding.evidence,
          external: finding.external ?? false,
          columnId: finding.columnId ?? null,
          articleId: finding.articleId ?? null,
          firstSeenRunId: this.runId,
          lastSeenRunId: this.runId,
          firstSeenAt: at,
          lastSeenAt: at,
        };
      });
      if (rows.length === 0) return [];
      const inserted = await tx.inspectionFinding.createManyAndReturn({ data: rows, select: { id: true, key: true } });
      return inserted.map((row) => ({ id: row.id, ...(batch.get(row.key) as FindingInput) }));
    });
    for (const finding of created) this.count(finding.kind);
    if (created.length > 0) await this.onNew(created);
  }

  private count(kind: FindingKind | undefined): void {
    if (kind) this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }
}

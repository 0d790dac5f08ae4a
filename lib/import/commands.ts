import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ImportFormat } from "@/lib/generated/prisma/enums";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { can, FORBIDDEN_MESSAGE, type PermissionUser } from "@/lib/permissions";
import { importText } from "./messages";
import { importOptionsSchema, type ImportOptions } from "./schemas";
import type { SourceFile } from "./types";

/**
 * The batch's life (docs/import.md): an editor creates it (`import.create`, the source stored for the
 * job runner, or prepared at once by the CLI); the runner's dry run makes it READY; a 终审 of EVERY
 * column its items go to approves it as a whole (`import.approve`) or rejects it (`import.reject`);
 * the runner then publishes it item by item (`import.article` each). Every command checks the caller
 * on the server and is one transaction with its audit event.
 */

const e = importText.errors;

export interface CreateBatchInput {
  format: ImportFormat;
  sourceName: string;
  columnId: string;
  options?: Partial<ImportOptions>;
  /** The upload, kept for the job runner; omitted by the CLI, which prepares in its own process. */
  files?: readonly SourceFile[];
}

export async function createImportBatch(
  db: PrismaClient,
  actor: PermissionUser,
  input: CreateBatchInput,
): Promise<{ id: string }> {
  if (!can(actor, "import.create")) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  const options = importOptionsSchema.parse(input.options ?? {});
  return db.$transaction(
    async (tx) => {
      const column = await tx.column.findUnique({ where: { id: input.columnId }, select: { id: true, name: true } });
      if (!column) throw new AppError("VALIDATION", e.columnMissing, "columnId");
      const batch = await tx.importBatch.create({
        data: {
          format: input.format,
          sourceName: [...input.sourceName].slice(0, 255).join("") || "import",
          columnId: column.id,
          options: options as unknown as Prisma.InputJsonValue,
          createdById: actor.id,
          // The CLI prepares right away in its own process; an upload waits for a runner.
          status: input.files ? "QUEUED" : "PREPARING",
        },
        select: { id: true },
      });
      if (input.files?.length) {
        await tx.importSourceFile.createMany({
          data: input.files.map((file) => ({
            batchId: batch.id,
            path: file.path.slice(0, 1000),
            data: new Uint8Array(file.data),
          })),
        });
      }
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "import.create",
        target: `import:${batch.id}`,
        data: {
          format: input.format,
          sourceName: input.sourceName,
          columnId: column.id,
          files: input.files?.length ?? null,
        },
      });
      return batch;
      // Storing a large upload takes longer than Prisma's 5 s default.
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** The columns a batch would publish into (its READY items'), with names for messages. */
export async function batchTargetColumns(
  db: Pick<PrismaClient, "importItem" | "column">,
  batchId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await db.importItem.findMany({
    where: { batchId, status: "READY" },
    distinct: ["columnId"],
    select: { columnId: true },
  });
  const ids = rows.map((row) => row.columnId).filter((id): id is string => id !== null);
  return db.column.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
}

/** Whether `actor` is a 终审 of every column in `columns` (what approving a batch takes). */
export function mayApprove(actor: PermissionUser, columns: readonly { id: string }[]): boolean {
  return columns.length > 0 && columns.every((column) => can(actor, "import.approve", { columnId: column.id }));
}

interface Decision {
  batchId: string;
  comment: string;
}

async function lockReadyBatch(tx: Prisma.TransactionClient, batchId: string) {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "ImportBatch" WHERE id = ${batchId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", e.notFound);
  const batch = await tx.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  if (batch.status !== "READY")
    throw new AppError("CONFLICT", e.notReady(importText.statusLabels[batch.status] ?? batch.status));
  return batch;
}

async function checkDecider(
  tx: Prisma.TransactionClient,
  actor: PermissionUser,
  batch: { id: string; createdById: string },
) {
  const columns = await batchTargetColumns(tx, batch.id);
  if (columns.length === 0) throw new AppError("CONFLICT", e.nothingToApprove);
  if (!mayApprove(actor, columns))
    throw new AppError("FORBIDDEN", e.notFinalReviewer(columns.map((column) => column.name).join("、")));
  if (batch.createdById === actor.id) throw new AppError("FORBIDDEN", e.ownBatch);
  return columns;
}

/**
 * 批准: the 终审's approval of the whole preview. The batch becomes APPROVED and the job runner
 * publishes it; one `import.approve` event names the items and columns approved.
 */
export async function approveImportBatch(db: PrismaClient, actor: PermissionUser, input: Decision): Promise<void> {
  await db.$transaction(async (tx) => {
    const batch = await lockReadyBatch(tx, input.batchId);
    const columns = await checkDecider(tx, actor, batch);
    const ready = await tx.importItem.count({ where: { batchId: batch.id, status: "READY" } });
    const failed = await tx.importItem.count({ where: { batchId: batch.id, status: "FAILED" } });
    await tx.importBatch.update({
      where: { id: batch.id },
      data: {
        status: "APPROVED",
        decidedById: actor.id,
        decidedAt: new Date(),
        decisionComment: input.comment,
        progressDone: 0,
        progressTotal: ready,
      },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "import.approve",
      target: `import:${batch.id}`,
      data: { items: ready, failedItems: failed, columns: columns.map((column) => column.id), comment: input.comment },
    });
  });
}

/** 驳回: nothing is published; the prepared photos stay in the library like any unused upload. */
export async function rejectImportBatch(db: PrismaClient, actor: PermissionUser, input: Decision): Promise<void> {
  await db.$transaction(async (tx) => {
    const batch = await lockReadyBatch(tx, input.batchId);
    await checkDecider(tx, actor, batch);
    await tx.importBatch.update({
      where: { id: batch.id },
      data: { status: "REJECTED", decidedById: actor.id, decidedAt: new Date(), decisionComment: input.comment },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "import.reject",
      target: `import:${batch.id}`,
      data: { comment: input.comment },
    });
  });
}

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalKind } from "@/lib/generated/prisma/enums";
import { appendAuditEvent } from "@/lib/audit/append";
import { mustChangePassword } from "@/lib/auth/policy";
import { mustEnrolTotp } from "@/lib/auth/second-factor";
import { AppError } from "@/lib/errors";
import type { PermissionUser } from "@/lib/permissions";
import { approvalsText } from "./messages";
import { mayRequest } from "./rules";
import type { Tx } from "@/lib/db";

const e = approvalsText.errors;

/**
 * The caller as the database knows them now (not as their session remembers them): roles, status
 * the forced password change (an issued password, or one past its age) and a second factor still to enrol. Two-person decisions are taken on this, never on the session.
 */
export async function loadActor(tx: Tx, actorId: string): Promise<PermissionUser> {
  const actor = await tx.user.findUnique({
    where: { id: actorId },
    select: {
      id: true,
      status: true,
      mustChangePassword: true,
      passwordChangedAt: true,
      totpEnabledAt: true,
      roles: { select: { role: true, level: true, columnId: true } },
    },
  });
  if (!actor || actor.status !== "ACTIVE") throw new AppError("FORBIDDEN", e.notRequester);
  return {
    id: actor.id,
    roles: actor.roles,
    mustChangePassword: mustChangePassword(actor),
    mustEnrolTotp: mustEnrolTotp(actor),
  };
}

export interface NewRequest {
  kind: ApprovalKind;
  /** `user:<id>` or `username:<name>`: one pending request per kind and subject. */
  subject: string;
  targetUserId: string | null;
  data: Prisma.InputJsonObject;
}

/**
 * Opens a two-person request inside the caller's transaction and audits it. The requester's role is
 * checked against the database; a second pending request for the same thing is refused (the
 * partial unique index decides when two arrive at once).
 */
export async function openRequest(tx: Tx, actorId: string, request: NewRequest): Promise<{ requestId: string }> {
  const actor = await loadActor(tx, actorId);
  if (!mayRequest(actor, request.kind, request.targetUserId)) throw new AppError("FORBIDDEN", e.notRequester);
  const pending = await tx.approvalRequest.findFirst({
    where: { kind: request.kind, subject: request.subject, status: "PENDING" },
    select: { id: true },
  });
  if (pending) throw new AppError("CONFLICT", e.pendingExists);
  const created = await tx.approvalRequest.create({
    data: {
      kind: request.kind,
      subject: request.subject,
      targetUserId: request.targetUserId,
      requestedById: actorId,
      data: request.data,
    },
    select: { id: true },
  });
  await appendAuditEvent(tx, {
    actorId,
    action: "approval.request",
    target: `approval:${created.id}`,
    data: { kind: request.kind, subject: request.subject, ...request.data },
  });
  return { requestId: created.id };
}

/** The one-pending index answering for a request that raced another. */
export function isPendingConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { applyTotpReset } from "@/lib/auth/two-factor";
import { AppError } from "@/lib/errors";
import {
  applyPasswordReset,
  applyRoles,
  checkPrivilegedTarget,
  insertAccount,
  loadTarget,
  lockAdminSet,
  sameRoles,
  type Actor,
  type IssuedPassword,
} from "@/lib/users/commands";
import { approvalsText } from "./messages";
import { loadActor } from "./requests";
import { mayDecide } from "./rules";

const e = approvalsText.errors;

/** What the request rows carry, read back with zod: the JSON column is not trusted blindly. */
const roleRow = z.object({
  role: z.enum(["ADMIN", "SECURITY_ADMIN", "EDITOR", "REVIEWER", "AUDITOR"]),
  level: z.number().int().nullable(),
  columnId: z.string().nullable(),
});
const grantData = z.object({ before: z.array(roleRow), after: z.array(roleRow) });
const auditorData = z.object({ username: z.string(), displayName: z.string() });

export type Decision = "approve" | "reject";

/** What an approval hands back: for a created or reset account, the one-time password, to the approver only. */
export type DecisionResult = { kind: string; issued?: IssuedPassword };

/**
 * Approves or rejects a pending request in one transaction: the row is claimed (`status = PENDING`
 * in the UPDATE's WHERE, so of two clicks one wins and the other gets CONFLICT), the decider's roles
 * are read from the database and checked against the request (the other administrator role, not the
 * requester, not the account concerned), then the effect is applied and both the decision and the
 * effect are audited with the decider as actor and the requester named in the data.
 */
export async function decideRequest(
  db: PrismaClient,
  actor: Actor,
  requestId: string,
  decision: Decision,
): Promise<DecisionResult> {
  const peek = await db.approvalRequest.findUnique({ where: { id: requestId }, select: { kind: true } });
  if (!peek) throw new AppError("NOT_FOUND", e.notFound);
  // Hash outside the transaction (argon2 takes tens of milliseconds); used only if the kind issues one.
  const issuesPassword = decision === "approve" && (peek.kind === "CREATE_AUDITOR" || peek.kind === "RESET_PASSWORD");
  const password = issuesPassword ? generatePassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;

  return db.$transaction(async (tx) => {
    // A grant may take a role away too: the same lock as every other change to the administrators.
    await lockAdminSet(tx);
    const request = await tx.approvalRequest.findUnique({ where: { id: requestId } });
    if (!request) throw new AppError("NOT_FOUND", e.notFound);
    if (!mayDecide(await loadActor(tx, actor.id), request)) throw new AppError("FORBIDDEN", e.notYours);
    const claimed = await tx.approvalRequest.updateMany({
      where: { id: request.id, status: "PENDING" },
      data: { status: decision === "approve" ? "APPROVED" : "REJECTED", decidedById: actor.id, decidedAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", e.alreadyDecided);
    const approval = { approvalRequestId: request.id, requestedById: request.requestedById };
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: decision === "approve" ? "approval.approve" : "approval.reject",
      target: `approval:${request.id}`,
      data: { kind: request.kind, subject: request.subject, requestedById: request.requestedById },
    });
    if (decision === "reject") return { kind: request.kind };

    switch (request.kind) {
      case "CREATE_AUDITOR": {
        const data = auditorData.parse(request.data);
        if (!password || !passwordHash) throw new Error("no password prepared for an auditor account");
        const user = await insertAccount(
          tx,
          actor.id,
          { ...data, roles: [{ role: "AUDITOR", level: null, columnId: null }] },
          passwordHash,
          approval,
        );
        await tx.approvalRequest.update({ where: { id: request.id }, data: { targetUserId: user.id } });
        return { kind: request.kind, issued: { userId: user.id, username: user.username, password } };
      }
      case "RESET_PASSWORD": {
        if (!request.targetUserId || !password || !passwordHash) throw new AppError("CONFLICT", e.targetGone);
        const user = await loadTarget(tx, request.targetUserId);
        if (user.status !== "ACTIVE") throw new AppError("CONFLICT", e.targetGone);
        await applyPasswordReset(tx, actor.id, user, passwordHash, approval);
        return { kind: request.kind, issued: { userId: user.id, username: user.username, password } };
      }
      case "RESET_TOTP": {
        if (!request.targetUserId) throw new AppError("CONFLICT", e.targetGone);
        const user = await loadTarget(tx, request.targetUserId);
        if (user.status !== "ACTIVE") throw new AppError("CONFLICT", e.targetGone);
        await applyTotpReset(tx, actor.id, user, approval);
        return { kind: request.kind };
      }
      case "GRANT_ROLES": {
        if (!request.targetUserId) throw new AppError("CONFLICT", e.targetGone);
        const data = grantData.parse(request.data);
        const user = await loadTarget(tx, request.targetUserId);
        if (!sameRoles(user.roles, data.before)) throw new AppError("CONFLICT", e.stale);
        checkPrivilegedTarget(user);
        await applyRoles(tx, actor.id, user, data.after, approval);
        return { kind: request.kind };
      }
    }
  });
}

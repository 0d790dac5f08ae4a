import type { ApprovalKind } from "@/lib/generated/prisma/enums";
import { administratorRoleOf, type AdministratorRole, type PermissionUser } from "@/lib/permissions";

/**
 * The two-person rule (docs/roles.md), as data: for each kind of request, the administrator role that
 * asks and the OTHER administrator role that decides. Nobody decides a request they made or one about
 * their own account; the database backs the first (CHECK manual_approval_not_own).
 */
export const APPROVAL_RULES = {
  /** 系统管理员 asks for an auditor account; the account is created when a 安全管理员 approves. */
  CREATE_AUDITOR: { requester: "ADMIN", approver: "SECURITY_ADMIN" },
  /** 安全管理员 asks to reset an administrator's (the auditor's included) or a 终审's password; a 系统管理员 approves. */
  RESET_PASSWORD: { requester: "SECURITY_ADMIN", approver: "ADMIN" },
  /** 安全管理员 asks to grant 终审 or an administrator role; a 系统管理员 approves. */
  GRANT_ROLES: { requester: "SECURITY_ADMIN", approver: "ADMIN" },
  /** 安全管理员 asks to reset an administrator's or a 终审's second factor (lost device); a 系统管理员 approves. */
  RESET_TOTP: { requester: "SECURITY_ADMIN", approver: "ADMIN" },
} as const satisfies Record<ApprovalKind, { requester: AdministratorRole; approver: AdministratorRole }>;

export const APPROVAL_KINDS = Object.keys(APPROVAL_RULES) as ApprovalKind[];

export interface ApprovalParties {
  kind: ApprovalKind;
  requestedById: string;
  targetUserId: string | null;
}

/** Whether `user` may open a request of this kind (about `targetUserId`, never their own account). */
export function mayRequest(user: PermissionUser | null, kind: ApprovalKind, targetUserId: string | null): boolean {
  if (!user || user.mustChangePassword || user.mustEnrolTotp) return false;
  if (targetUserId !== null && targetUserId === user.id) return false;
  return administratorRoleOf(user) === APPROVAL_RULES[kind].requester;
}

/** Whether `user` may approve or reject this request: the other role, not the requester, not the target. */
export function mayDecide(user: PermissionUser | null, request: ApprovalParties): boolean {
  if (!user || user.mustChangePassword || user.mustEnrolTotp) return false;
  if (user.id === request.requestedById || user.id === request.targetUserId) return false;
  return administratorRoleOf(user) === APPROVAL_RULES[request.kind].approver;
}

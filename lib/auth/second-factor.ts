import { isPrivilegedRole, type RoleAssignment } from "@/lib/roles";

/**
 * Who must use the second factor: every account holding a privileged role — 系统管理员, 安全管理员,
 * 安全审计员 and 终审 (isPrivilegedRole), the accounts 等保 8.1.4.1 d asks two techniques of. Others
 * may turn it on in 我的账户.
 */
export function secondFactorRequired(roles: readonly Pick<RoleAssignment, "role" | "level">[]): boolean {
  return roles.some(isPrivilegedRole);
}

/**
 * Whether the account must enrol a second factor before doing anything else. Like the forced
 * password change, the session and the commands that re-read the caller both ask this, so the
 * refusal is on the server, not only a redirect.
 */
export function mustEnrolTotp(user: {
  totpEnabledAt: Date | null;
  roles: readonly Pick<RoleAssignment, "role" | "level">[];
}): boolean {
  return user.totpEnabledAt === null && secondFactorRequired(user.roles);
}

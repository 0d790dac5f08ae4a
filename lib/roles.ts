import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Facts about roles that account management (lib/users), sign-in (lib/auth: who must have a second
 * factor) and the approvals (lib/approvals) all rely on, kept apart from any of them.
 */

/** One UserRole row as the domain sees it. */
export interface RoleAssignment {
  role: Role;
  /** REVIEWER only: 1 初审, 2 复审, 3 终审. */
  level: number | null;
  /** REVIEWER only: null = every column. */
  columnId: string | null;
}

const ADMINISTRATOR_ROLE_NAMES: readonly Role[] = ["ADMIN", "SECURITY_ADMIN", "AUDITOR"];

/** 三员分立: an administrator role is held alone — no second administrator role, no workflow role. */
export function separationHolds(roles: readonly Pick<RoleAssignment, "role">[]): boolean {
  return !roles.some((row) => ADMINISTRATOR_ROLE_NAMES.includes(row.role)) || roles.length <= 1;
}

/**
 * A row that lets its holder act alone where others need a second person: an administrator role, or
 * 终审 (publication). Adding one, and resetting the password of an account holding one, need a
 * second administrator (lib/approvals): whoever learns the password can use the role.
 */
export function isPrivilegedRole(row: Pick<RoleAssignment, "role" | "level">): boolean {
  return ADMINISTRATOR_ROLE_NAMES.includes(row.role) || (row.role === "REVIEWER" && row.level === 3);
}

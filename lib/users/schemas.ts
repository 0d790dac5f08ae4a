import { z } from "zod";
import { cleanText } from "@/lib/http/params";
import { separationHolds, type RoleAssignment } from "@/lib/roles";
import { usersText } from "./messages";

const v = usersText.validation;

/** Login names: short, lower-case ASCII, so they survive every system they are copied into. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;

export const REVIEWER_LEVELS = [1, 2, 3] as const;

/**
 * Roles the 安全管理员 grants in the role form; reviewer assignments are "level:columnId|all". AUDITOR is
 * not among them: an auditor account is created as one, through a request another administrator approves.
 */
export const GRANTABLE_ROLES = ["EDITOR", "ADMIN", "SECURITY_ADMIN"] as const;
type GrantableRole = (typeof GRANTABLE_ROLES)[number];
const plainRole = z.enum(GRANTABLE_ROLES, { error: v.invalidRequest });
const REVIEWER_TOKEN = /^([123]):(all|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function reviewerToken(level: number, columnId: string | null): string {
  return `${level}:${columnId ?? "all"}`;
}

const rolesFields = {
  roles: z.array(plainRole).default([]),
  reviewer: z.array(z.string().regex(REVIEWER_TOKEN, v.invalidRequest)).default([]),
};

/** Turns the form's checkboxes into UserRole rows; "all columns" at a level absorbs that level's columns. */
function toAssignments(roles: readonly GrantableRole[], reviewer: readonly string[]): RoleAssignment[] {
  const assignments: RoleAssignment[] = [...new Set(roles)].map((role) => ({ role, level: null, columnId: null }));
  const byLevel = new Map<number, Set<string>>();
  for (const token of reviewer) {
    const [, level, column] = REVIEWER_TOKEN.exec(token) ?? [];
    const set = byLevel.get(Number(level)) ?? new Set<string>();
    set.add(column.toLowerCase());
    byLevel.set(Number(level), set);
  }
  for (const level of REVIEWER_LEVELS) {
    const columns = byLevel.get(level);
    if (!columns) continue;
    if (columns.has("all")) assignments.push({ role: "REVIEWER", level, columnId: null });
    else for (const columnId of [...columns].sort()) assignments.push({ role: "REVIEWER", level, columnId });
  }
  return assignments;
}

function checkRoles(value: { roles: readonly GrantableRole[]; reviewer: readonly string[] }, ctx: z.RefinementCtx) {
  if (!separationHolds(toAssignments(value.roles, value.reviewer)))
    ctx.addIssue({ code: "custom", path: ["roles"], message: v.administratorExclusive });
}

const displayName = z
  .string({ error: v.displayNameRequired })
  .trim()
  .min(1, v.displayNameRequired)
  .max(100, v.displayNameTooLong);
const userId = z.guid({ error: v.invalidRequest });
const username = z.string({ error: v.usernameInvalid }).trim().regex(USERNAME_PATTERN, v.usernameInvalid);

/**
 * The 系统管理员's new account: a name and what kind of account. A staff account starts without roles
 * (the 安全管理员 grants them); an auditor account becomes a request that a 安全管理员 approves.
 */
export const createUserSchema = z.object({
  username,
  displayName,
  accountType: z.enum(["STAFF", "AUDITOR"], { error: v.invalidRequest }).default("STAFF"),
});

/** The 系统管理员 edits an account's name; its roles are the 安全管理员's (updateUserRolesSchema). */
export const updateUserSchema = z.object({ userId, displayName });

export const updateUserRolesSchema = z
  .object({ userId, ...rolesFields })
  .superRefine(checkRoles)
  .transform(({ userId, roles, reviewer }) => ({ userId, roles: toAssignments(roles, reviewer) }));

export const userIdSchema = z.object({ userId });

export type CreateUserInput = z.output<typeof createUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
export type UpdateUserRolesInput = z.output<typeof updateUserRolesSchema>;

export const USER_STATUS_FILTERS = ["ACTIVE", "DISABLED", "LOCKED"] as const;
export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

/** The list's query string; anything malformed falls back to "no filter" rather than an error page. */
export const userListQuerySchema = z.object({
  q: cleanText(200).trim().max(64).optional().catch(undefined),
  role: z.enum(["ADMIN", "SECURITY_ADMIN", "EDITOR", "REVIEWER", "AUDITOR"]).optional().catch(undefined),
  status: z.enum(USER_STATUS_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type UserListQuery = z.output<typeof userListQuerySchema>;

/** FormData → the plain object the schemas above read (checkbox groups become arrays). */
export function userFormValues(formData: FormData): Record<string, string | string[]> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const list = (name: string) => formData.getAll(name).filter((value): value is string => typeof value === "string");
  return {
    userId: text("userId"),
    username: text("username"),
    displayName: text("displayName"),
    accountType: text("accountType") || "STAFF",
    roles: list("roles"),
    reviewer: list("reviewer"),
  };
}

import { z } from "zod";
import { cleanText } from "@/lib/http/params";
import type { Role } from "@/lib/generated/prisma/enums";
import { usersText } from "./messages";

const v = usersText.validation;

/** Login names: short, lower-case ASCII, so they survive every system they are copied into. */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;

/** One UserRole row as the domain sees it. */
export interface RoleAssignment {
  role: Role;
  /** REVIEWER only: 1 初审, 2 复审, 3 终审. */
  level: number | null;
  /** REVIEWER only: null = every column. */
  columnId: string | null;
}

export const REVIEWER_LEVELS = [1, 2, 3] as const;

/** Roles other than REVIEWER are plain checkboxes; reviewer assignments are "level:columnId|all". */
const plainRole = z.enum(["ADMIN", "EDITOR", "AUDITOR"], { error: v.invalidRequest });
const REVIEWER_TOKEN = /^([123]):(all|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function reviewerToken(level: number, columnId: string | null): string {
  return `${level}:${columnId ?? "all"}`;
}

const rolesFields = {
  roles: z.array(plainRole).default([]),
  reviewer: z.array(z.string().regex(REVIEWER_TOKEN, v.invalidRequest)).default([]),
};

/** Turns the form's checkboxes into UserRole rows; "all columns" at a level absorbs that level's columns. */
function toAssignments(roles: readonly ("ADMIN" | "EDITOR" | "AUDITOR")[], reviewer: readonly string[]): RoleAssignment[] {
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

function checkRoles(value: { roles: readonly string[]; reviewer: readonly string[] }, ctx: z.RefinementCtx) {
  const count = new Set(value.roles).size + (value.reviewer.length > 0 ? 1 : 0);
  if (count === 0) ctx.addIssue({ code: "custom", path: ["roles"], message: v.rolesRequired });
  // 三员分立: the auditor checks everyone else's work, so the role is held alone.
  else if (value.roles.includes("AUDITOR") && count > 1) ctx.addIssue({ code: "custom", path: ["roles"], message: v.auditorExclusive });
}

const displayName = z.string({ error: v.displayNameRequired }).trim().min(1, v.displayNameRequired).max(100, v.displayNameTooLong);
const userId = z.guid({ error: v.invalidRequest });

export const createUserSchema = z
  .object({
    username: z.string({ error: v.usernameInvalid }).trim().regex(USERNAME_PATTERN, v.usernameInvalid),
    displayName,
    ...rolesFields,
  })
  .superRefine(checkRoles)
  .transform(({ username, displayName, roles, reviewer }) => ({ username, displayName, roles: toAssignments(roles, reviewer) }));

export const updateUserSchema = z
  .object({ userId, displayName, ...rolesFields })
  .superRefine(checkRoles)
  .transform(({ userId, displayName, roles, reviewer }) => ({ userId, displayName, roles: toAssignments(roles, reviewer) }));

export const userIdSchema = z.object({ userId });

export type CreateUserInput = z.output<typeof createUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const USER_STATUS_FILTERS = ["ACTIVE", "DISABLED", "LOCKED"] as const;
export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

/** The list's query string; anything malformed falls back to "no filter" rather than an error page. */
export const userListQuerySchema = z.object({
  q: cleanText(200).trim().max(64).optional().catch(undefined),
  role: z.enum(["ADMIN", "EDITOR", "REVIEWER", "AUDITOR"]).optional().catch(undefined),
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
    roles: list("roles"),
    reviewer: list("reviewer"),
  };
}

import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Who may do what: ONE table, read top to bottom, and `can()` — pure: no database, no request. Every
 * server action and mutating route is a `guardedAction` / `guardedRoute` (lib/actions) that names its
 * Action, and every admin page asks `requirePagePermission` (./authorize.ts) before it touches data;
 * hiding a link is a convenience, never the check.
 *
 * 三员分立 (GB/T 22239-2019 level 3 separation of duties, docs/roles.md):
 * - 系统管理员 ADMIN: accounts' existence (create, rename, disable), columns, site settings, home slots;
 * - 安全管理员 SECURITY_ADMIN: roles and reviewer levels, password resets, unlocking, the term list;
 * - 安全审计员 AUDITOR: reads and verifies the audit log and does nothing else;
 * - content work belongs to EDITOR and REVIEWER.
 * An account holding one administrator role holds no other role (the users commands and the database
 * refuse it). Should one exist anyway, its workflow roles count for nothing here, and an account with
 * two administrator roles counts as holding none (fail closed). Two-person actions (creating or
 * resetting an auditor, granting 终审 …) are lib/approvals.
 *
 * Reviewers: a REVIEWER role row carries a level (1 初审, 2 复审, 3 终审) and optionally a column. A row
 * without a column covers every column; with one, only that column. Review decisions need the level
 * the article waits at (`resource.level`), so nobody approves at a level they do not hold.
 *
 * Publishing: publish / schedule / withdraw always need 终审 (level 3) for the article's column. A column
 * configured with fewer review levels shortens the review chain (its last level approves the content),
 * but putting a text in front of the public stays the 终审's act: level 3 is every column's final say.
 *
 * Resource-dependent grants fail closed: a grant that checks the column, the owner or the level denies
 * when the caller does not pass that part of the resource.
 */

type ReviewerLevel = 1 | 2 | 3;

export type Grant =
  /** Anyone, signed in or not (the login form). */
  | { who: "anyone" }
  /** Every signed-in user, whatever their roles. */
  | { who: "signedIn" }
  | {
      who: Role;
      /** REVIEWER only: a fixed level, or "resource" = exactly the level the article waits at. */
      level?: ReviewerLevel | "resource";
      /** REVIEWER only: the role row must cover `resource.columnId`. */
      inColumn?: boolean;
      /** REVIEWER only: the role row must cover every column (no column scope). */
      allColumns?: boolean;
      /** The user must be `resource.ownerId` (their own draft, their own upload). */
      owner?: boolean;
      /** The user must NOT be `resource.ownerId` (nobody reviews their own article). */
      notOwner?: boolean;
    };

const anyone: Grant = { who: "anyone" };
const signedIn: Grant = { who: "signedIn" };
const admin: Grant = { who: "ADMIN" };
const securityAdmin: Grant = { who: "SECURITY_ADMIN" };
const auditor: Grant = { who: "AUDITOR" };
const editor: Grant = { who: "EDITOR" };
const ownEditor: Grant = { who: "EDITOR", owner: true };
const anyReviewer: Grant = { who: "REVIEWER" };
const reviewerInColumn: Grant = { who: "REVIEWER", inColumn: true };
const reviewerAtLevel: Grant = { who: "REVIEWER", level: "resource", inColumn: true, notOwner: true };
const siteWideFinalReviewer: Grant = { who: "REVIEWER", level: 3, allColumns: true };
const finalReviewer: Grant = { who: "REVIEWER", level: 3 };
const finalReviewerInColumn: Grant = { who: "REVIEWER", level: 3, inColumn: true };

export const PERMISSIONS = {
  // Signing in and out, one's own account (allowed even before a forced password change).
  "auth.login": [anyone],
  "auth.logout": [signedIn],
  "account.view": [signedIn],
  "account.changeOwnPassword": [signedIn],
  /** One's own second factor: enrolling (forced for privileged accounts) and, where optional, turning it off. */
  "account.enrolTotp": [signedIn],
  "account.disableTotp": [signedIn],
  "dashboard.view": [signedIn],
  /** One's own in-app notifications (the inbox filters by the signed-in user). */
  "notification.read": [signedIn],
  /** The public pages' reading-count beacon (no cookie read, nothing revealed). */
  "views.record": [anyone],

  // 账户管理: the 系统管理员 decides that an account exists (create, rename, disable, enable), the
  // 安全管理员 what it may do (roles, reviewer levels, passwords, unlocking). Both see the list.
  "user.list": [admin, securityAdmin],
  "user.create": [admin],
  "user.update": [admin],
  "user.disable": [admin],
  "user.enable": [admin],
  "user.grantRoles": [securityAdmin],
  "user.unlock": [securityAdmin],
  "user.resetPassword": [securityAdmin],
  /** Lost device: clears the second factor (a request for a privileged account, lib/approvals). */
  "user.resetTotp": [securityAdmin],
  /** Two-person actions: who may decide which request is lib/approvals/rules.ts. */
  "approval.list": [admin, securityAdmin],
  "approval.decide": [admin, securityAdmin],

  // System configuration: 系统管理员. The term list (BLOCK stops a submission) is a security control:
  // 安全管理员, WARN terms and leaders included, so one owner keeps an import file whole.
  "column.manage": [admin],
  "settings.manage": [admin],
  "terms.manage": [securityAdmin],
  /**
   * 已发布稿件复查 (lib/checks/sweep.ts): the 安全管理员 who owns the list, and 终审 — each sees only
   * hits in columns they may publish in (the page filters with "article.publish").
   */
  "terms.sweep.view": [securityAdmin, finalReviewer],
  "terms.sweep.run": [securityAdmin, finalReviewer],
  // The whole home page: a site-wide role only, never a 终审 scoped to some columns.
  "homeSlots.manage": [admin, siteWideFinalReviewer],
  /** 网站体检: the report and 立即体检 for 系统管理员 and 终审; its settings for 系统管理员. */
  "inspection.view": [admin, finalReviewer],
  "inspection.run": [admin, finalReviewer],
  "inspection.configure": [admin],

  // Writing: editors, on their own articles.
  "article.list": [editor, anyReviewer],
  "article.create": [editor],
  "article.read": [ownEditor, reviewerInColumn],
  "article.editOwn": [ownEditor],
  "article.submit": [ownEditor],
  /** 人物/组织 subjects are created while writing, from the article form. */
  "profile.create": [editor],

  // Photos.
  "media.list": [editor],
  "media.upload": [editor],
  /** Alt text, caption and credit are the library's defaults for a shared photo: any editor may fix them. */
  "media.update": [editor],
  "media.delete": [ownEditor],

  // Review: the level the article waits at, in the reviewer's columns, never one's own article.
  "review.queue": [anyReviewer],
  "review.comment": [reviewerInColumn],
  "review.approve": [reviewerAtLevel],
  "review.return": [reviewerAtLevel],

  // Publication: 终审 of the article's column (see the note above).
  "article.publish": [finalReviewerInColumn],
  "article.withdraw": [finalReviewerInColumn],
  /** 发布日期 readers see (e.g. an article moved from the old site): the column's 终审, like publication. */
  "article.setDisplayDate": [finalReviewerInColumn],
  /** A published article's address: the old one stays a 301, so the 终审 of the column decides. */
  "article.changeLiveSlug": [finalReviewerInColumn],

  // 历史稿件导入 (docs/import.md): editors bring the old site's articles in as a batch; the batch goes
  // live only when a 终审 of every target column approves its preview (checked per column).
  "import.view": [editor, finalReviewer],
  "import.create": [editor],
  "import.approve": [finalReviewerInColumn],

  // The audit log: auditors only, administrators included out （三员分立）.
  "audit.read": [auditor],
  "audit.verify": [auditor],
} as const satisfies Record<string, readonly Grant[]>;

export type Action = keyof typeof PERMISSIONS;

export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function isAction(name: string): name is Action {
  return Object.hasOwn(PERMISSIONS, name);
}

/** What a forced password change still lets the user do; everything else waits for the new password. */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<Action> = new Set<Action>([
  "auth.login",
  "auth.logout",
  "account.view",
  "account.changeOwnPassword",
  "views.record",
]);

/** What a privileged account without a second factor may do: the above, and enrol one. */
const BEFORE_TOTP_ENROLMENT: ReadonlySet<Action> = new Set<Action>([...BEFORE_PASSWORD_CHANGE, "account.enrolTotp"]);

export interface PermissionResource {
  columnId?: string;
  ownerId?: string;
  level?: number;
}

/**
 * `mustEnrolTotp` is optional so that command-line tools acting as a user (import, benches) need not
 * invent it; the two sources of a caller that matter — the session (resolveSession) and the commands'
 * re-read (loadActor) — always set it.
 */
export type PermissionUser = Pick<CurrentUser, "id" | "mustChangePassword" | "roles"> &
  Partial<Pick<CurrentUser, "mustEnrolTotp">>;

/** 系统管理员, 安全管理员, 安全审计员: each held alone (三员分立). */
export const ADMINISTRATOR_ROLES = ["ADMIN", "SECURITY_ADMIN", "AUDITOR"] as const satisfies readonly Role[];
export type AdministratorRole = (typeof ADMINISTRATOR_ROLES)[number];

export function isAdministratorRole(role: Role): role is AdministratorRole {
  return (ADMINISTRATOR_ROLES as readonly Role[]).includes(role);
}

/**
 * The role rows that count: an administrator's workflow rows do not, and an account holding two
 * administrator roles (a state the database refuses) holds none.
 */
function effectiveRoles(user: PermissionUser): PermissionUser["roles"] {
  const administrator = user.roles.filter((held) => isAdministratorRole(held.role));
  if (administrator.length === 0) return user.roles;
  return new Set(administrator.map((held) => held.role)).size === 1 ? administrator : [];
}

/** The one administrator role the user holds, or null (none, or an invalid two). */
export function administratorRoleOf(user: PermissionUser): AdministratorRole | null {
  const [held] = effectiveRoles(user).filter((row) => isAdministratorRole(row.role));
  return held ? (held.role as AdministratorRole) : null;
}

function grants(user: PermissionUser | null, grant: Grant, resource: PermissionResource): boolean {
  if (grant.who === "anyone") return true;
  if (!user) return false;
  if (grant.who === "signedIn") return true;
  if (grant.owner && (resource.ownerId === undefined || resource.ownerId !== user.id)) return false;
  if (grant.notOwner && (resource.ownerId === undefined || resource.ownerId === user.id)) return false;
  return effectiveRoles(user).some((held) => {
    if (held.role !== grant.who) return false;
    if (grant.allColumns && held.columnId !== null) return false;
    if (grant.level === "resource" && (resource.level === undefined || held.level !== resource.level)) return false;
    if (typeof grant.level === "number" && held.level !== grant.level) return false;
    if (grant.inColumn) {
      if (resource.columnId === undefined) return false;
      if (held.columnId !== null && held.columnId !== resource.columnId) return false;
    }
    return true;
  });
}

/** Whether `user` (null = not signed in) may do `action` on `resource`. Pure: no database, no request. */
export function can(user: PermissionUser | null, action: Action, resource: PermissionResource = {}): boolean {
  if (user?.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(action)) return false;
  if (user?.mustEnrolTotp && !BEFORE_TOTP_ENROLMENT.has(action)) return false;
  return PERMISSIONS[action].some((grant) => grants(user, grant, resource));
}

export const FORBIDDEN_MESSAGE = "您没有执行此操作的权限。";

import { WORKFLOW_EVENTS, type WorkflowEvent } from "@/lib/workflow/table";

/**
 * Every audit event code the application writes, in one list. `appendAuditEvent` accepts only these
 * (a new code fails the type check until it is added here), and `auditText.actionLabels`
 * (lib/audit/messages.ts) must label each of them, so the auditor never reads a raw code.
 *
 * The workflow's codes are derived from its table's events (`transitionInTx` writes
 * `article.<event>`), so a new workflow event brings its code with it.
 */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.session_end",
  "auth.password_change",
  "auth.account_locked",
  "auth.totp_enrol",
  "auth.totp_disable",
  "user.create",
  "user.update",
  "user.disable",
  "user.enable",
  "user.unlock",
  "user.resetPassword",
  "user.resetTotp",
  "user.grantRoles",
  "approval.request",
  "approval.approve",
  "approval.reject",
  "column.create",
  "column.update",
  "column.reorder",
  "column.delete",
  "column.moveArticles",
  "settings.update",
  "homeSlots.update",
  "article.create",
  "article.save",
  "article.autosave",
  "article.restore",
  "article.display_date",
  "article.slug",
  "article.comment",
  ...WORKFLOW_EVENTS.map((event) => `article.${event}` as const),
  "profile.create",
  "import.create",
  "import.approve",
  "import.reject",
  "import.article",
  "media.upload",
  "media.update",
  "media.delete",
  "job.failed",
  "term.create",
  "term.update",
  "term.delete",
  "term.import",
  "term.export",
  "term.sweep.request",
  "term.sweep.done",
  "checks.leaders.update",
  "search.synonyms.update",
  "audit.verify",
  "inspection.request",
  "inspection.settings",
  "inspection.export",
] as const;

export type WorkflowAuditAction = `article.${WorkflowEvent}`;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The workflow event's audit code, as `transitionInTx` writes it. */
export function workflowAuditAction(event: WorkflowEvent): WorkflowAuditAction {
  return `article.${event}`;
}

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return KNOWN.has(value);
}

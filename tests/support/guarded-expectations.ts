import type { MutatingMethod } from "@/lib/actions/guarded-route";
import type { Action } from "@/lib/permissions";

// What each server action and mutating route must require, written by hand beside the permission
// matrix. tests/unit/permissions-matrix.test.ts checks that every export found in app/ has an entry
// (and each entry's callers against the matrix); tests/integration/guarded-exports.test.ts imports each
// module and checks that the export is a guardedAction / guardedRoute declared with exactly this Action.

/**
 * Every exported server action, by module, and the Action it requires. Keys are paths from the
 * project root.
 */
export const GUARDED_ACTIONS: Record<string, Record<string, Action>> = {
  "app/admin/(staff)/articles/actions.ts": {
    createArticleAction: "article.create",
    saveArticleAction: "article.editOwn",
    restoreRevisionAction: "article.editOwn",
    createProfileAction: "profile.create",
    suggestSlugAction: "article.create",
    setDisplayDateAction: "article.setDisplayDate",
  },
  "app/admin/actions.ts": { logoutAction: "auth.logout" },
  "app/admin/(staff)/review/actions.ts": {
    submitAction: "article.submit",
    recallAction: "article.submit",
    approveAction: "review.approve",
    // 通过并发布 / 通过并定时发布: the approval's Action here; lib/workflow/combined.ts checks each step's own.
    approveAndPublishAction: "review.approve",
    approveAndScheduleAction: "review.approve",
    returnAction: "review.return",
    publishAction: "article.publish",
    scheduleAction: "article.publish",
    unscheduleAction: "article.publish",
    withdrawAction: "article.withdraw",
    scheduleWithdrawAction: "article.withdraw",
    unscheduleWithdrawAction: "article.withdraw",
    commentAction: "review.comment",
  },
  "app/admin/(staff)/notifications/actions.ts": { markAllReadAction: "notification.read" },
  "app/admin/change-password/actions.ts": { changePasswordAction: "account.changeOwnPassword" },
  "app/admin/two-factor/actions.ts": {
    enrolTotpAction: "account.enrolTotp",
    disableTotpAction: "account.disableTotp",
  },
  "app/admin/(staff)/users/actions.ts": {
    createUserAction: "user.create",
    updateUserAction: "user.update",
    updateUserRolesAction: "user.grantRoles",
    disableUserAction: "user.disable",
    enableUserAction: "user.enable",
    unlockUserAction: "user.unlock",
    resetPasswordAction: "user.resetPassword",
    resetTotpAction: "user.resetTotp",
  },
  "app/admin/(staff)/approvals/actions.ts": {
    approveRequestAction: "approval.decide",
    rejectRequestAction: "approval.decide",
  },
  "app/admin/(staff)/columns/actions.ts": {
    createColumnAction: "column.manage",
    updateColumnAction: "column.manage",
    reorderColumnAction: "column.manage",
    deleteColumnAction: "column.manage",
    moveColumnArticlesAction: "column.manage",
  },
  "app/admin/(staff)/settings/actions.ts": { updateSettingsAction: "settings.manage" },
  "app/admin/(staff)/home/actions.ts": { updateHomeSlotsAction: "homeSlots.manage" },
  "app/admin/(staff)/media/actions.ts": {
    updateMediaAction: "media.update",
    deleteMediaAction: "media.delete",
  },
  "app/admin/(staff)/import/actions.ts": {
    approveImportAction: "import.approve",
    rejectImportAction: "import.approve",
  },
  "app/admin/(staff)/terms/sweep/actions.ts": { requestTermSweepAction: "terms.sweep.run" },
  "app/admin/(staff)/terms/actions.ts": {
    createTermAction: "terms.manage",
    updateTermAction: "terms.manage",
    deleteTermAction: "terms.manage",
    previewTermImportAction: "terms.manage",
    importTermsAction: "terms.manage",
    updateLeadersAction: "terms.manage",
  },
  "app/admin/(staff)/terms/synonyms/actions.ts": { updateSynonymsAction: "settings.manage" },
  "app/admin/(staff)/audit/actions.ts": { verifyAuditChainAction: "audit.verify" },
  "app/admin/(staff)/inspection/actions.ts": {
    runInspectionAction: "inspection.run",
    updateInspectionSettingsAction: "inspection.configure",
  },
};

/**
 * Every mutating route handler, by file and method, and the Action it requires (route handlers are
 * outside Next's origin check for server actions: guardedRoute checks it).
 */
export const GUARDED_ROUTES: Record<string, Partial<Record<MutatingMethod, Action>>> = {
  // next-auth's own handler: sign-in (with its CSRF token) and sign-out, which also ends the server session.
  "app/api/auth/[...nextauth]/route.ts": { POST: "auth.login" },
  "app/api/media/route.ts": { POST: "media.upload" },
  "app/api/views/[articleId]/route.ts": { POST: "views.record" },
  "app/api/import/route.ts": { POST: "import.create" },
  // A recorded export is a POST (an audit event must not be a link away).
  "app/admin/(staff)/terms/export/route.ts": { POST: "terms.manage" },
  "app/admin/(staff)/inspection/export/route.ts": { POST: "inspection.view" },
};

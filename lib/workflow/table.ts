import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import type { Action } from "@/lib/permissions";

/**
 * The review workflow as ONE table (docs/workflow.md). Every status change
 * of an article goes through a row of it: `lib/workflow/plan.ts` finds the rows for (status, event),
 * checks their guards and asks `can()` for the row's Action; tests iterate it exhaustively.
 *
 *   DRAFT ─submit→ IN_REVIEW(1) ─approve→ IN_REVIEW(2) … ─approve(last level)→ APPROVED
 *   IN_REVIEW ─return (comment)→ DRAFT        IN_REVIEW(1, undecided) ─recall→ DRAFT
 *   APPROVED ─publish→ PUBLISHED              APPROVED ─schedule→ SCHEDULED ─publish (job or now)→ PUBLISHED
 *   SCHEDULED ─unschedule→ APPROVED           live (any status) ─withdraw (reason)→ WITHDRAWN ─submit→ IN_REVIEW(1)
 *   live (any status) ─scheduleWithdraw (reason, time)→ same status + an UNPUBLISH job ─(job)→ withdraw
 *   live with a pending UNPUBLISH job ─unscheduleWithdraw→ same status, job cancelled
 *
 * "live" = publishedRevisionId set and not withdrawn: an edit of a live article is a DRAFT (or in
 * review) while the old revision stays on the site, and it can still be withdrawn.
 */

export const WORKFLOW_EVENTS = [
  "submit",
  "approve",
  "return",
  "recall",
  "publish",
  "schedule",
  "unschedule",
  "withdraw",
  "scheduleWithdraw",
  "unscheduleWithdraw",
] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

export const ARTICLE_STATUSES = [
  "DRAFT",
  "IN_REVIEW",
  "APPROVED",
  "SCHEDULED",
  "PUBLISHED",
  "WITHDRAWN",
] as const satisfies readonly ArticleStatus[];

/** Named guards; their logic lives in guards.ts, their names here so the table reads as a spec. */
export type GuardName =
  /** The article has a saved revision to send into review. */
  | "hasRevision"
  /** IN_REVIEW below the submission's last level: approval moves it one level up. */
  | "notLastLevel"
  /** IN_REVIEW at the submission's last level: approval completes the review. */
  | "lastLevel"
  /** The caller did not write the article. */
  | "notOwnArticle"
  /** The caller has not decided on this submission at another level. */
  | "notReviewedAtOtherLevel"
  /** The current revision is byte for byte the one that was submitted. */
  | "contentAsSubmitted"
  /** No reviewer has decided on this submission yet (recall). */
  | "undecided"
  /** Every level of the submission approved exactly the current revision's contentHash. */
  | "approvalsComplete"
  /** A comment is given (退回 needs one). */
  | "commentGiven"
  /** A reason is given (撤稿 needs one). */
  | "reasonGiven"
  /** A publication time in the future （定时发布）. */
  | "publishAtInFuture"
  /** A withdrawal time in the future （定时撤稿）. */
  | "withdrawAtInFuture"
  /** A 定时撤稿 is pending for the article. */
  | "withdrawalScheduled"
  /** The article is on the public site. */
  | "live";

export interface TransitionRow {
  from: ArticleStatus;
  event: WorkflowEvent;
  /** IN_REVIEW rows land at a review level: the first one for submit, the next one for approve. */
  to: ArticleStatus;
  /** The lib/permissions Action that authorizes the row (with the article as resource). */
  action: Action;
  guards: readonly GuardName[];
}

const reviewGuards = [
  "notOwnArticle",
  "notReviewedAtOtherLevel",
  "contentAsSubmitted",
] as const satisfies readonly GuardName[];

/** The states a live article's current revision can be in (an edit of it may be a draft, in review …). */
const LIVE_STATUSES = ["PUBLISHED", "DRAFT", "IN_REVIEW", "APPROVED", "SCHEDULED"] as const;

/** Withdrawal is possible whatever the current revision's state, as long as an older one is live. */
const withdrawals: TransitionRow[] = LIVE_STATUSES.map((from) => ({
  from,
  event: "withdraw",
  to: "WITHDRAWN",
  action: "article.withdraw",
  guards: ["live", "reasonGiven"],
}));

/**
 * 定时撤稿 leaves the workflow state as it is (an edit may be in review meanwhile) and queues an
 * UNPUBLISH job; the scheduler runs it as the `withdraw` row above, guards included.
 */
const scheduledWithdrawals: TransitionRow[] = LIVE_STATUSES.flatMap((from): TransitionRow[] => [
  {
    from,
    event: "scheduleWithdraw",
    to: from,
    action: "article.withdraw",
    guards: ["live", "reasonGiven", "withdrawAtInFuture"],
  },
  { from, event: "unscheduleWithdraw", to: from, action: "article.withdraw", guards: ["withdrawalScheduled"] },
]);

export const TRANSITIONS: readonly TransitionRow[] = [
  { from: "DRAFT", event: "submit", to: "IN_REVIEW", action: "article.submit", guards: ["hasRevision"] },
  { from: "WITHDRAWN", event: "submit", to: "IN_REVIEW", action: "article.submit", guards: ["hasRevision"] },
  { from: "IN_REVIEW", event: "recall", to: "DRAFT", action: "article.submit", guards: ["undecided"] },

  {
    from: "IN_REVIEW",
    event: "approve",
    to: "IN_REVIEW",
    action: "review.approve",
    guards: ["notLastLevel", ...reviewGuards],
  },
  {
    from: "IN_REVIEW",
    event: "approve",
    to: "APPROVED",
    action: "review.approve",
    guards: ["lastLevel", ...reviewGuards],
  },
  {
    from: "IN_REVIEW",
    event: "return",
    to: "DRAFT",
    action: "review.return",
    guards: ["commentGiven", "notOwnArticle", "notReviewedAtOtherLevel"],
  },

  { from: "APPROVED", event: "publish", to: "PUBLISHED", action: "article.publish", guards: ["approvalsComplete"] },
  { from: "SCHEDULED", event: "publish", to: "PUBLISHED", action: "article.publish", guards: ["approvalsComplete"] },
  {
    from: "APPROVED",
    event: "schedule",
    to: "SCHEDULED",
    action: "article.publish",
    guards: ["approvalsComplete", "publishAtInFuture"],
  },
  { from: "SCHEDULED", event: "unschedule", to: "APPROVED", action: "article.publish", guards: [] },

  ...withdrawals,
  ...scheduledWithdrawals,
];

/** The rows that could apply to an article in `status` for `event` (at most one of them will pass its guards). */
export function rowsFor(status: ArticleStatus, event: WorkflowEvent): TransitionRow[] {
  return TRANSITIONS.filter((row) => row.from === status && row.event === event);
}

/**
 * The permission an event needs, read from its rows: every row of one event names the same Action
 * (tests/unit/workflow-table.test.ts holds the table to that), so a server action never restates it.
 */
export function eventAction(event: WorkflowEvent): Action {
  const row = TRANSITIONS.find((candidate) => candidate.event === event);
  if (!row) throw new Error(`workflow event without a transition: ${event}`);
  return row.action;
}

/** Whether a change of what the public sees follows from the row (cache invalidation after commit). */
export function changesLiveContent(row: TransitionRow): boolean {
  // Not `row.to`: 定时撤稿 of a PUBLISHED article stays PUBLISHED and changes nothing yet.
  return row.event === "publish" || row.event === "withdraw";
}

/**
 * 通过并发布 / 通过并定时发布: a 终审 deciding the last level takes two rows of the table above as one
 * act, in this order and in one transaction (lib/workflow/combined.ts). Each step is an ordinary
 * transition — its row, guards, permission and audit event — so the log still shows two events.
 */
export const COMBINED_EVENTS = {
  approveAndPublish: ["approve", "publish"],
  approveAndSchedule: ["approve", "schedule"],
} as const satisfies Record<string, readonly [WorkflowEvent, WorkflowEvent]>;
export type CombinedEvent = keyof typeof COMBINED_EVENTS;
export const COMBINED_EVENT_NAMES = Object.keys(COMBINED_EVENTS) as [CombinedEvent, ...CombinedEvent[]];

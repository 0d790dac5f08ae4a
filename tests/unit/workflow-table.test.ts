import type { ArticleStatus, Role } from "@/lib/generated/prisma/enums";
import type { WorkflowArticle, WorkflowRequest, WorkflowSubmission } from "@/lib/workflow/guards";
import { planTransition } from "@/lib/workflow/plan";
import { GUARDED_ACTIONS } from "../support/guarded-expectations";
import { ARTICLE_STATUSES, TRANSITIONS, WORKFLOW_EVENTS, eventAction, type WorkflowEvent } from "@/lib/workflow/table";

const COLUMN_A = "00000000-0000-4000-8000-00000000000a";
const COLUMN_B = "00000000-0000-4000-8000-00000000000b";
const HASH = "a".repeat(64);
const OTHER_HASH = "b".repeat(64);
const NOW = new Date("2026-11-25T02:00:00Z");

type RoleRow = { role: Role; level: number | null; columnId: string | null };
const user = (id: string, roles: RoleRow[], mustChangePassword = false) => ({ id, mustChangePassword, roles });
const reviewer = (level: number, columnId: string | null = null): RoleRow => ({ role: "REVIEWER", level, columnId });
const plain = (role: Role): RoleRow => ({ role, level: null, columnId: null });

/** Every kind of caller. The article below is written by `author` (an editor who also holds 初审) in COLUMN_A. */
const SUBJECTS = {
  author: user("u-author", [plain("EDITOR"), reviewer(1)]),
  otherEditor: user("u-editor", [plain("EDITOR")]),
  reviewer1: user("u-rev1", [reviewer(1)]),
  reviewer12: user("u-rev12", [reviewer(1), reviewer(2)]),
  reviewer2: user("u-rev2", [reviewer(2)]),
  reviewer3: user("u-rev3", [reviewer(3)]),
  scopedIn3: user("u-scoped-in", [reviewer(3, COLUMN_A)]),
  scopedOut3: user("u-scoped-out", [reviewer(3, COLUMN_B)]),
  scopedOut1: user("u-scoped-out1", [reviewer(1, COLUMN_B)]),
  admin: user("u-admin", [plain("ADMIN")]),
  auditor: user("u-auditor", [plain("AUDITOR")]),
  // A state the database refuses now (三员分立); were it to exist, the administrator's 终审 counts for nothing.
  adminAndFinal: user("u-admin3", [plain("ADMIN"), reviewer(3)]),
  finalMustChangePassword: user("u-new3", [reviewer(3)], true),
} as const;
type Subject = keyof typeof SUBJECTS;
const ALL = Object.keys(SUBJECTS) as Subject[];

const approval = (level: number, reviewerId: string, contentHash = HASH) => ({
  level,
  reviewerId,
  decision: "APPROVE" as const,
  contentHash,
});
const L1 = approval(1, SUBJECTS.reviewer12.id);
const L2 = approval(2, SUBJECTS.reviewer2.id);
const L3 = approval(3, SUBJECTS.reviewer3.id);

function article(status: ArticleStatus, overrides: Partial<WorkflowArticle> = {}): WorkflowArticle {
  return {
    status,
    reviewLevel: null,
    columnId: COLUMN_A,
    ownerId: SUBJECTS.author.id,
    live: false,
    currentRevisionId: "r1",
    currentHash: HASH,
    withdrawalScheduled: false,
    submission: null,
    ...overrides,
  };
}
const submission = (reviews: WorkflowSubmission["reviews"]): WorkflowSubmission => ({
  revisionId: "r1",
  contentHash: HASH,
  levels: 3,
  reviews,
});

/** The situations an article can be in (status, level, live or not), as the workflow sees them. */
const CONTEXTS: Record<string, WorkflowArticle> = {
  "new draft": article("DRAFT"),
  "draft after a return": article("DRAFT", {
    submission: submission([{ level: 1, reviewerId: SUBJECTS.reviewer1.id, decision: "RETURN", contentHash: HASH }]),
  }),
  "draft of a live article": article("DRAFT", { live: true, submission: submission([L1, L2, L3]) }),
  "in review at 初审": article("IN_REVIEW", { reviewLevel: 1, submission: submission([]) }),
  "in review at 复审": article("IN_REVIEW", { reviewLevel: 2, submission: submission([L1]) }),
  "in review at 终审": article("IN_REVIEW", { reviewLevel: 3, submission: submission([L1, L2]) }),
  "edit of a live article in review at 初审": article("IN_REVIEW", {
    reviewLevel: 1,
    live: true,
    submission: submission([]),
  }),
  approved: article("APPROVED", { submission: submission([L1, L2, L3]) }),
  scheduled: article("SCHEDULED", { submission: submission([L1, L2, L3]) }),
  "approved edit of a live article": article("APPROVED", { live: true, submission: submission([L1, L2, L3]) }),
  "scheduled edit of a live article": article("SCHEDULED", { live: true, submission: submission([L1, L2, L3]) }),
  published: article("PUBLISHED", { live: true, submission: submission([L1, L2, L3]) }),
  "edit in review at 复审 of a live article": article("IN_REVIEW", {
    reviewLevel: 2,
    live: true,
    submission: submission([L1]),
  }),
  withdrawn: article("WITHDRAWN", { submission: submission([L1, L2, L3]) }),
};
// Every live situation again with a 定时撤稿 (pending UNPUBLISH job) queued.
for (const [situation, context] of Object.entries(CONTEXTS)) {
  if (context.live) CONTEXTS[`${situation} with a 定时撤稿 pending`] = { ...context, withdrawalScheduled: true };
}

const request = (event: WorkflowEvent, extra: Partial<WorkflowRequest> = {}): WorkflowRequest => ({
  event,
  comment: "请核实第二段的数据。",
  reason: "内容需要更正。",
  publishAt: new Date(NOW.getTime() + 3_600_000),
  withdrawAt: new Date(NOW.getTime() + 7_200_000),
  now: NOW,
  ...extra,
});

/**
 * Written by hand from the issue, NOT derived from lib/workflow/table.ts: where each (situation,
 * event, caller) must end, or null when it must be refused.
 */
function expected(context: WorkflowArticle, event: WorkflowEvent, subject: Subject): ArticleStatus | null {
  const owner = subject === "author";
  const level = context.reviewLevel;
  const reviewedAlready =
    context.submission?.reviews.some((review) => review.reviewerId === SUBJECTS[subject].id) ?? false;
  const reviewersAt: Record<number, Subject[]> = {
    1: ["author", "reviewer1", "reviewer12"],
    2: ["reviewer12", "reviewer2"],
    3: ["reviewer3", "scopedIn3"],
  };
  const finalReviewer = ["reviewer3", "scopedIn3"].includes(subject);
  switch (event) {
    case "submit":
      return owner && (context.status === "DRAFT" || context.status === "WITHDRAWN") ? "IN_REVIEW" : null;
    case "recall":
      return owner && context.status === "IN_REVIEW" && context.submission?.reviews.length === 0 ? "DRAFT" : null;
    case "approve":
    case "return": {
      if (context.status !== "IN_REVIEW" || level === null || owner || reviewedAlready) return null;
      if (!reviewersAt[level].includes(subject)) return null;
      if (event === "return") return "DRAFT";
      return level < 3 ? "IN_REVIEW" : "APPROVED";
    }
    case "publish":
      return finalReviewer && (context.status === "APPROVED" || context.status === "SCHEDULED") ? "PUBLISHED" : null;
    case "schedule":
      return finalReviewer && context.status === "APPROVED" ? "SCHEDULED" : null;
    case "unschedule":
      return finalReviewer && context.status === "SCHEDULED" ? "APPROVED" : null;
    case "withdraw":
      return finalReviewer && context.live ? "WITHDRAWN" : null;
    case "scheduleWithdraw":
      // 定时撤稿 keeps the workflow state (an edit may be in review meanwhile).
      return finalReviewer && context.live ? context.status : null;
    case "unscheduleWithdraw":
      return finalReviewer && context.withdrawalScheduled ? context.status : null;
  }
}

const combinations = Object.entries(CONTEXTS).flatMap(([situation, context]) =>
  WORKFLOW_EVENTS.flatMap((event) => ALL.map((subject) => ({ situation, context, event, subject }))),
);

describe("review workflow transition table", () => {
  it("covers every status with its situations", () => {
    expect(new Set(Object.values(CONTEXTS).map((context) => context.status))).toEqual(new Set(ARTICLE_STATUSES));
  });

  it.each(combinations)("$situation × $event × $subject", ({ context, event, subject }) => {
    const plan = planTransition(context, request(event), { kind: "user", user: SUBJECTS[subject] });
    expect({ to: plan.ok ? plan.to : null }).toEqual({ to: expected(context, event, subject) });
    if (plan.ok) {
      expect(TRANSITIONS).toContain(plan.row);
      expect(plan.row).toMatchObject({ from: context.status, event, to: plan.to });
    } else {
      expect(["FORBIDDEN", "CONFLICT"]).toContain(plan.error.code);
    }
  });

  it("uses every row of the table in some allowed combination", () => {
    const used = new Set(
      combinations.flatMap(({ context, event, subject }) => {
        const plan = planTransition(context, request(event), { kind: "user", user: SUBJECTS[subject] });
        return plan.ok ? [plan.row] : [];
      }),
    );
    expect(TRANSITIONS.filter((row) => !used.has(row))).toEqual([]);
  });

  it("moves the review level: submit to 初审, each approval one level up, the last to APPROVED", () => {
    const ok = (context: WorkflowArticle, event: WorkflowEvent, subject: Subject) => {
      const plan = planTransition(context, request(event), { kind: "user", user: SUBJECTS[subject] });
      return plan.ok ? { to: plan.to, level: plan.reviewLevel } : plan.error.message;
    };
    expect(ok(CONTEXTS["new draft"], "submit", "author")).toEqual({ to: "IN_REVIEW", level: 1 });
    expect(ok(CONTEXTS["in review at 初审"], "approve", "reviewer1")).toEqual({ to: "IN_REVIEW", level: 2 });
    expect(ok(CONTEXTS["in review at 复审"], "approve", "reviewer2")).toEqual({ to: "IN_REVIEW", level: 3 });
    expect(ok(CONTEXTS["in review at 终审"], "approve", "reviewer3")).toEqual({ to: "APPROVED", level: null });
    expect(ok(CONTEXTS["in review at 初审"], "return", "reviewer1")).toEqual({ to: "DRAFT", level: null });
    const liveEditInReview = CONTEXTS["edit of a live article in review at 初审"];
    expect(ok(liveEditInReview, "scheduleWithdraw", "reviewer3")).toEqual({ to: "IN_REVIEW", level: 1 });
    expect(
      ok(
        CONTEXTS["edit in review at 复审 of a live article with a 定时撤稿 pending"],
        "unscheduleWithdraw",
        "reviewer3",
      ),
    ).toEqual({ to: "IN_REVIEW", level: 2 });
  });

  it("honours the column's number of levels (one level: the first approval completes the review)", () => {
    const single = article("IN_REVIEW", {
      reviewLevel: 1,
      submission: { revisionId: "r1", contentHash: HASH, levels: 1, reviews: [] },
    });
    const plan = planTransition(single, request("approve"), { kind: "user", user: SUBJECTS.reviewer1 });
    expect(plan.ok && plan.to).toBe("APPROVED");
  });
});

describe("review workflow rules", () => {
  const refusal = (
    context: WorkflowArticle,
    event: WorkflowEvent,
    subject: Subject,
    extra: Partial<WorkflowRequest> = {},
  ) => {
    const plan = planTransition(context, request(event, extra), { kind: "user", user: SUBJECTS[subject] });
    return plan.ok ? "allowed" : { code: plan.error.code, field: plan.error.field, message: plan.error.message };
  };

  it("refuses an approval by the author, saying why", () => {
    expect(refusal(CONTEXTS["in review at 初审"], "approve", "author")).toMatchObject({
      code: "FORBIDDEN",
      message: "不能审核自己撰写的稿件",
    });
  });

  it("refuses a second level of the same submission by one person", () => {
    expect(refusal(CONTEXTS["in review at 复审"], "approve", "reviewer12")).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("两级"),
    });
  });

  it("voids approvals when the current revision is not the submitted one", () => {
    const edited = { ...CONTEXTS["in review at 复审"], currentRevisionId: "r2", currentHash: OTHER_HASH };
    expect(refusal(edited, "approve", "reviewer2")).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("重新提交"),
    });
    const tampered = { ...CONTEXTS["in review at 复审"], currentHash: null };
    expect(refusal(tampered, "approve", "reviewer2")).toMatchObject({ code: "CONFLICT" });
  });

  it("publishes only when every level approved exactly the current hash", () => {
    const context = CONTEXTS.approved;
    expect(refusal(context, "publish", "reviewer3")).toBe("allowed");
    const staleApproval = {
      ...context,
      submission: submission([L1, approval(2, SUBJECTS.reviewer2.id, OTHER_HASH), L3]),
    };
    expect(refusal(staleApproval, "publish", "reviewer3")).toMatchObject({ code: "CONFLICT" });
    const missingLevel = { ...context, submission: submission([L1, L3]) };
    expect(refusal(missingLevel, "publish", "reviewer3")).toMatchObject({ code: "CONFLICT" });
    const otherRevision = { ...context, currentRevisionId: "r2" };
    expect(refusal(otherRevision, "publish", "reviewer3")).toMatchObject({ code: "CONFLICT" });
  });

  it("needs a comment to return, a reason to withdraw, a future time to schedule", () => {
    expect(refusal(CONTEXTS["in review at 初审"], "return", "reviewer1", { comment: "  " })).toMatchObject({
      code: "VALIDATION",
      field: "comment",
    });
    expect(refusal(CONTEXTS.published, "withdraw", "reviewer3", { reason: "" })).toMatchObject({
      code: "VALIDATION",
      field: "reason",
    });
    expect(
      refusal(CONTEXTS.approved, "schedule", "reviewer3", { publishAt: new Date(NOW.getTime() - 1000) }),
    ).toMatchObject({ code: "VALIDATION", field: "publishAt" });
    expect(refusal(CONTEXTS.approved, "schedule", "reviewer3", { publishAt: undefined })).toMatchObject({
      code: "VALIDATION",
      field: "publishAt",
    });
  });

  it("needs a reason and a future time for 定时撤稿, and a pending one to cancel", () => {
    expect(refusal(CONTEXTS.published, "scheduleWithdraw", "reviewer3", { reason: " " })).toMatchObject({
      code: "VALIDATION",
      field: "reason",
    });
    expect(refusal(CONTEXTS.published, "scheduleWithdraw", "reviewer3", { withdrawAt: undefined })).toMatchObject({
      code: "VALIDATION",
      field: "withdrawAt",
      message: "请选择定时撤稿的时间",
    });
    expect(
      refusal(CONTEXTS.published, "scheduleWithdraw", "reviewer3", { withdrawAt: new Date(NOW.getTime() - 1000) }),
    ).toMatchObject({
      code: "VALIDATION",
      field: "withdrawAt",
      message: "定时撤稿的时间须晚于当前时间",
    });
    expect(refusal(CONTEXTS.withdrawn, "scheduleWithdraw", "reviewer3")).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("已撤稿"),
    });
    expect(refusal(CONTEXTS.published, "unscheduleWithdraw", "reviewer3")).toMatchObject({
      code: "CONFLICT",
      message: "该稿件没有待执行的定时撤稿",
    });
    expect(refusal(CONTEXTS["published with a 定时撤稿 pending"], "unscheduleWithdraw", "reviewer1")).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("keeps scoped reviewers in their columns", () => {
    expect(refusal(CONTEXTS["in review at 初审"], "approve", "scopedOut1")).toMatchObject({ code: "FORBIDDEN" });
    expect(refusal(CONTEXTS.published, "withdraw", "scopedOut3")).toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets the scheduler (no person) only publish a scheduled article and withdraw a live one (its jobs)", () => {
    for (const [situation, context] of Object.entries(CONTEXTS)) {
      for (const event of WORKFLOW_EVENTS) {
        const plan = planTransition(context, request(event), { kind: "system" });
        const jobRuns =
          (context.status === "SCHEDULED" && event === "publish") || (context.live && event === "withdraw");
        expect({ situation, event, ok: plan.ok }).toEqual({ situation, event, ok: jobRuns });
      }
    }
  });
});

describe("the permission of each event", () => {
  it("is one Action for all of the event's rows, the one its server action is listed with", () => {
    const listed = GUARDED_ACTIONS["app/admin/(staff)/review/actions.ts"];
    for (const event of WORKFLOW_EVENTS) {
      const actions = new Set(TRANSITIONS.filter((row) => row.event === event).map((row) => row.action));
      expect({ event, actions: [...actions] }).toEqual({ event, actions: [eventAction(event)] });
      expect({ event, listed: listed?.[`${event}Action`] }).toEqual({ event, listed: eventAction(event) });
    }
  });
});

import type { Role } from "@/lib/generated/prisma/enums";
import type { WorkflowArticle, WorkflowSubmission } from "@/lib/workflow/guards";
import { planCombined } from "@/lib/workflow/combined-plan";
import { planTransition } from "@/lib/workflow/plan";
import { COMBINED_EVENTS, COMBINED_EVENT_NAMES, TRANSITIONS } from "@/lib/workflow/table";

const COLUMN = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const HASH = "a".repeat(64);
const NOW = new Date("2026-11-25T02:00:00Z");
const LATER = new Date(NOW.getTime() + 3_600_000);

type RoleRow = { role: Role; level: number | null; columnId: string | null };
const user = (id: string, roles: RoleRow[]) => ({
  kind: "user" as const,
  user: { id, mustChangePassword: false, roles },
});
const reviewer = (level: number, columnId: string | null = null): RoleRow => ({ role: "REVIEWER", level, columnId });

const final = user("u-rev3", [reviewer(3)]);
const approval = (level: number, reviewerId: string) => ({
  level,
  reviewerId,
  decision: "APPROVE" as const,
  contentHash: HASH,
});
const submission = (levels: number, reviews: WorkflowSubmission["reviews"]): WorkflowSubmission => ({
  revisionId: "r1",
  contentHash: HASH,
  levels,
  reviews,
});

function atLevel(level: number, levels: number, reviews: WorkflowSubmission["reviews"]): WorkflowArticle {
  return {
    status: "IN_REVIEW",
    reviewLevel: level,
    columnId: COLUMN,
    ownerId: "u-author",
    live: false,
    currentRevisionId: "r1",
    currentHash: HASH,
    withdrawalScheduled: false,
    submission: submission(levels, reviews),
  };
}

const request = { comment: "", now: NOW, publishAt: LATER };

describe("通过并发布 / 通过并定时发布 in the workflow table", () => {
  it("is made of rows the table already has, approval first", () => {
    for (const name of COMBINED_EVENT_NAMES) {
      const [first, ...rest] = COMBINED_EVENTS[name];
      expect(first).toBe("approve");
      for (const event of [first, ...rest]) expect(TRANSITIONS.some((row) => row.event === event)).toBe(true);
    }
  });

  it("is open to the 终审 deciding the last level, and lands where the last step lands", () => {
    const article = atLevel(3, 3, [approval(1, "u-rev1"), approval(2, "u-rev2")]);
    const published = planCombined(article, "approveAndPublish", request, final);
    expect(published).toMatchObject({ ok: true, to: "PUBLISHED" });
    expect(planCombined(article, "approveAndSchedule", request, final)).toMatchObject({ ok: true, to: "SCHEDULED" });
    // A one-level column: its 终审 (the only reviewer, level 3 holding publication) also decides level 1 here.
    const oneLevel = atLevel(1, 1, []);
    const both = user("u-rev13", [reviewer(1), reviewer(3)]);
    expect(planCombined(oneLevel, "approveAndPublish", request, both)).toMatchObject({ ok: true, to: "PUBLISHED" });
  });

  it("is refused below the last level, to a reviewer who may not publish, on the author's own article and for a past time", () => {
    const article = atLevel(3, 3, [approval(1, "u-rev1"), approval(2, "u-rev2")]);
    const lower = atLevel(1, 3, []);
    const reviewer13 = user("u-rev13", [reviewer(1), reviewer(3)]);
    expect(planTransition(lower, { ...request, event: "approve" }, reviewer13).ok).toBe(true);
    expect(planCombined(lower, "approveAndPublish", request, reviewer13)).toMatchObject({
      ok: false,
      error: { code: "CONFLICT" },
    });
    const onlyLevel1 = atLevel(1, 1, []);
    expect(planCombined(onlyLevel1, "approveAndPublish", request, user("u-rev1", [reviewer(1)]))).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(planCombined(article, "approveAndPublish", request, user("u-out", [reviewer(3, OTHER)]))).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(planCombined(article, "approveAndPublish", request, user("u-author", [reviewer(3)]))).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(
      planCombined(article, "approveAndSchedule", { ...request, publishAt: new Date(NOW.getTime() - 60_000) }, final),
    ).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "publishAt" } });
  });
});

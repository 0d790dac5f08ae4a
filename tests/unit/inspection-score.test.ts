/** The 网站体检 score in the style of 《政府网站与政务新媒体检查指标》: 单项否决 apart, deductions capped by category. */
import type { FindingKind } from "@/lib/inspection/kinds";
import { computeScore, parseCounts } from "@/lib/inspection/score";

const score = (counts: Partial<Record<FindingKind, number>>) =>
  computeScore(new Map(Object.entries(counts) as [FindingKind, number][]));
const points = (result: ReturnType<typeof computeScore>, category: string) =>
  result.deductions.find((item) => item.category === category)?.points;

describe("the 网站体检 score", () => {
  it("is 100 and passes with nothing found", () => {
    expect(score({})).toMatchObject({ score: 100, vetoCount: 0, verdict: "pass" });
  });

  it("fails the site on any 单项否决 item whatever the points, and deducts nothing for it", () => {
    expect(score({ HOME_STALE: 1 })).toMatchObject({ score: 100, vetoCount: 1, verdict: "veto" });
    expect(score({ SERIOUS_ERROR: 2, HOME_UNREACHABLE: 1, LINK: 1 })).toMatchObject({
      score: 99.8,
      vetoCount: 3,
      verdict: "veto",
    });
  });

  it("weighs a broken link on the home page far above one elsewhere", () => {
    expect(points(score({ LINK_HOME: 1 }), "availability")).toBe(2);
    expect(points(score({ LINK: 1 }), "availability")).toBe(0.2);
  });

  it("caps each category, so a flood of one kind cannot hide the rest", () => {
    const flood = score({ LINK: 10_000, ALT_MISSING: 10_000, CONTENT_WARN: 10_000, COLUMN_OVERDUE: 3 });
    expect(points(flood, "availability")).toBe(30);
    expect(points(flood, "conformance")).toBe(15);
    expect(points(flood, "accuracy")).toBe(15);
    expect(points(flood, "updates")).toBe(15);
    expect(flood.score).toBe(25);
  });

  it("fails below 60 points without a 单项否决 item, and passes at 60", () => {
    // 6 overdue or empty columns (30) + 5 home-page links (10) = 40 points off: 60 exactly.
    expect(score({ COLUMN_OVERDUE: 4, COLUMN_EMPTY: 2, LINK_HOME: 5 })).toMatchObject({ score: 60, verdict: "pass" });
    expect(score({ COLUMN_OVERDUE: 4, COLUMN_EMPTY: 2, LINK_HOME: 5, LINK: 1 })).toMatchObject({
      score: 59.8,
      verdict: "fail",
    });
  });

  it("reads a run's stored counts, ignoring kinds it does not know and counts that are not positive numbers", () => {
    expect([...parseCounts({ LINK: 3, NOT_A_KIND: 5, LINK_HOME: "2", COLUMN_EMPTY: 0 })]).toEqual([["LINK", 3]]);
    expect(parseCounts(null).size).toBe(0);
  });
});

import { renderToStaticMarkup } from "react-dom/server";
import { Deductions, FindingsTable } from "@/components/admin/inspection/Report";
import { DEDUCTION_CATEGORIES, FINDING_KINDS, KIND_RULES } from "@/lib/inspection/kinds";
import { computeScore } from "@/lib/inspection/score";

const cellTexts = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]);

describe("网站体检 report", () => {
  it("prints a category with nothing to deduct as 0, never −0, and a real deduction with its minus sign", () => {
    const deducting = FINDING_KINDS.find((kind) => KIND_RULES[kind].category === DEDUCTION_CATEGORIES[0])!;
    const html = renderToStaticMarkup(<Deductions score={computeScore(new Map([[deducting, 2]]))} />);
    expect(html).not.toMatch(/[\u2212-]0(?![.\d])/);
    const points = cellTexts(html).filter((text) => /^[\u2212-]?\d/.test(text));
    expect(points.some((text) => /^\u2212\d/.test(text))).toBe(true);
    expect(points).toContain("0");
  });

  it("shows a dash, not an empty cell, for a finding that names no element", () => {
    const now = new Date("2026-12-01T02:00:00Z");
    const finding = {
      id: "f1",
      kind: FINDING_KINDS[0],
      severity: "VETO" as const,
      page: "/",
      element: "",
      evidence: "首页超过两周未更新",
      external: false,
      columnId: null,
      articleId: null,
      firstSeenAt: now,
      lastSeenAt: now,
      resolvedAt: null,
    };
    const cells = cellTexts(
      renderToStaticMarkup(<FindingsTable findings={[finding]} timeZone="Asia/Shanghai" withLinks={false} />),
    );
    expect(cells).not.toContain("");
    expect(cells).toContain("\u2014");
  });
});

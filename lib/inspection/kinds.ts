import type { InspectionSeverity } from "@/lib/generated/prisma/enums";

/**
 * The kinds of 网站体检 finding, modelled on 《政府网站与政务新媒体检查指标》 (国办函〔2019〕80号): the
 * 单项否决 items first (any one fails the site outright), then the items that cost points, grouped as
 * the rules group them. Each kind has a label, what the person who fixes it should do, and its points.
 */

export const FINDING_KINDS = [
  // 单项否决
  "HOME_STALE",
  "HOME_UNREACHABLE",
  "SERIOUS_ERROR",
  // 可用性: links
  "LINK_HOME",
  "LINK",
  // 信息更新: columns
  "COLUMN_OVERDUE",
  "COLUMN_EMPTY",
  "COLUMN_HIDDEN_LINKED",
  // 内容准确
  "CONTENT_WARN",
  // 规范性
  "ALT_MISSING",
  "SOURCE_MISSING",
  "DATE_MISSING",
  "FOOTER_FIELD",
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export const DEDUCTION_CATEGORIES = ["availability", "updates", "accuracy", "conformance"] as const;
export type DeductionCategory = (typeof DEDUCTION_CATEGORIES)[number];

interface KindRule {
  severity: InspectionSeverity;
  /** null for 单项否决 kinds: they are not points, they fail the site. */
  category: DeductionCategory | null;
  /** Points deducted per finding of this run. */
  points: number;
}

export const KIND_RULES: Record<FindingKind, KindRule> = {
  HOME_STALE: { severity: "VETO", category: null, points: 0 },
  HOME_UNREACHABLE: { severity: "VETO", category: null, points: 0 },
  SERIOUS_ERROR: { severity: "VETO", category: null, points: 0 },
  // The rules weigh a broken link on the home page far above one deep in the site.
  LINK_HOME: { severity: "SERIOUS", category: "availability", points: 2 },
  LINK: { severity: "MINOR", category: "availability", points: 0.2 },
  COLUMN_OVERDUE: { severity: "SERIOUS", category: "updates", points: 5 },
  COLUMN_EMPTY: { severity: "SERIOUS", category: "updates", points: 5 },
  COLUMN_HIDDEN_LINKED: { severity: "MINOR", category: "updates", points: 1 },
  CONTENT_WARN: { severity: "MINOR", category: "accuracy", points: 0.5 },
  ALT_MISSING: { severity: "MINOR", category: "conformance", points: 0.2 },
  SOURCE_MISSING: { severity: "MINOR", category: "conformance", points: 0.5 },
  DATE_MISSING: { severity: "MINOR", category: "conformance", points: 0.5 },
  FOOTER_FIELD: { severity: "SERIOUS", category: "conformance", points: 3 },
};

/** The most a category can cost, so one flood of small findings cannot hide every other result. */
export const CATEGORY_CAPS: Record<DeductionCategory, number> = {
  availability: 30,
  updates: 40,
  accuracy: 15,
  conformance: 15,
};

/** Below this the site fails without a 单项否决 (the rules' 合格 line). */
export const PASS_SCORE = 60;

export function isFindingKind(value: string): value is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(value);
}

import {
  CATEGORY_CAPS,
  DEDUCTION_CATEGORIES,
  FINDING_KINDS,
  KIND_RULES,
  PASS_SCORE,
  isFindingKind,
  type DeductionCategory,
  type FindingKind,
} from "./kinds";

/**
 * The score in the style of the rules: 100 points, minus each category's deductions (points per
 * finding, capped per category), and 单项否决 whenever any veto kind was found, whatever the points.
 */

export interface CategoryDeduction {
  category: DeductionCategory;
  count: number;
  points: number;
  cap: number;
  kinds: { kind: FindingKind; count: number; points: number }[];
}

export interface Score {
  score: number;
  vetoCount: number;
  verdict: "veto" | "fail" | "pass";
  deductions: CategoryDeduction[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function parseCounts(json: unknown): Map<FindingKind, number> {
  const counts = new Map<FindingKind, number>();
  if (typeof json !== "object" || json === null) return counts;
  for (const [kind, value] of Object.entries(json)) {
    if (isFindingKind(kind) && typeof value === "number" && value > 0) counts.set(kind, value);
  }
  return counts;
}

export function computeScore(counts: ReadonlyMap<FindingKind, number>): Score {
  let vetoCount = 0;
  for (const kind of FINDING_KINDS) if (KIND_RULES[kind].category === null) vetoCount += counts.get(kind) ?? 0;
  const deductions = DEDUCTION_CATEGORIES.map((category) => {
    const kinds = FINDING_KINDS.filter((kind) => KIND_RULES[kind].category === category).map((kind) => {
      const count = counts.get(kind) ?? 0;
      return { kind, count, points: round1(count * KIND_RULES[kind].points) };
    });
    const raw = kinds.reduce((sum, item) => sum + item.points, 0);
    return {
      category,
      count: kinds.reduce((sum, item) => sum + item.count, 0),
      points: round1(Math.min(raw, CATEGORY_CAPS[category])),
      cap: CATEGORY_CAPS[category],
      kinds,
    };
  });
  const score = round1(Math.max(0, 100 - deductions.reduce((sum, item) => sum + item.points, 0)));
  return { score, vetoCount, verdict: vetoCount > 0 ? "veto" : score < PASS_SCORE ? "fail" : "pass", deductions };
}

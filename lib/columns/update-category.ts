import type { ColumnListStyle, ColumnUpdateCategory } from "@/lib/generated/prisma/enums";

/**
 * 更新要求 of a column, as 《政府网站与政务新媒体检查指标》 (国办函〔2019〕80号) sets them: a column of a
 * category may go this many days without a new article before 网站体检 reports it overdue. EXEMPT
 * columns (不考核) are never reported overdue.
 */
export const UPDATE_CATEGORIES = [
  "NEWS",
  "NOTICE",
  "PLANNING",
  "EXEMPT",
] as const satisfies readonly ColumnUpdateCategory[];

export const UPDATE_INTERVAL_DAYS: Record<ColumnUpdateCategory, number | null> = {
  NEWS: 14,
  NOTICE: 183,
  PLANNING: 365,
  EXEMPT: null,
};

/**
 * What a new column gets when the admin does not choose: a news list is read as 动态要闻; a profile
 * grid (the 【先锋】 series) is a standing feature that gains a profile now and then, so 6 months.
 */
export function defaultUpdateCategory(listStyle: ColumnListStyle): ColumnUpdateCategory {
  return listStyle === "PROFILE_GRID" ? "NOTICE" : "NEWS";
}

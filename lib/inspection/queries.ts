import "server-only";
import { z } from "zod";
import { UPDATE_CATEGORIES } from "@/lib/columns/update-category";
import type { ColumnUpdateCategory, InspectionSeverity } from "@/lib/generated/prisma/enums";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { FINDING_KINDS, isFindingKind, type FindingKind } from "./kinds";
import { computeScore, parseCounts, type Score } from "./score";

/** The reads behind /admin/inspection, its export and its printable page. */

type Db = Pick<PrismaClient, "inspectionRun" | "inspectionFinding" | "job" | "column" | "$queryRaw">;

export const findingFilterSchema = z.object({
  kind: z.enum(FINDING_KINDS).optional().catch(undefined),
  severity: z.enum(["VETO", "SERIOUS", "MINOR"]).optional().catch(undefined),
  status: z.enum(["open", "resolved"]).default("open").catch("open"),
});
export type FindingFilter = z.output<typeof findingFilterSchema>;

export function parseFindingFilter(params: Record<string, string | string[] | undefined>): FindingFilter {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return findingFilterSchema.parse({
    kind: one(params.kind),
    severity: one(params.severity),
    status: one(params.status),
  });
}

const runSelect = {
  id: true,
  status: true,
  trigger: true,
  startedAt: true,
  finishedAt: true,
  heartbeatAt: true,
  phase: true,
  progressDone: true,
  progressTotal: true,
  error: true,
  score: true,
  vetoCount: true,
  findingCount: true,
  counts: true,
  pagesChecked: true,
  linksChecked: true,
  externalChecked: true,
} as const satisfies Prisma.InspectionRunSelect;

export type RunRow = Prisma.InspectionRunGetPayload<{ select: typeof runSelect }>;

export interface ReportState {
  /** The run going on now, if any. */
  running: RunRow | null;
  /** A 立即体检 or weekly job due and not yet started. */
  queued: boolean;
  /** The newest finished run (DONE or FAILED): what the report shows. */
  latest: (RunRow & { computed: Score }) | null;
  /** The last finished runs, oldest first, for the trend. */
  trend: RunRow[];
  nextWeekly: Date | null;
}

export async function reportState(db: Db, now = new Date()): Promise<ReportState> {
  const [running, queued, finished, nextWeekly] = await Promise.all([
    db.inspectionRun.findFirst({ where: { status: "RUNNING" }, select: runSelect }),
    db.job.count({ where: { kind: "INSPECTION", status: "PENDING", runAt: { lte: now } } }),
    db.inspectionRun.findMany({
      where: { status: { in: ["DONE", "FAILED"] } },
      orderBy: { startedAt: "desc" },
      take: 12,
      select: runSelect,
    }),
    db.job.findFirst({
      where: { kind: "INSPECTION", status: "PENDING", createdById: null },
      orderBy: { runAt: "asc" },
      select: { runAt: true },
    }),
  ]);
  const latest = finished[0] ?? null;
  return {
    running,
    queued: queued > 0,
    latest: latest ? { ...latest, computed: computeScore(parseCounts(latest.counts)) } : null,
    trend: finished.filter((run) => run.status === "DONE").reverse(),
    nextWeekly: nextWeekly?.runAt ?? null,
  };
}

export interface FindingRow {
  id: string;
  kind: FindingKind;
  severity: InspectionSeverity;
  page: string;
  element: string;
  evidence: string;
  external: boolean;
  columnId: string | null;
  articleId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

const findingSelect = {
  id: true,
  kind: true,
  severity: true,
  page: true,
  element: true,
  evidence: true,
  external: true,
  columnId: true,
  articleId: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
} as const satisfies Prisma.InspectionFindingSelect;

function findingWhere(runId: string, filter: FindingFilter): Prisma.InspectionFindingWhereInput {
  return {
    ...(filter.status === "open" ? { lastSeenRunId: runId, resolvedAt: null } : { resolvedAt: { not: null } }),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
  };
}

/** Findings of a run (open) or resolved ones, 单项否决 first; `take` rows and the total. */
export async function listFindings(
  db: Db,
  runId: string,
  filter: FindingFilter,
  take: number,
): Promise<{ rows: FindingRow[]; total: number }> {
  const where = findingWhere(runId, filter);
  const [rows, total] = await Promise.all([
    db.inspectionFinding.findMany({
      where,
      orderBy:
        filter.status === "open"
          ? [{ severity: "asc" }, { kind: "asc" }, { page: "asc" }, { id: "asc" }]
          : [{ resolvedAt: "desc" }, { id: "asc" }],
      take,
      select: findingSelect,
    }),
    db.inspectionFinding.count({ where }),
  ]);
  return { rows: rows.flatMap((row) => (isFindingKind(row.kind) ? [{ ...row, kind: row.kind }] : [])), total };
}

/** Every finding of the filter in keyset batches (the export), so a big report is never one array. */
export async function* allFindings(
  db: Db,
  runId: string,
  filter: FindingFilter,
  batch = 1_000,
): AsyncGenerator<FindingRow> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.inspectionFinding.findMany({
      where: { ...findingWhere(runId, filter), ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: batch,
      select: findingSelect,
    });
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    for (const row of rows) if (isFindingKind(row.kind)) yield { ...row, kind: row.kind };
  }
}

/**
 * Where the person who fixes a finding goes: the article's edit page, the column, the site
 * settings, the home-page slots. Null when the fix is outside the CMS (the server is down).
 */
export function fixLink(finding: Pick<FindingRow, "kind" | "articleId" | "columnId" | "page">): string | null {
  switch (finding.kind) {
    case "HOME_UNREACHABLE":
      return null;
    case "HOME_STALE":
      return "/admin/home";
    case "FOOTER_FIELD":
      return "/admin/settings";
    case "COLUMN_OVERDUE":
    case "COLUMN_EMPTY":
    case "COLUMN_HIDDEN_LINKED":
      return finding.columnId ? `/admin/columns/${finding.columnId}` : "/admin/columns";
    default:
      if (finding.articleId) return `/admin/articles/${finding.articleId}`;
      if (finding.page === "/") return "/admin/home";
      if (finding.columnId) return `/admin/columns/${finding.columnId}`;
      return null;
  }
}

export interface AnnualFigures {
  year: number;
  total: number;
  byCategory: { category: ColumnUpdateCategory; count: number }[];
  columns: number;
  columnsUpdated: number;
  topics: number;
}

/**
 * The figures of a 政府网站工作年度报表 the CMS knows: articles first published this calendar year (in
 * the site's time zone) per column category and in total, the visible columns, how many of them
 * published this year, and the special topics (profile-grid columns such as 先锋). An article counts in
 * the column its live revision was published in, as the site lists it, not its draft's working column.
 */
export async function annualFigures(db: Db, timeZone: string, now = new Date()): Promise<AnnualFigures> {
  const year = Number(new Intl.DateTimeFormat("en", { timeZone, year: "numeric" }).format(now));
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const [perCategory, columns] = await Promise.all([
    db.$queryRaw<{ category: ColumnUpdateCategory; count: number; columns: number }[]>`
      SELECT c."updateCategory"::text AS category, count(*)::int AS count, count(DISTINCT c.id)::int AS columns
      FROM "Article" a JOIN "Column" c ON c.id = a."publishedColumnId"
      WHERE a."publishedAt" >= (${start}::date::timestamp AT TIME ZONE ${timeZone})
        AND a."publishedAt" < (${end}::date::timestamp AT TIME ZONE ${timeZone})
      GROUP BY 1`,
    db.column.findMany({ where: { hidden: false }, select: { listStyle: true, id: true } }),
  ]);
  const updated = await db.$queryRaw<{ count: number }[]>`
    SELECT count(DISTINCT a."publishedColumnId")::int AS count
    FROM "Article" a JOIN "Column" c ON c.id = a."publishedColumnId"
    WHERE NOT c.hidden
      AND a."publishedAt" >= (${start}::date::timestamp AT TIME ZONE ${timeZone})
      AND a."publishedAt" < (${end}::date::timestamp AT TIME ZONE ${timeZone})`;
  const byCategory = UPDATE_CATEGORIES.map((category) => ({
    category,
    count: perCategory.find((row) => row.category === category)?.count ?? 0,
  }));
  return {
    year,
    total: byCategory.reduce((sum, row) => sum + row.count, 0),
    byCategory,
    columns: columns.length,
    columnsUpdated: updated[0]?.count ?? 0,
    topics: columns.filter((column) => column.listStyle === "PROFILE_GRID").length,
  };
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatDate } from "@/lib/format/date";
import { can, type PermissionUser } from "@/lib/permissions";
import { lastMonths } from "./months";

/**
 * The dashboard's figures. Months and days are calendar months and days in Asia/Shanghai (the zone
 * every date in the product is shown in), so "this month" here is this month on the page. Every
 * function takes `now` so tests can pin it.
 */

type DashboardDb = Pick<PrismaClient, "$queryRaw" | "article" | "job">;
const TZ = "Asia/Shanghai";

// ---------------------------------------------------------------- my work

export interface MyArticle {
  id: string;
  title: string;
  columnName: string;
  updatedAt: Date;
  /** The reviewer's comment when the article was returned. */
  returnComment: string | null;
  returnedAt: Date | null;
}

/**
 * The user's DRAFT articles, split into plain drafts and the ones a reviewer returned (the newest
 * review of the article is a RETURN made after its last submission: editing alone does not "un-return"
 * it, a new submission does).
 */
export async function myDrafts(
  db: DashboardDb,
  userId: string,
  take = 20,
): Promise<{ drafts: MyArticle[]; returned: MyArticle[] }> {
  const rows = await db.$queryRaw<
    {
      id: string;
      title: string | null;
      columnName: string;
      updatedAt: Date;
      decision: string | null;
      comment: string | null;
      reviewedAt: Date | null;
    }[]
  >`
    SELECT a.id::text AS id, r.title, c.name AS "columnName", a."updatedAt",
           last_review.decision::text AS decision, last_review.comment, last_review."createdAt" AS "reviewedAt"
    FROM "Article" a
    JOIN "Column" c ON c.id = a."columnId"
    LEFT JOIN "Revision" r ON r.id = a."currentRevisionId"
    LEFT JOIN LATERAL (
      SELECT rv.decision, rv.comment, rv."createdAt" FROM "Review" rv
      WHERE rv."articleId" = a.id ORDER BY rv."createdAt" DESC, rv.id DESC LIMIT 1
    ) last_review ON true
    WHERE a."createdById" = ${userId}::uuid AND a.status = 'DRAFT'
    ORDER BY a."updatedAt" DESC, a.id DESC
    LIMIT ${take * 2}`;
  const all = rows.map((row) => {
    const returned = row.decision === "RETURN";
    return {
      id: row.id,
      title: row.title ?? "",
      columnName: row.columnName,
      updatedAt: row.updatedAt,
      returnComment: returned ? (row.comment ?? "") : null,
      returnedAt: returned ? row.reviewedAt : null,
    };
  });
  return {
    drafts: all.filter((row) => row.returnedAt === null).slice(0, take),
    returned: all.filter((row) => row.returnedAt !== null).slice(0, take),
  };
}

export interface QueueItem {
  id: string;
  title: string;
  columnName: string;
  level: number;
  authorName: string;
  /** When it arrived at its current level: the submission, or the approval of the level below. */
  waitingSince: Date;
}

/**
 * 待我审核: articles waiting at a level the user holds, in a column the role covers, not their own —
 * decided by lib/permissions (`review.approve`), the same rule the review action applies. Oldest first.
 */
export async function myReviewQueue(db: DashboardDb, user: PermissionUser, take = 20): Promise<QueueItem[]> {
  const levels = [
    ...new Set(user.roles.flatMap((role) => (role.role === "REVIEWER" && role.level ? [role.level] : []))),
  ];
  if (levels.length === 0) return [];
  const rows = await db.$queryRaw<(QueueItem & { columnId: string; ownerId: string })[]>`
    SELECT a.id::text AS id, COALESCE(r.title, '') AS title, c.name AS "columnName", c.id::text AS "columnId",
           a."reviewLevel"::int AS level, u."displayName" AS "authorName", a."createdById"::text AS "ownerId",
           GREATEST(
             (SELECT max(s."createdAt") FROM "Submission" s WHERE s."articleId" = a.id),
             (SELECT max(rv."createdAt") FROM "Review" rv WHERE rv."articleId" = a.id),
             CASE WHEN NOT EXISTS (SELECT 1 FROM "Submission" s WHERE s."articleId" = a.id) THEN a."updatedAt" END
           ) AS "waitingSince"
    FROM "Article" a
    JOIN "Column" c ON c.id = a."columnId"
    JOIN "User" u ON u.id = a."createdById"
    LEFT JOIN "Revision" r ON r.id = a."currentRevisionId"
    WHERE a.status = 'IN_REVIEW' AND a."reviewLevel" = ANY(${levels}::int[])
    ORDER BY "waitingSince" ASC, a.id
    LIMIT 500`;
  return rows
    .filter((row) => can(user, "review.approve", { columnId: row.columnId, ownerId: row.ownerId, level: row.level }))
    .slice(0, take)
    .map(({ id, title, columnName, level, authorName, waitingSince }) => ({
      id,
      title,
      columnName,
      level,
      authorName,
      waitingSince,
    }));
}

export interface PublishedItem {
  id: string;
  slug: string;
  title: string;
  columnName: string;
  publishedAt: Date;
}

/** The newest live articles. */
export async function recentlyPublished(db: DashboardDb, take = 10): Promise<PublishedItem[]> {
  const rows = await db.article.findMany({
    where: { publishedRevisionId: { not: null }, withdrawnAt: null, publishedAt: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      slug: true,
      publishedAt: true,
      publishedRevision: { select: { title: true } },
      column: { select: { name: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.publishedRevision?.title ?? "",
    columnName: row.column.name,
    publishedAt: row.publishedAt ?? new Date(0),
  }));
}

/** Pending and running publication jobs, soonest first, and jobs that failed in the last 7 days. */
export async function scheduledJobs(db: DashboardDb, now = new Date(), take = 20) {
  const rows = await db.job.findMany({
    // Article jobs only: 网站体检 has its own page (/admin/inspection).
    where: {
      kind: { in: ["PUBLISH", "UNPUBLISH"] },
      OR: [
        { status: { in: ["PENDING", "RUNNING"] } },
        { status: "FAILED", updatedAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
      ],
    },
    orderBy: [{ runAt: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      runAt: true,
      lastError: true,
      article: {
        select: { id: true, currentRevision: { select: { title: true } }, column: { select: { name: true } } },
      },
    },
  });
  return rows.flatMap((row) =>
    row.article && (row.kind === "PUBLISH" || row.kind === "UNPUBLISH")
      ? [
          {
            id: row.id,
            kind: row.kind,
            status: row.status,
            runAt: row.runAt,
            lastError: row.lastError,
            articleId: row.article.id,
            title: row.article.currentRevision?.title ?? "",
            columnName: row.article.column.name,
          },
        ]
      : [],
  );
}

// ---------------------------------------------------------------- charts

export interface MonthlyPublications {
  /** The 12 months, oldest first, YYYY-MM. */
  months: string[];
  /** One series per column that published in the period, by total descending. */
  series: { columnId: string; columnName: string; counts: number[]; total: number }[];
  /** Per month, all columns. */
  totals: number[];
}

/**
 * Articles first published (publishedAt) in each of the last 12 calendar months, by column. An article
 * withdrawn later still counts in the month it was published: it was a publication then.
 */
export async function publicationsPerMonth(db: DashboardDb, now = new Date()): Promise<MonthlyPublications> {
  const months = lastMonths(formatDate(now), 12);
  const rows = await db.$queryRaw<{ month: string; columnId: string; columnName: string; count: number }[]>`
    SELECT to_char(date_trunc('month', a."publishedAt" AT TIME ZONE ${TZ}), 'YYYY-MM') AS month,
           c.id::text AS "columnId", c.name AS "columnName", count(*)::int AS count
    FROM "Article" a JOIN "Column" c ON c.id = a."columnId"
    WHERE a."publishedAt" >= (to_date(${months[0]}, 'YYYY-MM')::timestamp AT TIME ZONE ${TZ})
      AND a."publishedAt" < ((to_date(${months[11]}, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE ${TZ})
    GROUP BY 1, 2, 3`;
  const index = new Map(months.map((month, i) => [month, i]));
  const byColumn = new Map<string, { columnId: string; columnName: string; counts: number[]; total: number }>();
  for (const row of rows) {
    const series = byColumn.get(row.columnId) ?? {
      columnId: row.columnId,
      columnName: row.columnName,
      counts: months.map(() => 0),
      total: 0,
    };
    const i = index.get(row.month);
    if (i === undefined) continue;
    series.counts[i] += row.count;
    series.total += row.count;
    byColumn.set(row.columnId, series);
  }
  const series = [...byColumn.values()].sort(
    (a, b) => b.total - a.total || a.columnName.localeCompare(b.columnName, "zh-CN"),
  );
  return { months, series, totals: months.map((_, i) => series.reduce((sum, s) => sum + s.counts[i], 0)) };
}

export interface TurnaroundRow {
  /** Review level (1 初审 …) for per-level waits; number of levels for submission → publication. */
  level: number;
  count: number;
  /** Seconds. */
  median: number;
  p90: number;
}

/**
 * Review turnaround over the last 12 months, from the Review and Submission rows:
 * - `perLevel`: how long an article waited at each level — from arriving there (its submission for
 *   level 1, the approval at the level below otherwise) to that level's decision (approve or return);
 * - `toPublication`: from the submission that was published to the first publication, grouped by how
 *   many levels that submission had to pass.
 * Median and 90th percentile are PostgreSQL's percentile_cont (linear interpolation).
 */
export async function reviewTurnaround(
  db: DashboardDb,
  now = new Date(),
): Promise<{ perLevel: TurnaroundRow[]; toPublication: TurnaroundRow[] }> {
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const [perLevel, toPublication] = await Promise.all([
    db.$queryRaw<TurnaroundRow[]>`
      WITH waits AS (
        SELECT r.level,
               extract(epoch FROM r."createdAt" - COALESCE(
                 (SELECT max(below."createdAt") FROM "Review" below
                  WHERE below."submissionId" = r."submissionId" AND below.level = r.level - 1 AND below.decision = 'APPROVE'),
                 s."createdAt"))::float8 AS seconds
        FROM "Review" r JOIN "Submission" s ON s.id = r."submissionId"
        WHERE r."createdAt" >= ${since} AND r."createdAt" <= ${now}
      )
      SELECT level::int AS level, count(*)::int AS count,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
      FROM waits GROUP BY level ORDER BY level`,
    db.$queryRaw<TurnaroundRow[]>`
      WITH spans AS (
        SELECT s.levels, extract(epoch FROM a."publishedAt" - s."createdAt")::float8 AS seconds
        FROM "Article" a
        JOIN LATERAL (
          SELECT sub.levels, sub."createdAt" FROM "Submission" sub
          WHERE sub."articleId" = a.id AND sub."createdAt" <= a."publishedAt"
          ORDER BY sub."createdAt" DESC, sub.number DESC LIMIT 1
        ) s ON true
        WHERE a."publishedAt" >= ${since} AND a."publishedAt" <= ${now}
      )
      SELECT levels::int AS level, count(*)::int AS count,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
      FROM spans GROUP BY levels ORDER BY levels`,
  ]);
  return { perLevel, toPublication };
}

export interface TopArticle {
  id: string;
  slug: string;
  title: string;
  columnName: string;
  views: number;
}

/** The most read live articles over the last `days` days, today (Asia/Shanghai) included. */
export async function topArticles(db: DashboardDb, days: number, now = new Date(), take = 10): Promise<TopArticle[]> {
  const today = formatDate(now);
  return db.$queryRaw<TopArticle[]>`
    SELECT a.id::text AS id, a.slug, r.title, c.name AS "columnName", sum(v.views)::int AS views
    FROM "ArticleViewDaily" v
    JOIN "Article" a ON a.id = v."articleId" AND a."publishedRevisionId" IS NOT NULL AND a."withdrawnAt" IS NULL
    JOIN "Revision" r ON r.id = a."publishedRevisionId"
    JOIN "Column" c ON c.id = a."columnId"
    WHERE v.day > ${today}::date - ${days}::int AND v.day <= ${today}::date
    GROUP BY a.id, a.slug, r.title, c.name
    ORDER BY views DESC, a.id
    LIMIT ${take}`;
}

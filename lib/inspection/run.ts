import "server-only";
import type { BodyDocument } from "@/lib/articles/body";
import { env } from "@/lib/env";
import { UPDATE_INTERVAL_DAYS } from "@/lib/columns/update-category";
import { formatDate } from "@/lib/format/date";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { renderArticle, renderColumn, renderHome } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { LIVE } from "@/lib/articles/live";
import { articleBySlug } from "@/lib/public/data/queries";
import { publicUrls } from "@/lib/urls";
import { ICP_NUMBER, POLICE_NUMBER, SITE_CODE } from "@/lib/settings/schemas";
import { SITE_SETTINGS_KEY } from "@/lib/settings/queries";
import { checkLiveRevision } from "./content-checks";
import { externalLinkChecker, type ExternalCheckOptions, type ExternalResult } from "./external-links";
import { FindingSink, type FindingInput, type NewFinding } from "./findings";
import { classifyPath, InternalLinkResolver, type ColumnInfo, type InternalTarget } from "./internal-links";
import type { FindingKind } from "./kinds";
import { inspectionText } from "./messages";
import { notifyMoreVetoes, notifyNewVetoes, VETO_NOTICES_PER_RUN } from "./notify";
import { pageLinks, showsPublishedDate } from "./page-links";
import { computeScore, type Score } from "./score";
import { getInspectionSettings } from "./settings";

/**
 * One 网站体检 over the live site, as a reader would meet it: the home page over HTTP through
 * SITE_URL, then every public page rendered by the public renderer itself (home, every page of every
 * visible column, every live article), each page's links and images checked. Articles are walked in
 * keyset batches and every batch's findings and link lookups are written before the next one is read,
 * so memory stays flat however large the site is. External links are collected (a bounded number of
 * distinct URLs) and checked at the end, within a time budget.
 */

export interface InspectionOptions {
  now?: () => Date;
  /** The public base URL the home page is probed through; SITE_URL by default. */
  siteUrl?: string;
  /** 单项否决 when the home page takes longer than this (the rules: 15 s). */
  homeTimeoutMs?: number;
  /** Live articles read (and rendered) per batch. */
  batchSize?: number;
  external?: ExternalCheckOptions & {
    /** Overrides the settings switch (tests, benchmarks). */
    enabled?: boolean;
    /** Distinct external URLs checked per run (the first ones found); later ones are not fetched. */
    maxUrls?: number;
    /** Time budget of the external phase. */
    budgetMs?: number;
  };
}

export interface RunOutcome {
  status: "DONE" | "FAILED";
  score: Score;
  error?: string;
  pagesChecked: number;
  linksChecked: number;
}

const DAY = 86_400_000;
const HOME_STALE_DAYS = 14;
const ARTICLE_CONCURRENCY = 4;
const MAX_COLUMN_PAGES = 20_000;

type Db = PrismaClient;
const e = inspectionText.evidence;

interface PendingLink {
  page: string;
  url: string;
  target: InternalTarget;
  home: boolean;
  columnId: string | null;
  articleId: string | null;
}

interface PageContext {
  home?: boolean;
  columnId?: string | null;
  articleId?: string | null;
}

function figureMediaIds(body: BodyDocument): string[] {
  const ids: string[] = [];
  const walk = (nodes: readonly unknown[]) => {
    for (const node of nodes) {
      if (typeof node !== "object" || node === null) continue;
      const record = node as { type?: unknown; attrs?: { mediaId?: unknown }; content?: unknown };
      if (record.type === "figure" && typeof record.attrs?.mediaId === "string") ids.push(record.attrs.mediaId);
      if (Array.isArray(record.content)) walk(record.content);
    }
  };
  walk(body.content);
  return ids;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

function externalEvidence(result: ExternalResult): string | null {
  if (result.ok) return null;
  switch (result.reason) {
    case "status":
      return e.externalStatus(result.status);
    case "timeout":
      return e.externalTimeout;
    case "redirects":
      return e.externalTooManyRedirects;
    case "refused":
      return e.externalRefused;
    case "protocol":
      return e.externalProtocol;
    default:
      return e.externalError(result.message);
  }
}

/** Probes `<siteUrl>/` over HTTP: null when it answered 200 within the limit, else the evidence. */
export async function probeHome(siteUrl: string, timeoutMs: number): Promise<string | null> {
  const started = Date.now();
  try {
    const response = await fetch(`${siteUrl}/`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "follow",
      headers: { "user-agent": "XuanchuanCMS-Inspection/1.0" },
    });
    await response.body?.cancel();
    if (response.status !== 200) return e.homeStatus(response.status);
    const seconds = (Date.now() - started) / 1000;
    if (seconds * 1000 > timeoutMs) return e.homeSlow(seconds.toFixed(1));
    return null;
  } catch (error) {
    // AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm.
    const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
    if (name === "TimeoutError" || name === "AbortError") return e.homeTimeout(timeoutMs / 1000);
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : errorText(error);
    return e.homeError(cause);
  }
}

/** Distinct external URLs with a few of the pages that link them; bounded. */
class ExternalCollector {
  readonly urls = new Map<
    string,
    { pages: string[]; home: boolean; columnId: string | null; articleId: string | null }
  >();
  overflow = 0;
  constructor(private readonly limit: number) {}

  add(url: string, page: string, context: PageContext): void {
    const entry = this.urls.get(url);
    if (entry) {
      if (entry.pages.length < 3 && !entry.pages.includes(page)) entry.pages.push(page);
      entry.home ||= !!context.home;
      return;
    }
    if (this.urls.size >= this.limit) {
      this.overflow += 1;
      return;
    }
    this.urls.set(url, {
      pages: [page],
      home: !!context.home,
      columnId: context.columnId ?? null,
      articleId: context.articleId ?? null,
    });
  }
}

export async function executeInspection(db: Db, runId: string, options: InspectionOptions = {}): Promise<RunOutcome> {
  const now = options.now ?? (() => new Date());
  const siteUrl = (options.siteUrl ?? env().SITE_URL).replace(/\/+$/, "");
  // The pages write absolute URLs with SITE_URL (canonical, Open Graph); a probe may use another base.
  const siteOrigins = new Set([new URL(siteUrl).origin, new URL(env().SITE_URL).origin]);
  let externalEnabled = options.external?.enabled ?? false;
  const vetoBudget = { left: VETO_NOTICES_PER_RUN, suppressed: 0 };
  const sink = new FindingSink(db, runId, now, (created: NewFinding[]) => notifyNewVetoes(db, created, vetoBudget));
  let pagesChecked = 0;
  let linksChecked = 0;

  const progress = async (phase: string, done = 0, total = 0) => {
    await db.inspectionRun.update({
      where: { id: runId },
      data: { phase, progressDone: done, progressTotal: total, heartbeatAt: now(), pagesChecked, linksChecked },
    });
  };

  const countsJson = () => Object.fromEntries(sink.counts) as Prisma.InputJsonObject;

  try {
    externalEnabled = options.external?.enabled ?? (await getInspectionSettings(db)).externalLinks;
    await progress("home");
    const probe = await probeHome(siteUrl, options.homeTimeoutMs ?? 15_000);
    if (probe) await sink.add({ kind: "HOME_UNREACHABLE", page: "/", element: `${siteUrl}/`, evidence: probe });

    const columns = await db.column.findMany({
      select: { id: true, slug: true, name: true, hidden: true, updateCategory: true, listStyle: true },
    });
    const columnsBySlug = new Map<string, ColumnInfo>(columns.map((column) => [column.slug, column]));
    const redirects = new Map(
      (await db.columnSlugRedirect.findMany({ select: { slug: true, column: { select: { slug: true } } } })).map(
        (row) => [row.slug, row.column.slug],
      ),
    );
    const resolver = new InternalLinkResolver(db, columnsBySlug, redirects);
    const externals = new ExternalCollector(options.external?.maxUrls ?? 2_000);
    let pending: PendingLink[] = [];

    const resolvePending = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const problems = await resolver.resolve(
        batch.map((link) => link.target),
        batch.map((link) => link.page),
      );
      for (const [index, problem] of problems.entries()) {
        if (!problem) continue;
        const link = batch[index];
        await sink.add({
          kind: link.home ? "LINK_HOME" : "LINK",
          page: link.page,
          element: link.url,
          evidence: problem,
          columnId: link.columnId,
          articleId: link.articleId,
        });
      }
    };

    /** Queues every link of a rendered page and reports its images without alt text. */
    const checkPage = async (page: string, html: string, context: PageContext = {}) => {
      pagesChecked += 1;
      const { links, images } = pageLinks(html);
      const seen = new Set<string>();
      for (const link of links) {
        if (seen.has(link.url)) continue;
        seen.add(link.url);
        linksChecked += 1;
        let url: URL;
        try {
          url = new URL(link.url, `${siteUrl}${page}`);
        } catch {
          await sink.add({
            kind: context.home ? "LINK_HOME" : "LINK",
            page,
            element: link.url,
            evidence: e.pathUnknown,
            columnId: context.columnId,
            articleId: context.articleId,
          });
          continue;
        }
        if (siteOrigins.has(url.origin)) {
          pending.push({
            page,
            url: link.url,
            target: classifyPath(url.pathname),
            home: !!context.home,
            columnId: context.columnId ?? null,
            articleId: context.articleId ?? null,
          });
        } else if (url.protocol === "http:" || url.protocol === "https:") {
          url.hash = "";
          externals.add(url.href, page, context);
        }
      }
      for (const image of images) {
        if (image.src.startsWith("data:") || image.className.includes("view-beacon")) continue;
        if (image.alt === null || image.alt.trim() === "") {
          await sink.add({
            kind: "ALT_MISSING",
            page,
            element: image.src,
            evidence: inspectionText.kindLabels.ALT_MISSING,
            columnId: context.columnId,
            articleId: context.articleId,
          });
        }
      }
      if (pending.length >= 2_000) await resolvePending();
    };

    // ---- the home page: links (weighted), freshness (单项否决)
    const home = await renderHome(db, DEFAULT_PREFS);
    await checkPage(publicUrls.home(), home.body, { home: true });
    const homeSlugs = [
      ...new Set(
        pending.filter((link) => link.target.type === "article").map((link) => (link.target as { slug: string }).slug),
      ),
    ];
    await resolvePending();
    const newest = homeSlugs.length
      ? await db.article.aggregate({
          where: { ...LIVE, slug: { in: homeSlugs } },
          _max: { publishedDisplayDate: true },
        })
      : { _max: { publishedDisplayDate: null } };
    // The date readers see (发布日期): an article moved in from an old site today is not an update.
    const newestAt = newest._max.publishedDisplayDate;
    if (!newestAt) {
      await sink.add({ kind: "HOME_STALE", page: "/", element: "首页", evidence: e.homeNoArticles });
    } else {
      const days = Math.floor((now().getTime() - newestAt.getTime()) / DAY);
      if (now().getTime() - newestAt.getTime() > HOME_STALE_DAYS * DAY)
        await sink.add({
          kind: "HOME_STALE",
          page: "/",
          element: "首页",
          evidence: e.homeStale(formatDate(newestAt), days),
        });
    }

    // ---- the footer's required fields, as stored (a malformed stored value is not shown at all)
    const stored = (await db.siteSetting.findUnique({ where: { key: SITE_SETTINGS_KEY } }))?.value;
    const record =
      stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
    for (const [field, pattern] of [
      ["siteCode", SITE_CODE],
      ["icpNumber", ICP_NUMBER],
      ["policeNumber", POLICE_NUMBER],
    ] as const) {
      const value = typeof record[field] === "string" ? (record[field] as string).trim() : "";
      const label = inspectionText.footerLabels[field];
      if (value === "")
        await sink.add({ kind: "FOOTER_FIELD", page: "", element: field, evidence: e.footerMissing(label) });
      else if (!pattern.test(value))
        await sink.add({ kind: "FOOTER_FIELD", page: "", element: field, evidence: e.footerMalformed(label, value) });
    }

    // ---- columns: freshness by category, empty ones, then every page of every visible column
    await progress("columns");
    const newestByColumn = new Map(
      (
        await db.article.groupBy({
          by: ["publishedColumnId"],
          where: LIVE,
          _max: { publishedDisplayDate: true },
        })
      ).map((row) => [row.publishedColumnId, row._max.publishedDisplayDate]),
    );
    const visible = columns.filter((column) => !column.hidden);
    for (const column of visible) {
      const page = publicUrls.column(column.slug);
      const latest = newestByColumn.get(column.id) ?? null;
      if (!latest) {
        await sink.add({ kind: "COLUMN_EMPTY", page, element: column.name, evidence: e.empty, columnId: column.id });
        continue;
      }
      const limit = UPDATE_INTERVAL_DAYS[column.updateCategory];
      const days = Math.floor((now().getTime() - latest.getTime()) / DAY);
      if (limit !== null && now().getTime() - latest.getTime() > limit * DAY) {
        await sink.add({
          kind: "COLUMN_OVERDUE",
          page,
          element: column.name,
          evidence: e.overdue(
            inspectionText.updateCategoryShort[column.updateCategory],
            formatDate(latest),
            days,
            limit,
          ),
          columnId: column.id,
        });
      }
    }
    for (const [index, column] of visible.entries()) {
      await progress("columns", index, visible.length);
      let before: string | null = null;
      const seen = new Set<string>();
      for (let pageNumber = 0; pageNumber < MAX_COLUMN_PAGES; pageNumber++) {
        const path = publicUrls.columnPage(column.slug, before ?? undefined);
        const rendered = await renderColumn(db, column.slug, before, DEFAULT_PREFS);
        await checkPage(path, rendered.body, { columnId: column.id });
        // The next keyset page is the link a reader would follow: ?before=<cursor> of this column.
        const next = pageLinks(rendered.body)
          .links.map((link) => new URL(link.url, `${siteUrl}${path}`))
          .find(
            (url) =>
              siteOrigins.has(url.origin) &&
              url.pathname === publicUrls.column(column.slug) &&
              url.searchParams.has("before") &&
              !seen.has(url.searchParams.get("before") ?? ""),
          );
        if (!next) break;
        before = next.searchParams.get("before");
        seen.add(before ?? "");
      }
    }
    await resolvePending();

    // ---- every live article in a visible column, in keyset batches
    // Where the live revision is published, not the newest draft's working column.
    const liveWhere = { ...LIVE, publishedColumn: { hidden: false } } satisfies Prisma.ArticleWhereInput;
    const total = await db.article.count({ where: liveWhere });
    const batchSize = options.batchSize ?? 200;
    let after: string | undefined;
    let done = 0;
    await progress("articles", 0, total);
    for (;;) {
      const rows = await db.article.findMany({
        where: { ...liveWhere, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take: batchSize,
        select: {
          id: true,
          slug: true,
          publishedColumnId: true,
          publishedRevision: { select: { title: true, body: true, meta: true } },
        },
      });
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      let cursor = 0;
      const worker = async () => {
        while (cursor < rows.length) {
          const row = rows[cursor++];
          await inspectArticle(row);
        }
      };
      const inspectArticle = async (row: (typeof rows)[number]) => {
        const path = publicUrls.article(row.slug);
        const context = { columnId: row.publishedColumnId, articleId: row.id };
        const found = await articleBySlug(db, row.slug);
        if (found.kind !== "live" || !row.publishedRevision) return;
        const article = found.article;
        for (const hit of await checkLiveRevision(db, row.publishedRevision)) {
          await sink.add({
            kind: hit.level === "BLOCK" ? "SERIOUS_ERROR" : "CONTENT_WARN",
            page: path,
            element: `${hit.field}:${hit.term}`,
            evidence: e.checkHit(hit.fieldLabel, hit.message, hit.excerpt),
            ...context,
          });
        }
        if (!article.source.trim())
          await sink.add({ kind: "SOURCE_MISSING", page: path, element: "来源", evidence: e.noSource, ...context });
        const present = new Set(article.media.map((media) => media.id));
        for (const mediaId of new Set(figureMediaIds(article.body))) {
          if (!present.has(mediaId))
            await sink.add({
              kind: "LINK",
              page: path,
              element: `图片 ${mediaId}`,
              evidence: e.figureMissing,
              ...context,
            });
        }
        const rendered = await renderArticle(db, row.slug, DEFAULT_PREFS);
        if (rendered.status !== 200) return;
        if (!showsPublishedDate(rendered.body))
          await sink.add({ kind: "DATE_MISSING", page: path, element: "发布日期", evidence: e.noDate, ...context });
        await checkPage(path, rendered.body, context);
      };
      await Promise.all(Array.from({ length: Math.min(ARTICLE_CONCURRENCY, rows.length) }, worker));
      await resolvePending();
      await sink.flush();
      done += rows.length;
      await progress("articles", done, total);
    }

    // ---- hidden columns that pages still link to
    for (const [columnId, linked] of resolver.hiddenLinked) {
      const column = columns.find((item) => item.id === columnId);
      if (!column) continue;
      await sink.add({
        kind: "COLUMN_HIDDEN_LINKED",
        page: publicUrls.column(column.slug),
        element: column.name,
        evidence: e.hiddenLinked(linked.count, linked.example),
        columnId,
      });
    }

    // ---- external links
    if (externalEnabled) {
      const urls = [...externals.urls.keys()];
      await progress("external", 0, urls.length);
      const checker = externalLinkChecker(options.external);
      let checked = 0;
      await checker.checkAll(
        urls,
        async (index, result) => {
          checked += 1;
          const evidence = externalEvidence(result);
          if (evidence) {
            const entry = externals.urls.get(urls[index]);
            for (const page of entry?.pages ?? []) {
              const finding: FindingInput = {
                kind: (entry?.home && page === "/" ? "LINK_HOME" : "LINK") as FindingKind,
                page,
                element: urls[index],
                evidence,
                external: true,
                columnId: entry?.columnId,
                articleId: entry?.articleId,
              };
              await sink.add(finding);
            }
          }
          if (checked % 20 === 0) await progress("external", checked, urls.length);
        },
        Date.now() + (options.external?.budgetMs ?? 10 * 60_000),
      );
    }

    // ---- finish: what was not seen again is resolved
    await progress("finishing");
    await sink.flush();
    await notifyMoreVetoes(db, vetoBudget);
    const finishedAt = now();
    await db.inspectionFinding.updateMany({
      where: { resolvedAt: null, lastSeenRunId: { not: runId }, ...(externalEnabled ? {} : { external: false }) },
      data: { resolvedAt: finishedAt, resolvedRunId: runId },
    });
    const score = computeScore(sink.counts);
    const findingCount = [...sink.counts.values()].reduce((sum, count) => sum + count, 0);
    await db.inspectionRun.update({
      where: { id: runId },
      data: {
        status: "DONE",
        finishedAt,
        heartbeatAt: finishedAt,
        phase: "finishing",
        score: score.score,
        vetoCount: score.vetoCount,
        findingCount,
        counts: countsJson(),
        pagesChecked,
        linksChecked,
        externalChecked: externalEnabled,
      },
    });
    return { status: "DONE", score, pagesChecked, linksChecked };
  } catch (error) {
    // What was found so far stays recorded; nothing is resolved from an incomplete run.
    const message = errorText(error);
    try {
      await sink.flush();
    } catch (flushError) {
      console.error("inspection: could not record findings of a failed run", flushError);
    }
    const score = computeScore(sink.counts);
    const findingCount = [...sink.counts.values()].reduce((sum, count) => sum + count, 0);
    await db.inspectionRun.update({
      where: { id: runId },
      data: {
        status: "FAILED",
        finishedAt: now(),
        heartbeatAt: now(),
        error: message,
        vetoCount: score.vetoCount,
        findingCount,
        counts: countsJson(),
        pagesChecked,
        linksChecked,
        externalChecked: externalEnabled,
      },
    });
    return { status: "FAILED", score, error: message, pagesChecked, linksChecked };
  }
}

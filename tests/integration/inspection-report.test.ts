/** The 网站体检 report: who may see and run it, its findings with where to fix them, the .xlsx export, 年度报表. */
jest.mock("@/lib/auth/session", () => {
  const session = jest.requireActual("../support/server-action-session").sessionWithTestUser();
  // The pages ask for the signed-in user as pages do (requireUser): the same test user.
  return { ...session, requireUser: session.requireUserForAction };
});
// Next's cache revalidation needs a request context jest has none of; the pages re-read on every request anyway.
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import ExcelJS from "exceljs";
import { POST as exportRoute } from "@/app/admin/(staff)/inspection/export/route";
import { runInspectionAction, updateInspectionSettingsAction } from "@/app/admin/(staff)/inspection/actions";
import InspectionPage from "@/app/admin/(staff)/inspection/page";
import InspectionPrintPage from "@/app/admin/(staff)/inspection/print/page";
import { findingKey } from "@/lib/inspection/findings";
import { inspectionText } from "@/lib/inspection/messages";
import { annualFigures, fixLink, listFindings, reportState } from "@/lib/inspection/queries";
import { env } from "@/lib/env";
import { initialFormState } from "@/lib/forms/form-state";
import { asCurrentUser, createUser, testDb } from "../support/factories";
import { actAs, formData } from "../support/server-action-session";
import { makeArticle } from "../support/site-fixtures";

const db = testDb();
afterAll(() => db.$disconnect());

let runId: string;
let columnId: string;
let articleId: string;

beforeAll(async () => {
  const author = await createUser(db, "EDITOR");
  const news = await db.column.create({ data: { slug: "r-news", name: "要闻", updateCategory: "NEWS" } });
  const notice = await db.column.create({
    data: { slug: "r-notice", name: "通知", updateCategory: "NOTICE", listStyle: "PROFILE_GRID" },
  });
  const hidden = await db.column.create({ data: { slug: "r-hidden", name: "隐藏", hidden: true } });
  columnId = news.id;
  const thisYear = new Date(Date.UTC(new Date().getUTCFullYear(), 5, 1));
  const lastYear = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 5, 1));
  articleId = (await makeArticle(db, { columnId: news.id, authorId: author.id, publishedAt: thisYear })).id;
  await makeArticle(db, { columnId: news.id, authorId: author.id, publishedAt: thisYear });
  await makeArticle(db, { columnId: notice.id, authorId: author.id, publishedAt: thisYear });
  await makeArticle(db, { columnId: notice.id, authorId: author.id, publishedAt: lastYear });
  await makeArticle(db, { columnId: hidden.id, authorId: author.id, publishedAt: thisYear });
  // Published in 要闻, its newest draft since moved to 通知: it counts where it was published.
  const moved = await makeArticle(db, { columnId: news.id, authorId: author.id, publishedAt: thisYear });
  await db.article.update({ where: { id: moved.id }, data: { columnId: notice.id } });

  const run = await db.inspectionRun.create({
    data: {
      trigger: "MANUAL",
      status: "DONE",
      finishedAt: new Date(),
      score: 92.5,
      vetoCount: 1,
      findingCount: 3,
      counts: { SERIOUS_ERROR: 1, LINK: 1, COLUMN_OVERDUE: 1 },
    },
  });
  runId = run.id;
  const finding = (
    kind: string,
    severity: "VETO" | "SERIOUS" | "MINOR",
    page: string,
    element: string,
    extra: { articleId?: string; columnId?: string } = {},
  ) => ({
    key: findingKey(kind, page, element),
    kind,
    severity,
    page,
    element,
    evidence: `${kind} 的情况`,
    firstSeenRunId: runId,
    lastSeenRunId: runId,
    ...extra,
  });
  await db.inspectionFinding.createMany({
    data: [
      finding("LINK", "MINOR", "/articles/a.html", "https://example.org/x", { articleId, columnId: news.id }),
      finding("SERIOUS_ERROR", "VETO", "/articles/a.html", "body:禁词", { articleId, columnId: news.id }),
      finding("COLUMN_OVERDUE", "SERIOUS", "/columns/r-news", "要闻", { columnId: news.id }),
      { ...finding("FOOTER_FIELD", "SERIOUS", "", "siteCode"), resolvedAt: new Date(), resolvedRunId: runId },
    ],
  });
});

describe("the report's reads", () => {
  it("lists a run's open findings 单项否决 first, filters them, and lists resolved ones apart", async () => {
    const open = await listFindings(db, runId, { status: "open" }, 10);
    expect(open.rows.map((row) => row.kind)).toEqual(["SERIOUS_ERROR", "COLUMN_OVERDUE", "LINK"]);
    expect((await listFindings(db, runId, { status: "open", kind: "LINK" }, 10)).rows).toHaveLength(1);
    expect((await listFindings(db, runId, { status: "resolved" }, 10)).rows.map((row) => row.kind)).toEqual([
      "FOOTER_FIELD",
    ]);
    const state = await reportState(db);
    expect(state.latest).toMatchObject({ id: runId, computed: { vetoCount: 1, verdict: "veto" } });
    expect(state.trend.map((run) => run.id)).toEqual([runId]);
  });

  it("links each finding to the place that fixes it", () => {
    expect(fixLink({ kind: "SERIOUS_ERROR", articleId, columnId, page: "/articles/a.html" })).toBe(
      `/admin/articles/${articleId}`,
    );
    expect(fixLink({ kind: "COLUMN_EMPTY", articleId: null, columnId, page: "/columns/x" })).toBe(
      `/admin/columns/${columnId}`,
    );
    expect(fixLink({ kind: "FOOTER_FIELD", articleId: null, columnId: null, page: "" })).toBe("/admin/settings");
    expect(fixLink({ kind: "HOME_STALE", articleId: null, columnId: null, page: "/" })).toBe("/admin/home");
    expect(fixLink({ kind: "LINK_HOME", articleId: null, columnId: null, page: "/" })).toBe("/admin/home");
    expect(fixLink({ kind: "HOME_UNREACHABLE", articleId: null, columnId: null, page: "/" })).toBeNull();
  });

  it("counts this year's publications by column category, the columns kept and the topics", async () => {
    const figures = await annualFigures(db, "Asia/Shanghai");
    expect(figures.year).toBe(new Date().getUTCFullYear());
    expect(Object.fromEntries(figures.byCategory.map((row) => [row.category, row.count]))).toEqual({
      NEWS: 4,
      NOTICE: 1,
      PLANNING: 0,
      EXEMPT: 0,
    });
    expect(figures.total).toBe(5);
    expect(figures).toMatchObject({ columns: 2, columnsUpdated: 2, topics: 1 });
  });
});

/** The export as the page's form posts it: same origin (the form's POST carries this site's Origin). */
const exportReport = (url: string, origin = new URL(env().SITE_URL).origin) =>
  exportRoute(new Request(url, { method: "POST", headers: { origin } }));

describe("who may see and run it", () => {
  it("exports the report as .xlsx for the admin and refuses an editor", async () => {
    const editor = await createUser(db, "EDITOR");
    actAs(asCurrentUser(editor, "EDITOR"));
    expect((await exportReport("http://localhost/admin/inspection/export")).status).toBe(403);

    const admin = await createUser(db, "ADMIN");
    actAs(asCurrentUser(admin, "ADMIN"));
    // An export is an audit event: a cross-site form (or a link, now refused as a GET) writes none.
    expect((await exportReport("http://localhost/admin/inspection/export", "https://evil.example")).status).toBe(403);
    expect(await db.auditEvent.count({ where: { action: "inspection.export" } })).toBe(0);
    const response = await exportReport("http://localhost/admin/inspection/export");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["概况", "问题清单", "年度报表"]);
    const findings = workbook.getWorksheet("问题清单");
    expect(findings?.rowCount).toBe(4);
    const kinds: string[] = [];
    findings?.eachRow((row, index) => {
      if (index > 1) kinds.push(String(row.getCell(2).value));
    });
    expect(kinds.sort()).toEqual(
      [
        inspectionText.kindLabels.COLUMN_OVERDUE,
        inspectionText.kindLabels.LINK,
        inspectionText.kindLabels.SERIOUS_ERROR,
      ].sort(),
    );
    expect(await db.auditEvent.count({ where: { action: "inspection.export", actorId: admin.id } })).toBe(1);

    const annual = await exportReport("http://localhost/admin/inspection/export?sheet=annual");
    const annualBook = new ExcelJS.Workbook();
    await annualBook.xlsx.load(Buffer.from(await annual.arrayBuffer()) as unknown as ArrayBuffer);
    expect(annualBook.getWorksheet("年度报表")?.getRow(2).values).toEqual([
      undefined,
      inspectionText.ui.annualTotal,
      5,
    ]);
  });

  it("lets a 终审 start a run but not change the settings, and the admin both", async () => {
    const finalReviewer = await createUser(db, [{ role: "REVIEWER", level: 3 }]);
    actAs({ ...asCurrentUser(finalReviewer, "REVIEWER"), roles: [{ role: "REVIEWER", level: 3, columnId: null }] });
    expect(await runInspectionAction()).toMatchObject({ status: "ok" });
    expect(await db.job.count({ where: { kind: "INSPECTION", createdById: finalReviewer.id } })).toBe(1);
    expect(await updateInspectionSettingsAction(initialFormState, formData({ weekly: "on" }))).toMatchObject({
      status: "error",
    });

    const admin = await createUser(db, "ADMIN");
    actAs(asCurrentUser(admin, "ADMIN"));
    expect(await runInspectionAction()).toMatchObject({
      status: "error",
      message: inspectionText.errors.alreadyQueued,
    });
    expect(await updateInspectionSettingsAction(initialFormState, formData({ weekly: "on" }))).toMatchObject({
      status: "ok",
    });
    expect((await db.siteSetting.findUniqueOrThrow({ where: { key: "inspection" } })).value).toEqual({
      externalLinks: false,
      weekly: true,
    });

    const editor = await createUser(db, "EDITOR");
    actAs(asCurrentUser(editor, "EDITOR"));
    expect(await runInspectionAction()).toMatchObject({ status: "error" });
  });

  // A 终审 reading both is the e2e test's (the pages need a request scope).
  it("sends an editor away from the report and from the printable 检查报告", async () => {
    const editor = await createUser(db, "EDITOR");
    actAs(asCurrentUser(editor, "EDITOR"));
    const denied = expect.objectContaining({ digest: expect.stringContaining("/admin?denied=inspection.view") });
    await expect(InspectionPage({ searchParams: Promise.resolve({}) })).rejects.toEqual(denied);
    await expect(InspectionPrintPage()).rejects.toEqual(denied);
  });
});

/**
 * 网站体检 over a fixture site: a stale home page, an overdue column of each category, an empty
 * column, a hidden column still linked, broken internal links (a withdrawn article, a deleted
 * photo), external links to loopback servers answering 200, 404, 500, a redirect loop and never,
 * SSRF refusals, a BLOCK term in a live article, and the footer's required fields.
 */
import { randomBytes } from "node:crypto";
import type { BodyDocument } from "@/lib/articles/body";
import { executeInspection, probeHome, type InspectionOptions } from "@/lib/inspection/run";
import { inspectionText } from "@/lib/inspection/messages";
import { createUser, ownerDb, testDb, type TestUser } from "../support/factories";
import {
  answering,
  loopbackServer,
  neverAnswering,
  redirectLoop,
  type LoopbackServer,
} from "../support/loopback-servers";
import { createArticle } from "../support/public-fixtures";

const db = testDb();
const DAY = 86_400_000;
const e = inspectionText.evidence;

let site: LoopbackServer;
let outside: LoopbackServer;
let notFound: LoopbackServer;
let failing: LoopbackServer;
let loop: LoopbackServer;
let silent: LoopbackServer;
let secret: LoopbackServer;
let admin: TestUser;
let newsFinal: TestUser;
let noticeFinal: TestUser;
let columns: Record<"news" | "notice" | "planning" | "exempt" | "empty" | "hidden", { id: string; slug: string }>;
let photoSha: string;
let blockArticleId: string;

function link(text: string, href: string) {
  return { type: "text" as const, text, marks: [{ type: "link" as const, attrs: { href } }] };
}

function body(...content: unknown[]): BodyDocument {
  return { type: "doc", content } as BodyDocument;
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

function options(overrides: InspectionOptions = {}): InspectionOptions {
  return {
    siteUrl: site.url,
    homeTimeoutMs: 2_000,
    ...overrides,
    external: {
      enabled: true,
      timeoutMs: 700,
      perHostIntervalMs: 0,
      allowPrivate: [site, outside, notFound, failing, loop, silent].map((server) => `127.0.0.1:${server.port}`),
      ...overrides.external,
    },
  };
}

async function newRun(): Promise<string> {
  return (await db.inspectionRun.create({ data: { trigger: "MANUAL" }, select: { id: true } })).id;
}

async function findingsOf(runId: string) {
  return db.inspectionFinding.findMany({
    where: { lastSeenRunId: runId },
    orderBy: [{ kind: "asc" }, { page: "asc" }, { element: "asc" }],
  });
}

beforeAll(async () => {
  site = await loopbackServer(answering(200));
  outside = await loopbackServer((request, response) => {
    if (request.url === "/to-secret") {
      response.writeHead(302, { location: `http://127.0.0.1:${secret.port}/` });
      return response.end();
    }
    answering(200)(request, response);
  });
  notFound = await loopbackServer(answering(404));
  failing = await loopbackServer(answering(500));
  loop = await loopbackServer(redirectLoop);
  silent = await loopbackServer(neverAnswering);
  secret = await loopbackServer(answering(200));

  const author = await db.user.create({
    data: { username: "inspection-author", displayName: "编辑", passwordHash: "x" },
  });
  const made = await Promise.all(
    (
      [
        ["news", "NEWS", false],
        ["notice", "NOTICE", false],
        ["planning", "PLANNING", false],
        ["exempt", "EXEMPT", false],
        ["empty", "NEWS", false],
        ["hidden", "NEWS", true],
      ] as const
    ).map(([slug, updateCategory, hidden], index) =>
      db.column.create({
        data: { slug, name: `栏目${slug}`, updateCategory, hidden, sortOrder: index },
        select: { id: true, slug: true },
      }),
    ),
  );
  columns = { news: made[0], notice: made[1], planning: made[2], exempt: made[3], empty: made[4], hidden: made[5] };
  admin = await createUser(db, "ADMIN");
  newsFinal = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: columns.news.id }]);
  noticeFinal = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: columns.notice.id }]);

  photoSha = randomBytes(32).toString("hex");
  const photo = await db.media.create({
    data: {
      sha256: photoSha,
      originalName: "p.jpg",
      mimeType: "image/jpeg",
      width: 10,
      height: 10,
      bytes: 10,
      alt: "照片",
      storageKey: `${photoSha}/original.jpg`,
      uploaderId: author.id,
    },
  });

  const goneId = await createArticle(db, {
    slug: "gone",
    title: "已撤稿的文章",
    columnSlug: "news",
    body: body({ type: "paragraph", content: [{ type: "text", text: "旧文" }] }),
    publishedAt: daysAgo(40),
    state: "withdrawn",
  });
  await createArticle(db, {
    slug: "links",
    title: "链接很多的文章",
    columnSlug: "news",
    publishedAt: daysAgo(20),
    body: body(
      {
        type: "paragraph",
        content: [
          link("撤稿文章", `${site.url}/articles/gone.html`),
          { type: "text", text: "，" },
          link("隐藏栏目", `${site.url}/columns/hidden`),
        ],
      },
      { type: "paragraph", content: [link("照片原图", `${site.url}/media/${photoSha}/original.jpg`)] },
      {
        type: "paragraph",
        content: [
          link("外链正常", `${outside.url}/external-fine`),
          link("外链404", `${notFound.url}/missing`),
          link("外链500", `${failing.url}/oops`),
          link("循环", `${loop.url}/loop`),
          link("不回应", `${silent.url}/wait`),
        ],
      },
      {
        type: "paragraph",
        content: [
          link("内网", `${secret.url}/admin`),
          link("跳到内网", `${outside.url}/to-secret`),
          link("本机名", `http://localhost:${secret.port}/`),
        ],
      },
    ),
  });
  await createArticle(db, {
    slug: "photo",
    title: "有照片的文章",
    columnSlug: "news",
    publishedAt: daysAgo(21),
    body: body(
      { type: "paragraph", content: [{ type: "text", text: "图说新闻" }] },
      { type: "figure", attrs: { mediaId: photo.id, alt: "照片" }, content: [{ type: "text", text: "说明" }] },
    ),
  });
  const keptSha = randomBytes(32).toString("hex");
  const kept = await db.media.create({
    data: {
      sha256: keptSha,
      originalName: "k.jpg",
      mimeType: "image/jpeg",
      width: 10,
      height: 10,
      bytes: 10,
      alt: "",
      storageKey: `${keptSha}/original.jpg`,
      uploaderId: author.id,
    },
  });
  await createArticle(db, {
    slug: "no-alt",
    title: "图片没有替代文字",
    columnSlug: "news",
    publishedAt: daysAgo(22),
    body: body(
      { type: "paragraph", content: [{ type: "text", text: "这里有测试提示词。" }] },
      { type: "figure", attrs: { mediaId: kept.id, alt: "" }, content: [] },
    ),
  });
  await db.sensitiveTerm.create({ data: { term: "测试提示词", level: "WARN", category: "规范" } });
  await db.sensitiveTerm.create({ data: { term: "测试禁用词", level: "BLOCK", category: "政治" } });
  blockArticleId = await createArticle(db, {
    slug: "block",
    title: "含禁用词的文章",
    columnSlug: "news",
    source: "",
    // Found where the reader sees it: the published revision's 副题, not only the body.
    subtitle: "副题里的测试禁用词",
    publishedAt: daysAgo(25),
    body: body({ type: "paragraph", content: [{ type: "text", text: "这里有测试禁用词出现。" }] }),
  });
  await createArticle(db, {
    slug: "notice-1",
    title: "通知",
    columnSlug: "notice",
    // 来源 is public text too: checked as the published revision records it.
    source: "测试禁用词办公室",
    publishedAt: daysAgo(200),
    body: body({ type: "paragraph", content: [{ type: "text", text: "通知全文" }] }),
  });
  // Moved in from the old site today, dated as it was there: readers (and inspectors) see 300 days ago.
  await createArticle(db, {
    slug: "notice-imported",
    title: "历史通知",
    columnSlug: "notice",
    publishedAt: new Date(),
    displayDate: daysAgo(300),
    body: body({ type: "paragraph", content: [{ type: "text", text: "旧网站的通知" }] }),
  });
  await createArticle(db, {
    slug: "plan-1",
    title: "规划",
    columnSlug: "planning",
    publishedAt: daysAgo(400),
    body: body({ type: "paragraph", content: [{ type: "text", text: "规划全文" }] }),
  });
  await createArticle(db, {
    slug: "exempt-1",
    title: "不考核",
    columnSlug: "exempt",
    publishedAt: daysAgo(800),
    body: body({ type: "paragraph", content: [{ type: "text", text: "资料" }] }),
  });
  await createArticle(db, {
    slug: "hidden-1",
    title: "隐藏栏目的文章",
    columnSlug: "hidden",
    publishedAt: daysAgo(3),
    body: body({ type: "paragraph", content: [{ type: "text", text: "隐藏" }] }),
  });

  // Links a reader follows to a live page although the row's working copy says otherwise, and the reverse.
  const renamedId = await createArticle(db, {
    slug: "renamed",
    title: "改过网址的文章",
    columnSlug: "news",
    publishedAt: daysAgo(30),
    body: body({ type: "paragraph", content: [{ type: "text", text: "新网址" }] }),
  });
  // An old address answers with a 301 to the current one; an old address of a withdrawn article does not.
  await db.articleSlugRedirect.create({ data: { slug: "old-name", articleId: renamedId } });
  await db.articleSlugRedirect.create({ data: { slug: "old-gone", articleId: goneId } });
  // Its newest draft moved to the hidden column: readers still get the live revision, published in 要闻 ...
  const draftMovedId = await createArticle(db, {
    slug: "draft-moved",
    title: "草稿换了栏目",
    columnSlug: "news",
    publishedAt: daysAgo(30),
    body: body({ type: "paragraph", content: [{ type: "text", text: "仍在要闻" }] }),
  });
  await db.article.update({ where: { id: draftMovedId }, data: { columnId: columns.hidden.id } });
  // ... and published in the hidden column with its draft moved to 要闻: readers get a 404.
  const hiddenLiveId = await createArticle(db, {
    slug: "hidden-live",
    title: "发布在隐藏栏目",
    columnSlug: "hidden",
    publishedAt: daysAgo(30),
    body: body({ type: "paragraph", content: [{ type: "text", text: "读者看不到" }] }),
  });
  await db.article.update({ where: { id: hiddenLiveId }, data: { columnId: columns.news.id } });
  await createArticle(db, {
    slug: "links-moved",
    title: "链接到换过地方的文章",
    columnSlug: "news",
    publishedAt: daysAgo(30),
    body: body({
      type: "paragraph",
      content: [
        link("旧网址", `${site.url}/articles/old-name.html`),
        link("草稿换栏目", `${site.url}/articles/draft-moved.html`),
        link("撤稿旧网址", `${site.url}/articles/old-gone.html`),
        link("隐藏栏目里发布", `${site.url}/articles/hidden-live.html`),
      ],
    }),
  });

  // The photo is deleted after publication (behind the library's back): the page silently drops it.
  await db.media.delete({ where: { id: photo.id } });
});

afterAll(async () => {
  await Promise.all([site, outside, notFound, failing, loop, silent, secret].map((server) => server.close()));
  await db.$disconnect();
});

describe("网站体检 over the fixture site", () => {
  let runId: string;
  let findings: Awaited<ReturnType<typeof findingsOf>>;
  const of = (kind: string) => findings.filter((finding) => finding.kind === kind);

  beforeAll(async () => {
    runId = await newRun();
    const outcome = await executeInspection(db, runId, options());
    expect(outcome).toMatchObject({ status: "DONE" });
    findings = await findingsOf(runId);
  });

  it("fails the home page outright when nothing it shows is newer than 14 days", () => {
    // The newest article the home page shows is 20 days old (the hidden column's 3-day-old one is not shown).
    expect(of("HOME_STALE")).toEqual([
      expect.objectContaining({ severity: "VETO", page: "/", evidence: expect.stringContaining("已 20 天未更新") }),
    ]);
  });

  it("finds each category's overdue column with the days, but not the exempt one", () => {
    const overdue = Object.fromEntries(of("COLUMN_OVERDUE").map((finding) => [finding.columnId, finding.evidence]));
    expect(Object.keys(overdue).sort()).toEqual([columns.news.id, columns.notice.id, columns.planning.id].sort());
    expect(overdue[columns.news.id]).toContain("已 20 天未更新（要求 14 天内）");
    expect(overdue[columns.notice.id]).toContain("已 200 天未更新（要求 183 天内）");
    expect(overdue[columns.planning.id]).toContain("已 400 天未更新（要求 365 天内）");
  });

  it("finds the empty column and the hidden column that a page still links to", () => {
    expect(of("COLUMN_EMPTY").map((finding) => finding.columnId)).toEqual([columns.empty.id]);
    expect(of("COLUMN_HIDDEN_LINKED")).toEqual([
      expect.objectContaining({
        columnId: columns.hidden.id,
        evidence: expect.stringContaining("/articles/links.html"),
      }),
    ]);
  });

  it("finds broken internal links: a withdrawn article, a hidden column, a deleted photo", () => {
    const onLinks = of("LINK").filter((finding) => finding.page === "/articles/links.html" && !finding.external);
    expect(onLinks.map((finding) => [finding.element.replace(site.url, ""), finding.evidence]).sort()).toEqual(
      [
        ["/articles/gone.html", e.articleWithdrawn],
        ["/columns/hidden", e.columnHidden],
        [`/media/${photoSha}/original.jpg`, e.mediaMissing],
      ].sort(),
    );
    expect(of("LINK").filter((finding) => finding.page === "/articles/photo.html")).toEqual([
      expect.objectContaining({ evidence: e.figureMissing }),
    ]);
  });

  it("resolves an article link as the public site does: old addresses, and the column the live revision is in", async () => {
    expect(
      of("LINK")
        .filter((finding) => finding.page === "/articles/links-moved.html")
        .map((finding) => [finding.element.replace(site.url, ""), finding.evidence])
        .sort(),
    ).toEqual(
      [
        ["/articles/old-gone.html", e.articleWithdrawn],
        ["/articles/hidden-live.html", e.articleHiddenColumn],
      ].sort(),
    );
    // Neighbouring pages link the draft-moved article too (上一篇/下一篇): none of them is broken.
    expect(of("LINK").filter((finding) => finding.element.endsWith("/articles/draft-moved.html"))).toEqual([]);
  });

  it("checks external links: 404, 500, a redirect loop and silence are broken, 200 is fine", () => {
    const external = Object.fromEntries(
      of("LINK")
        .filter((finding) => finding.external)
        .map((finding) => [finding.element, finding.evidence]),
    );
    expect(external[`${notFound.url}/missing`]).toBe("HTTP 404");
    expect(external[`${failing.url}/oops`]).toBe("HTTP 500");
    expect(external[`${loop.url}/loop`]).toBe(e.externalTooManyRedirects);
    expect(external[`${silent.url}/wait`]).toBe(e.externalTimeout);
    expect(Object.keys(external).some((url) => url.includes("/external-fine"))).toBe(false);
    // HEAD first, then GET for an error status; the loop stops at the bound (HEAD only: a loop would loop with GET too).
    expect(notFound.requests).toEqual(["HEAD /missing", "GET /missing"]);
    expect(loop.requests.length).toBe(6);
  });

  it("never connects to a private address it was not allowed, not after a redirect and not by name", () => {
    const external = Object.fromEntries(
      of("LINK")
        .filter((finding) => finding.external)
        .map((finding) => [finding.element, finding.evidence]),
    );
    expect(external[`${secret.url}/admin`]).toBe(e.externalRefused);
    expect(external[`${outside.url}/to-secret`]).toBe(e.externalRefused);
    expect(outside.requests).toContain("HEAD /to-secret");
    expect(external[`http://localhost:${secret.port}/`]).toBe(e.externalRefused);
    expect(secret.requests).toEqual([]);
  });

  it("fails the site for a BLOCK term in a live article and tells the column's 终审 and the admin at once", async () => {
    expect(of("SERIOUS_ERROR")).toEqual([
      expect.objectContaining({
        severity: "VETO",
        page: "/articles/block.html",
        articleId: blockArticleId,
        element: "body:测试禁用词",
      }),
      expect.objectContaining({
        severity: "VETO",
        page: "/articles/block.html",
        articleId: blockArticleId,
        element: "subtitle:测试禁用词",
      }),
      expect.objectContaining({ severity: "VETO", page: "/articles/notice-1.html", element: "source:测试禁用词" }),
    ]);
    const titles = async (userId: string) =>
      (await db.notification.findMany({ where: { userId, kind: "inspection.veto" } })).map((row) => row.title);
    expect(await titles(admin.id)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("/articles/block.html"),
        expect.stringContaining("首页长时间未更新"),
      ]),
    );
    expect(await titles(newsFinal.id)).toEqual(
      expect.arrayContaining([expect.stringContaining("/articles/block.html")]),
    );
    // Another column's 终审 hears of the site-wide veto, not of this column's article.
    const other = await titles(noticeFinal.id);
    expect(other.some((title) => title.includes("/articles/block.html"))).toBe(false);
    expect(other.some((title) => title.includes("首页长时间未更新"))).toBe(true);
  });

  it("reports WARN hits and images without alt text, and leaves a photo that exists alone", () => {
    expect(of("CONTENT_WARN")).toEqual([
      expect.objectContaining({ page: "/articles/no-alt.html", element: "body:测试提示词", severity: "MINOR" }),
    ]);
    expect(
      of("ALT_MISSING").map((finding) => [
        finding.page,
        finding.element.replace(/^.*\/media\//, "/media/").split("/")[2],
      ]),
    ).toEqual([["/articles/no-alt.html", expect.stringMatching(/^[a-f0-9]{64}$/)]]);
    expect(of("LINK").some((finding) => finding.page === "/articles/no-alt.html")).toBe(false);
  });

  it("reports the missing 来源 and the footer's missing fields", () => {
    expect(of("SOURCE_MISSING").map((finding) => finding.page)).toEqual(["/articles/block.html"]);
    // Every live article has a 发布日期 (the public lookup shows none without one): none is reported.
    expect(of("DATE_MISSING")).toEqual([]);
    expect(
      of("FOOTER_FIELD")
        .map((finding) => finding.element)
        .sort(),
    ).toEqual(["icpNumber", "policeNumber", "siteCode"]);
  });

  it("scores in the style of the rules: 单项否决 counted apart, deductions capped by category", async () => {
    const run = await db.inspectionRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "DONE", vetoCount: 4, externalChecked: true });
    expect(run.score).toBeGreaterThan(0);
    expect(run.score).toBeLessThan(100);
    expect(run.pagesChecked).toBeGreaterThanOrEqual(10);
  });

  it("keeps a finding open while it is seen again, and resolves it with the date when it is gone", async () => {
    const before = findings.find((finding) => finding.kind === "HOME_STALE");
    const withdrawnLink = findings.find((finding) => finding.evidence === e.articleWithdrawn);
    await createArticle(db, {
      slug: "fresh",
      title: "新稿件",
      columnSlug: "news",
      publishedAt: new Date(),
      body: body({ type: "paragraph", content: [{ type: "text", text: "今天的新闻" }] }),
    });
    await db.siteSetting.upsert({
      where: { key: "site" },
      create: {
        key: "site",
        value: {
          siteName: "测试网站",
          siteCode: "1234567890",
          icpNumber: "沪ICP备12345678号",
          policeNumber: "错误的备案号",
        },
      },
      update: {},
    });
    const vetoNotices = await db.notification.count({ where: { kind: "inspection.veto" } });

    const second = await newRun();
    await executeInspection(db, second, options({ external: { enabled: false } }));

    const stale = await db.inspectionFinding.findUniqueOrThrow({ where: { id: before?.id } });
    expect(stale.resolvedAt).toBeInstanceOf(Date);
    expect(stale.resolvedRunId).toBe(second);
    const link = await db.inspectionFinding.findUniqueOrThrow({ where: { id: withdrawnLink?.id } });
    expect(link).toMatchObject({ resolvedAt: null, firstSeenRunId: runId, lastSeenRunId: second });
    // The news column is fresh again; the notice column is still overdue.
    const overdue = await db.inspectionFinding.findMany({ where: { kind: "COLUMN_OVERDUE", resolvedAt: null } });
    expect(overdue.map((finding) => finding.columnId).sort()).toEqual([columns.notice.id, columns.planning.id].sort());
    // External findings are not resolved by a run that did not check external links.
    expect(await db.inspectionFinding.count({ where: { external: true, resolvedAt: { not: null } } })).toBe(0);
    // The footer: two fields now set, one malformed.
    const footer = await db.inspectionFinding.findMany({ where: { kind: "FOOTER_FIELD", resolvedAt: null } });
    expect(footer.map((finding) => finding.evidence)).toEqual([e.footerMalformed("公安机关备案号", "错误的备案号")]);
    // The BLOCK finding was already open: no second notification.
    expect(await db.notification.count({ where: { kind: "inspection.veto" } })).toBe(vetoNotices);
  });

  it("records what a failing run found and its error, and the next run starts clean", async () => {
    // Only the tables' owner can take one away (the app's role owns nothing).
    const owner = ownerDb();
    await owner.$executeRawUnsafe(`ALTER TABLE "SensitiveTerm" RENAME TO "SensitiveTerm_away"`);
    const failed = await newRun();
    let outcome;
    try {
      outcome = await executeInspection(db, failed, options({ external: { enabled: false } }));
    } finally {
      await owner.$executeRawUnsafe(`ALTER TABLE "SensitiveTerm_away" RENAME TO "SensitiveTerm"`);
      await owner.$disconnect();
    }
    expect(outcome).toMatchObject({ status: "FAILED" });
    const run = await db.inspectionRun.findUniqueOrThrow({ where: { id: failed } });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/SensitiveTerm/);
    expect(run.findingCount).toBeGreaterThan(0);
    // Nothing was resolved by the incomplete run.
    expect(await db.inspectionFinding.count({ where: { resolvedRunId: failed } })).toBe(0);

    const next = await newRun();
    expect(await executeInspection(db, next, options({ external: { enabled: false } }))).toMatchObject({
      status: "DONE",
    });
    expect(await db.inspectionFinding.count({ where: { kind: "SERIOUS_ERROR", resolvedAt: null } })).toBe(3);
  });
});

describe("the home-page probe", () => {
  it("answers null for a quick 200 and says what went wrong otherwise", async () => {
    expect(await probeHome(site.url, 2_000)).toBeNull();
    expect(await probeHome(failing.url, 2_000)).toBe(e.homeStatus(500));
    expect(await probeHome(silent.url, 300)).toBe(e.homeTimeout(0.3));
    const closed = await loopbackServer(answering(200));
    await closed.close();
    expect(await probeHome(closed.url, 2_000)).toMatch(/^首页无法连接/);
  });

  it("fails the site outright when the home page cannot be reached", async () => {
    const runId = await newRun();
    await executeInspection(
      db,
      runId,
      options({ siteUrl: silent.url, homeTimeoutMs: 300, external: { enabled: false } }),
    );
    expect(await db.inspectionFinding.findMany({ where: { lastSeenRunId: runId, kind: "HOME_UNREACHABLE" } })).toEqual([
      expect.objectContaining({ severity: "VETO", evidence: e.homeTimeout(0.3) }),
    ]);
  });
});

describe("veto notifications at scale", () => {
  it("tells the first ones one by one and the rest in one notice, not flooding the inbox", async () => {
    for (let i = 0; i < 25; i++) {
      await createArticle(db, {
        slug: `many-${i}`,
        title: `禁用词文章 ${i}`,
        columnSlug: "news",
        publishedAt: new Date(),
        body: body({ type: "paragraph", content: [{ type: "text", text: `第 ${i} 篇含测试禁用词。` }] }),
      });
    }
    const before = await db.notification.count({ where: { userId: admin.id, kind: "inspection.veto" } });
    const runId = await newRun();
    await executeInspection(db, runId, options({ external: { enabled: false } }));
    const notes = await db.notification.findMany({
      where: { userId: admin.id, kind: "inspection.veto" },
      orderBy: { createdAt: "asc" },
      skip: before,
    });
    expect(notes).toHaveLength(21);
    expect(notes[20].title).toBe(inspectionText.notifications.moreVetoes(5));
  });
});

describe("a leader's name with a wrong title", () => {
  it("fails the site outright like a BLOCK term, found in a live article by the content checks", async () => {
    await db.siteSetting.upsert({
      where: { key: "checks.leaders" },
      create: { key: "checks.leaders", value: [{ name: "张三", titles: ["市委书记"] }] },
      update: { value: [{ name: "张三", titles: ["市委书记"] }] },
    });
    const articleId = await createArticle(db, {
      slug: "leader",
      title: "领导活动",
      columnSlug: "news",
      publishedAt: new Date(),
      body: body({ type: "paragraph", content: [{ type: "text", text: "张三市长指出，要抓好落实。" }] }),
    });
    const runId = await newRun();
    await executeInspection(db, runId, options({ external: { enabled: false } }));
    expect(
      await db.inspectionFinding.findMany({ where: { lastSeenRunId: runId, page: "/articles/leader.html" } }),
    ).toEqual([
      expect.objectContaining({ kind: "SERIOUS_ERROR", severity: "VETO", articleId, element: "body:张三市长" }),
    ]);
  });
});

describe("the 检查外部链接 switch", () => {
  const external = () =>
    [outside, notFound, failing, loop, silent].reduce((sum, server) => sum + server.requests.length, 0);
  const setSwitch = (externalLinks: boolean) =>
    db.siteSetting.upsert({
      where: { key: "inspection" },
      create: { key: "inspection", value: { externalLinks, weekly: true } },
      update: { value: { externalLinks, weekly: true } },
    });

  it("fetches no external link while it is off and leaves their findings open, and checks them again when on", async () => {
    // The footer's 备案 links point at beian.miit.gov.cn: keep them off the pages, tests have no network.
    await db.siteSetting.deleteMany({ where: { key: "site" } });
    await setSwitch(false);
    const requests = external();
    const open = await db.inspectionFinding.count({ where: { external: true, resolvedAt: null } });
    expect(open).toBeGreaterThan(0);

    const off = await newRun();
    await executeInspection(db, off, options({ external: { enabled: undefined } }));
    expect(await db.inspectionRun.findUniqueOrThrow({ where: { id: off } })).toMatchObject({
      status: "DONE",
      externalChecked: false,
    });
    expect(external()).toBe(requests);
    expect(await db.inspectionFinding.count({ where: { external: true, resolvedAt: null } })).toBe(open);

    await setSwitch(true);
    const on = await newRun();
    await executeInspection(db, on, options({ external: { enabled: undefined } }));
    expect(await db.inspectionRun.findUniqueOrThrow({ where: { id: on } })).toMatchObject({ externalChecked: true });
    expect(notFound.requests.slice(-2)).toEqual(["HEAD /missing", "GET /missing"]);
    expect(await db.inspectionFinding.count({ where: { external: true, lastSeenRunId: on } })).toBe(open);
  });
});

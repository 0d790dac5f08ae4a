/**
 * 历史稿件导入 end to end against the real database, photo pipeline and public routes: each format's
 * fixture (tests/fixtures/import) is prepared by the job runner as a dry run, approved (or refused) as
 * a batch, published through the outbox, answered at its old URL with a 301, and imported again.
 */
import { TEST_UPLOAD_DIR } from "../support/media-env";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { approveImportBatch, createImportBatch, rejectImportBatch } from "@/lib/import/commands";
import { importText } from "@/lib/import/messages";
import { runOneImport } from "@/lib/import/runner";
import { preparedItemSchema } from "@/lib/import/schemas";
import { readSourceFiles } from "@/lib/import/source";
import type { SourceFile } from "@/lib/import/types";
import { LocalDiskStorage } from "@/lib/media/storage";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { createUser, testDb, type TestUser } from "../support/factories";
import { routePublic } from "../support/public-router";

const FIXTURES = path.join(__dirname, "..", "fixtures", "import");

let db: PrismaClient;
const storage = new LocalDiskStorage(TEST_UPLOAD_DIR);
let editor: TestUser;
let finalReviewer: TestUser;
let firstLevel: TestUser;
let otherColumnFinal: TestUser;
let columns: Record<string, string>;

beforeAll(async () => {
  db = testDb();
  const made = await Promise.all([
    db.column.create({ data: { slug: "xianfeng", name: "先锋", seriesMark: "【先锋】" } }),
    db.column.create({ data: { slug: "yaowen", name: "要闻" } }),
    db.column.create({ data: { slug: "tzgg", name: "通知公告" } }),
    db.column.create({ data: { slug: "other", name: "其他栏目" } }),
  ]);
  columns = Object.fromEntries(made.map((column) => [column.slug, column.id]));
  editor = await createUser(db, "EDITOR", { displayName: "导入编辑" });
  finalReviewer = await createUser(db, [{ role: "REVIEWER", level: 3 }], { displayName: "终审甲" });
  firstLevel = await createUser(db, [{ role: "REVIEWER", level: 1 }], { displayName: "初审乙" });
  otherColumnFinal = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: made[3].id }], {
    displayName: "他栏终审",
  });
});

afterAll(async () => {
  await stopCacheBus();
  await db.$disconnect();
  await rm(TEST_UPLOAD_DIR, { recursive: true, force: true });
});

async function prepared(format: "WXR" | "HTML" | "FEED", files: SourceFile[], columnSlug = "yaowen") {
  const batch = await createImportBatch(db, editor, {
    format,
    sourceName: `${format} fixture`,
    columnId: columns[columnSlug],
    files,
  });
  expect(await runOneImport(db, storage)).toBe(true);
  const row = await db.importBatch.findUniqueOrThrow({
    where: { id: batch.id },
    include: { items: { orderBy: { sequence: "asc" } } },
  });
  return row;
}

async function approveAndPublish(batchId: string, approver: TestUser = finalReviewer) {
  await approveImportBatch(db, approver, { batchId, comment: "" });
  expect(await runOneImport(db, storage)).toBe(true);
  return db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    include: { items: { orderBy: { sequence: "asc" } } },
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("WordPress export (WXR)", () => {
  let batchId: string;

  it("prepares a dry run: published posts only, photos through the pipeline, failures with their reason", async () => {
    const batch = await prepared("WXR", await readSourceFiles(path.join(FIXTURES, "wxr")));
    batchId = batch.id;
    expect(batch.status).toBe("READY");
    expect(batch.skippedCount).toBe(3); // a draft, a page and an attachment
    const [first, second, third] = batch.items;
    expect(batch.items).toHaveLength(3);
    expect(first).toMatchObject({
      status: "READY",
      key: "https://news.example.org/2021/07/hongse-guanjia/",
      columnId: columns.xianfeng,
    });
    const data = preparedItemSchema.parse(first.data);
    expect(data).toMatchObject({
      title: "社区里的“红色管家”",
      seriesMark: "【先锋】",
      source: "示例区委组织部",
      byline: "张三",
      publishedAt: "2021-07-26T02:00:00.000Z",
    });
    expect(data.coverId).not.toBeNull();
    expect(JSON.stringify(data.body)).toContain('"alt":"志愿者在社区服务站值班"');
    // WordPress's <figcaption> is the figure's caption, not a paragraph after it.
    const figure = (data.body as { content: { type: string; content?: { text: string }[] }[] }).content.find(
      (node) => node.type === "figure",
    );
    expect(figure?.content?.[0]?.text).toBe("志愿者在社区服务站值班");
    // The missing photo is reported and the article goes on without it.
    expect(second).toMatchObject({ status: "READY", columnId: columns.yaowen });
    expect(preparedItemSchema.parse(second.data).warnings).toEqual([
      importText.convert.photoMissing("https://news.example.org/wp-content/uploads/2021/08/missing.jpg"),
    ]);
    expect(third).toMatchObject({ status: "FAILED", reason: importText.parse.noTitle });
    // Nothing is live yet.
    expect(await db.article.count()).toBe(0);
  });

  it("refuses approval by anyone but a 终审 of every target column, and by the batch's creator", async () => {
    const notFinal = await refusal(approveImportBatch(db, firstLevel, { batchId, comment: "" }));
    expect(notFinal.code).toBe("FORBIDDEN");
    expect(notFinal.message).toBe(importText.errors.notFinalReviewer("先锋、要闻"));
    expect((await refusal(approveImportBatch(db, otherColumnFinal, { batchId, comment: "" }))).code).toBe("FORBIDDEN");
    expect((await refusal(rejectImportBatch(db, firstLevel, { batchId, comment: "" }))).code).toBe("FORBIDDEN");
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("READY");
    expect(await db.auditEvent.count({ where: { action: { in: ["import.approve", "import.reject"] } } })).toBe(0);
  });

  it("publishes the approved batch through the outbox: one event per article, one for the batch, marked 历史稿件", async () => {
    const batch = await approveAndPublish(batchId);
    expect(batch.status).toBe("DONE");
    expect(batch.items.map((item) => [item.status, item.reason])).toEqual([
      ["PUBLISHED", ""],
      ["PUBLISHED", ""],
      ["FAILED", importText.parse.noTitle],
    ]);
    const articles = await db.article.findMany({
      orderBy: { publishedAt: "asc" },
      include: { publishedRevision: true },
    });
    expect(articles).toHaveLength(2);
    expect(articles.map((article) => article.status)).toEqual(["PUBLISHED", "PUBLISHED"]);
    expect(articles[0].publishedAt?.toISOString()).toBe("2021-07-26T02:00:00.000Z");
    expect(await db.auditEvent.count({ where: { action: "import.approve", target: `import:${batchId}` } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "import.article" } })).toBe(2);
    expect(await db.publicEffect.count({ where: { articleIds: { has: articles[0].id } } })).toBe(1);
    expect(await db.articleImport.count()).toBe(2);

    const page = await routePublic(`/articles/${articles[0].slug}.html`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("社区里的“红色管家”");
    expect(html).toContain(importText.historical);
    // A readable address from the title (lib/articles/slug.ts), the old date shown, the approver as 责任编辑.
    expect(articles[0].slug).toBe("she-qu-li-de-hong-se-guan-jia");
    expect(html).toMatch(/发布日期：<time[^>]*>2021-07-26<\/time>/);
    expect(articles[0].publisherName).toBe("终审甲");
  });

  it("answers the old URL with a 301 to the new address", async () => {
    const article = await db.article.findFirstOrThrow({ where: { publishedAt: new Date("2021-07-26T02:00:00.000Z") } });
    const response = await routePublic("/2021/07/hongse-guanjia/");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/articles/${article.slug}.html`);
    expect((await routePublic("/2021/07/never-imported/")).status).toBe(404);
  });

  it("updates instead of duplicating when the same export is imported again", async () => {
    const again = await prepared("WXR", await readSourceFiles(path.join(FIXTURES, "wxr")));
    expect(again.items.filter((item) => item.status === "READY").every((item) => item.articleId !== null)).toBe(true);
    const published = await approveAndPublish(again.id);
    expect(published.items.map((item) => item.reason)).toEqual([
      importText.publish.unchanged,
      importText.publish.unchanged,
      importText.parse.noTitle,
    ]);
    expect(await db.article.count()).toBe(2);
    expect(await db.revision.count()).toBe(2);

    // A changed body becomes a new revision of the same article, published at once.
    const files = await readSourceFiles(path.join(FIXTURES, "wxr"));
    const changed = files.map((file) =>
      file.path === "export.xml"
        ? { ...file, data: Buffer.from(file.data.toString("utf8").replace("已经坚持了三年", "已经坚持了四年")) }
        : file,
    );
    const third = await approveAndPublish((await prepared("WXR", changed)).id);
    expect(third.items[0].reason).toBe("");
    expect(await db.article.count()).toBe(2);
    const article = await db.article.findUniqueOrThrow({
      where: { id: third.items[0].articleId ?? "" },
      include: { publishedRevision: true },
    });
    expect(article.publishedRevision?.number).toBe(2);
    expect(article.publishedRevision?.plainText).toContain("四年");
    expect(article.publishedAt?.toISOString()).toBe("2021-07-26T02:00:00.000Z");
  });

  it("does not bring back an article withdrawn since its import", async () => {
    const article = await db.article.findFirstOrThrow({ where: { publishedAt: new Date("2021-08-03T01:30:00.000Z") } });
    await db.article.update({
      where: { id: article.id },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawnReason: "测试" },
    });
    const batch = await approveAndPublish(
      (await prepared("WXR", await readSourceFiles(path.join(FIXTURES, "wxr")))).id,
    );
    expect(batch.items[1]).toMatchObject({ status: "PUBLISH_FAILED", reason: importText.publish.withdrawn });
    expect(batch.items[0].status).toBe("PUBLISHED");
    expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).status).toBe("WITHDRAWN");
  });
});

describe("saved pages of the old site (HTML mirror)", () => {
  it("reads seed-shaped pages with the built-in preset, survives broken HTML, reports what it cannot read", async () => {
    const batch = await prepared("HTML", await readSourceFiles(path.join(FIXTURES, "mirror")), "other");
    expect(batch.status).toBe("READY");
    expect(batch.skippedCount).toBe(1); // the home page, a list
    const byKey = new Map(batch.items.map((item) => [item.key, item]));
    const seed = byKey.get("http://old.example.gov.cn/xf/2021/0727/c1001.html");
    expect(seed).toMatchObject({ status: "READY", columnId: columns.xianfeng });
    const seedData = preparedItemSchema.parse(seed?.data);
    expect(seedData).toMatchObject({
      title: "园区党建的“领航人”——张明",
      seriesMark: "【先锋】",
      source: "示例市经信委机关党委",
      photos: 2,
      publishedAt: "2021-07-26T16:00:00.000Z",
    });
    const body = JSON.stringify(seedData.body);
    expect(body).toContain("坚持党建引领，凝聚发展合力");
    expect(body).not.toContain("　　为集中展示"); // the typed indent goes, as in a paste
    expect(body).not.toContain("分享到");
    // The centred line under a centred photo (the seed page's way) becomes the photo's caption.
    const figures = (seedData.body as { content: { type: string; content?: { text: string }[] }[] }).content.filter(
      (node) => node.type === "figure",
    );
    expect(figures.map((node) => node.content?.[0]?.text ?? "")).toEqual(["", "走访园区企业党支部"]);
    // The second photo had no alt text: imported, and listed for staff.
    expect(seedData.missingAlt).toHaveLength(1);
    expect(seedData.missingAlt[0].src).toBe("./2.jpg");

    const broken = preparedItemSchema.parse(byKey.get("http://old.example.gov.cn/xf/2021/0801/c1002.html")?.data);
    expect(broken).toMatchObject({
      title: "服务企业的“店小二”——李华",
      source: "示例市中小企业服务中心",
      byline: "王小青",
      publishedAt: "2021-08-01T01:30:00.000Z",
      photos: 1,
    });
    expect(JSON.stringify(broken.body)).toContain("全年走访企业两百余家");
    expect(broken.warnings).toContain(importText.convert.photoMissing("3.jpg"));

    expect(byKey.get("http://old.example.gov.cn/xf/2021/0805/c1003.html")).toMatchObject({
      status: "FAILED",
      reason: importText.parse.noTitle,
    });
    const gbk = preparedItemSchema.parse(byKey.get("http://old.example.gov.cn/xf/2021/0805/c1004.html")?.data);
    expect(gbk.title).toBe("数字化转型的“排头兵”");
    expect(gbk.source).toBe("示例市信息中心");

    const done = await approveAndPublish(batch.id);
    expect(done.items.filter((item) => item.status === "PUBLISHED")).toHaveLength(3);
    const moved = await routePublic("/xf/2021/0727/c1001.html");
    expect(moved.status).toBe(301);
  });
});

describe("RSS and Atom files", () => {
  it("imports items of both kinds with dates, authors, sources and categories", async () => {
    const batch = await prepared("FEED", await readSourceFiles(path.join(FIXTURES, "feeds")), "other");
    const byKey = new Map(batch.items.map((item) => [item.key, item]));
    const rss = byKey.get("http://www.example-county.gov.cn/yw/2021/0910/123.html");
    expect(rss).toMatchObject({ status: "READY", columnId: columns.yaowen });
    expect(preparedItemSchema.parse(rss?.data)).toMatchObject({
      title: "县里召开秋粮收购工作会议",
      source: "示例县农业农村局",
      byline: "县农业农村局",
      publishedAt: "2021-09-10T00:00:00.000Z",
    });
    expect(byKey.get("http://www.example-county.gov.cn/yw/2021/0911/124.html")).toMatchObject({
      status: "FAILED",
      reason: importText.parse.noBody,
    });
    const atom = preparedItemSchema.parse(byKey.get("https://street.example.org/tzgg/2021/1001.html")?.data);
    expect(atom).toMatchObject({
      title: "关于国庆期间办事时间的通知",
      byline: "街道党政办",
      publishedAt: "2021-09-28T02:00:00.000Z",
    });
    expect(JSON.stringify(atom.body)).toContain("bulletList");
    expect(byKey.get("https://street.example.org/tzgg/2021/1001.html")?.columnId).toBe(columns.tzgg);
    const html = preparedItemSchema.parse(byKey.get("https://street.example.org/tzgg/2021/1002.html")?.data);
    expect(JSON.stringify(html.body)).toContain('"type":"italic"');
  });

  it("refuses a file with entity declarations and fails the batch with the reason", async () => {
    const bomb = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>',
    );
    const batch = await prepared("FEED", [{ path: "bomb.xml", data: bomb }]);
    expect(batch).toMatchObject({ status: "FAILED", error: importText.parse.doctype });
  });
});

describe("npm run import (CLI)", () => {
  it("prepares a batch from a folder in its own process and leaves it for the 终审", async () => {
    const { execFile } = await import("node:child_process");
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          path.join(process.cwd(), "node_modules", ".bin", "tsx"),
          ["--conditions=react-server", "scripts/import.ts", ...args],
          {
            env: {
              ...process.env,
              UPLOAD_DIR: TEST_UPLOAD_DIR,
              AUTH_SECRET: "test-secret-of-at-least-32-characters!!",
            },
            timeout: 120_000,
          },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const usage = await run([path.join(FIXTURES, "feeds")]);
    expect(usage.code).toBe(2);
    const result = await run([path.join(FIXTURES, "feeds"), `--as=${editor.username}`, "--column=other"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("县里召开秋粮收购工作会议");
    expect(result.stdout).toContain(importText.parse.noBody);
    const batch = await db.importBatch.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(batch).toMatchObject({ status: "READY", format: "FEED", createdById: editor.id });
    expect(result.stdout).toContain(`/admin/import/${batch.id}`);
  }, 180_000);
});

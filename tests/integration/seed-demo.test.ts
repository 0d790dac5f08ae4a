import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BlockNode, BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body/schema";
import { publishableContentHash } from "@/lib/articles/publishable";
import { readRevisionMeta } from "@/lib/articles/revision-meta";
import { verifyPassword } from "@/lib/auth/password";
import { parseRenditions } from "@/lib/media/renditions";
import { LocalDiskStorage } from "@/lib/media/storage";
import { renderArticle } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { seedDemo, type SeedResult } from "@/lib/seed/seed-demo";
import { testDb } from "../support/factories";

const text = (node: BlockNode) =>
  "content" in node && node.content ? node.content.map((item) => ("text" in item ? item.text : "")).join("") : "";

describe("the demo content", () => {
  let db: PrismaClient;
  let uploads: string;
  let storage: LocalDiskStorage;
  let results: SeedResult[];

  beforeAll(async () => {
    db = testDb();
    uploads = await mkdtemp(path.join(os.tmpdir(), "seed-demo-"));
    storage = new LocalDiskStorage(uploads);
    // Two instances starting at once on an empty database, each with its own connection.
    const other = testDb();
    try {
      results = await Promise.all([seedDemo(db, storage), seedDemo(other, storage)]);
    } finally {
      await other.$disconnect();
    }
  }, 180_000);

  afterAll(async () => {
    await db.$disconnect();
    await rm(uploads, { recursive: true, force: true });
  });

  it("is seeded by exactly one of two concurrent starts", () => {
    const seeded = results.filter((result) => result.credentials.length > 0);
    expect(seeded).toHaveLength(1);
  });

  it("creates a user for every role with a generated password that must be changed", async () => {
    const credentials = results.flatMap((result) => result.credentials);
    expect(credentials.map((login) => login.username).sort()).toEqual([
      "admin",
      "auditor",
      "editor",
      "reviewer1",
      "reviewer2",
      "reviewer3",
      "secadmin",
    ]);
    const users = await db.user.findMany({ include: { roles: true, passwordHistory: true } });
    expect(users).toHaveLength(7);
    for (const login of credentials) {
      const user = users.find((item) => item.username === login.username);
      expect(user?.mustChangePassword).toBe(true);
      expect(user?.passwordHistory).toHaveLength(1);
      await expect(verifyPassword(user?.passwordHash ?? "", login.password)).resolves.toBe(true);
    }
    const roleOf = (username: string) =>
      users.find((user) => user.username === username)?.roles.map(({ role, level }) => ({ role, level }));
    expect(users.find((user) => user.username === "admin")?.displayName).toBe("系统管理员");
    expect(roleOf("admin")).toEqual([{ role: "ADMIN", level: null }]);
    expect(roleOf("secadmin")).toEqual([{ role: "SECURITY_ADMIN", level: null }]);
    expect(roleOf("editor")).toEqual([{ role: "EDITOR", level: null }]);
    expect(roleOf("reviewer1")).toEqual([{ role: "REVIEWER", level: 1 }]);
    expect(roleOf("reviewer2")).toEqual([{ role: "REVIEWER", level: 2 }]);
    expect(roleOf("reviewer3")).toEqual([{ role: "REVIEWER", level: 3 }]);
    expect(roleOf("auditor")).toEqual([{ role: "AUDITOR", level: null }]);
  });

  it("creates the 先锋 profile column and a news column", async () => {
    const xianfeng = await db.column.findUnique({ where: { slug: "xianfeng" } });
    expect(xianfeng).toMatchObject({ name: "先锋", seriesMark: "【先锋】", listStyle: "PROFILE_GRID" });
    const news = await db.column.findUnique({ where: { slug: "gongzuo-dongtai" } });
    expect(news).toMatchObject({ name: "工作动态", listStyle: "NEWS_LIST" });
  });

  it("publishes three or more 【先锋】 profiles on different dates in 2026, each shaped like the series", async () => {
    const profiles = await db.article.findMany({
      where: { status: "PUBLISHED", column: { slug: "xianfeng" } },
      include: { profile: { include: { portrait: true } }, publishedRevision: true },
    });
    expect(profiles.length).toBeGreaterThanOrEqual(3);
    const days = profiles.map((article) => article.publishedAt?.toISOString().slice(0, 10));
    expect(new Set(days).size).toBe(profiles.length);
    const mediaIds = new Set((await db.media.findMany({ select: { id: true } })).map((media) => media.id));

    for (const article of profiles) {
      expect(article.publishedAt?.getUTCFullYear()).toBe(2026);
      expect(article.seriesMark).toBe("【先锋】");
      expect(article.lead.length).toBeGreaterThan(50);
      expect(article.source).not.toBe("");
      expect(article.profile?.name).toBeTruthy();
      expect(article.profile?.honour).toMatch(/优秀|先进/);
      expect(article.profile?.portrait?.alt).toBeTruthy();
      expect(article.publishedRevision?.title).toContain(article.profile?.name ?? "?");

      const body = article.publishedRevision?.body as unknown as BodyDocument;
      const headings = body.content.filter((node) => node.type === "heading" && node.attrs.level === 2);
      expect(headings).toHaveLength(3);
      // Three sections: each heading is followed by paragraphs (and photos) up to the next heading.
      const firstHeading = body.content.findIndex((node) => node.type === "heading");
      const sections = body.content.slice(firstHeading).reduce<BlockNode[][]>((all, node) => {
        if (node.type === "heading") all.push([]);
        else all[all.length - 1].push(node);
        return all;
      }, []);
      expect(sections).toHaveLength(3);
      for (const section of sections)
        expect(section.filter((node) => node.type === "paragraph").length).toBeGreaterThanOrEqual(1);

      const figures = body.content.filter((node) => node.type === "figure");
      expect(figures.length).toBeGreaterThanOrEqual(1);
      for (const figure of figures) {
        expect(mediaIds.has(figure.attrs.mediaId)).toBe(true);
        expect(figure.attrs.alt).toBeTruthy();
        expect(text(figure)).toBeTruthy();
      }

      const html = article.publishedRevision?.html ?? "";
      expect(html.match(/<h2>/g)).toHaveLength(3);
      expect(html.match(/<figure /g)).toHaveLength(figures.length);
      expect(html).toContain("<figcaption>");
      expect(article.publishedRevision?.plainText).toContain(text(headings[0]));
    }
  });

  it("publishes news, and keeps one draft and one article waiting at 初审", async () => {
    const news = await db.article.findMany({
      where: { status: "PUBLISHED", column: { slug: "gongzuo-dongtai" } },
      include: { publishedRevision: true },
    });
    expect(news.length).toBeGreaterThanOrEqual(2);
    for (const article of news) {
      const body = article.publishedRevision?.body as unknown as BodyDocument;
      const figures = body.content.filter((node) => node.type === "figure");
      expect(figures.length).toBeGreaterThanOrEqual(1);
      await expect(
        db.media.count({ where: { id: { in: figures.map((figure) => figure.attrs.mediaId) } } }),
      ).resolves.toBe(figures.length);
    }
    const drafts = await db.article.findMany({ where: { status: "DRAFT" } });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ publishedRevisionId: null, publishedAt: null, reviewLevel: null });
    expect(drafts[0].currentRevisionId).not.toBeNull();
    const inReview = await db.article.findMany({ where: { status: "IN_REVIEW" }, include: { currentRevision: true } });
    expect(inReview).toHaveLength(1);
    expect(inReview[0]).toMatchObject({ reviewLevel: 1, publishedRevisionId: null, publishedAt: null });
    expect(inReview[0].currentRevision?.number).toBe(1);
  });

  it("binds every revision to the hash of its publishable content, and every approval to that hash", async () => {
    const articles = await db.article.findMany({ include: { currentRevision: true, reviews: true } });
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const revision = article.currentRevision;
      expect(revision).not.toBeNull();
      if (!revision) continue;
      // Complete meta (no fallback to the article row exists), bound by the hash.
      const meta = readRevisionMeta(revision.meta);
      expect(meta).not.toBeNull();
      if (!meta) continue;
      expect(meta.columnId).toBe(article.columnId);
      expect(revision.contentHash).toBe(publishableContentHash(meta, revision));
      if (article.status === "PUBLISHED") {
        expect(article.publishedRevisionId).toBe(revision.id);
        expect(article.reviews.map((review) => [review.level, review.decision, review.contentHash]).sort()).toEqual([
          [1, "APPROVE", revision.contentHash],
          [2, "APPROVE", revision.contentHash],
          [3, "APPROVE", revision.contentHash],
        ]);
      } else {
        expect(article.reviews).toHaveLength(0);
      }
    }
  });

  it("stores only bodies the editor's validation accepts", async () => {
    const revisions = await db.revision.findMany({ select: { body: true } });
    for (const revision of revisions) expect(parseBody(revision.body)).toMatchObject({ ok: true });
  });

  it("runs every photo through the pipeline: alt text, renditions and files in storage", async () => {
    const media = await db.media.findMany();
    expect(media.length).toBeGreaterThanOrEqual(10);
    for (const row of media) {
      expect(row.alt).toBeTruthy();
      expect(row.mimeType).toBe("image/jpeg");
      expect(row.storageKey).toBe(`${row.sha256}/original.jpg`);
      expect(await storage.get(row.storageKey)).not.toBeNull();
      const keys = parseRenditions(row.renditions).map((rendition) => rendition.key);
      expect(keys).toEqual(expect.arrayContaining([`${row.sha256}/w480.webp`, `${row.sha256}/original.webp`]));
    }
  });

  it("names a 责任编辑 on every live demo article: the 终审 who published it", async () => {
    const live = await db.article.findMany({ where: { status: "PUBLISHED" }, select: { slug: true } });
    expect(live.length).toBeGreaterThan(0);
    const finalReviewer = await db.user.findUniqueOrThrow({ where: { username: "reviewer3" } });
    for (const { slug } of live) {
      const page = await renderArticle(db, slug, DEFAULT_PREFS);
      expect(page.body).toContain(`\u8d23\u4efb\u7f16\u8f91\uff1a${finalReviewer.displayName}`);
    }
  });

  it("seeds nothing the second time", async () => {
    const before = await Promise.all([db.user.count(), db.article.count(), db.media.count(), db.column.count()]);
    await expect(seedDemo(db, storage)).resolves.toEqual({ credentials: [] });
    await expect(
      Promise.all([db.user.count(), db.article.count(), db.media.count(), db.column.count()]),
    ).resolves.toEqual(before);
  });
});

import { TEST_UPLOAD_DIR } from "../support/media-env";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CurrentUser } from "@/lib/auth/session";
import { storedBodyOrEmpty } from "@/lib/articles/body/schema";
import { savedVersion, saveArticle } from "@/lib/articles/commands";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { setHomeSlots } from "@/lib/home/commands";
import { updateMediaDetails } from "@/lib/media/commands";
import { mediaUsages } from "@/lib/media/queries";
import { parseRenditions } from "@/lib/media/renditions";
import { LocalDiskStorage } from "@/lib/media/storage";
import { affectedTags } from "@/lib/public/publish/publication-events";
import { publishStaticSite, updateStaticSite, verifyStaticSite } from "@/lib/public/publish/static-site";
import type { PermissionUser } from "@/lib/permissions";
import { articleJson } from "@/lib/public/render/api";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { renderSiteFeed } from "@/lib/public/render/feeds";
import { renderArticle, renderColumn, renderSearch } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { seedDemo } from "@/lib/seed/seed-demo";
import { transition } from "@/lib/workflow/transition";
import { createUser, testDb } from "../support/factories";

let signedIn: CurrentUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  ...jest.requireActual("@/lib/auth/session"),
  getCurrentUser: jest.fn(async () => signedIn),
}));

import { GET as mediaRoute } from "@/app/media/[...key]/route";
import { GET as columnFeedRoute } from "@/app/columns/[slug]/rss.xml/route";

/**
 * Issue 12, findings 1, 2, 3 and 7: readers see exactly what was approved — the published revision and
 * what it recorded — and nothing an editor saved since, nothing from a shared Media or Profile row, and
 * no photo of an article that is no longer live.
 */

const WANG = "2026-xianfeng-wang-xiaomin";
const CHEN = "2026-xianfeng-chen-jianguo";

/** The breadcrumb of a page: 首页 > column. */
function breadcrumb(html: string): string {
  return /<nav class="breadcrumb"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
}

function getPhoto(key: string, init?: RequestInit) {
  return mediaRoute(new Request(`http://cms.test:3000/media/${key}`, init), {
    params: Promise.resolve({ key: key.split("/") }),
  });
}

describe("public = the published revision", () => {
  let db: PrismaClient;
  let editor: PermissionUser;

  const user = async (username: string): Promise<PermissionUser> => ({
    ...(await db.user.findUniqueOrThrow({
      where: { username },
      select: { id: true, roles: { select: { role: true, level: true, columnId: true } } },
    })),
    mustChangePassword: false,
  });

  async function articleOf(slug: string) {
    return db.article.findUniqueOrThrow({
      where: { slug },
      select: { id: true, columnId: true, status: true, lockVersion: true, publishedRevisionId: true },
    });
  }

  async function saveWith(slug: string, change: Record<string, unknown>) {
    const article = await articleOf(slug);
    const saved = await savedVersion(db, article.id);
    return saveArticle(db, editor, {
      ...saved,
      body: storedBodyOrEmpty(saved.body),
      ...change,
      articleId: article.id,
      lockVersion: saved.lockVersion,
    });
  }

  async function step(
    slug: string,
    who: PermissionUser,
    event: "submit" | "approve" | "publish" | "withdraw" | "scheduleWithdraw" | "unscheduleWithdraw",
    extra: Record<string, unknown> = {},
  ) {
    const article = await articleOf(slug);
    return transition(db, who, { articleId: article.id, event, lockVersion: article.lockVersion, ...extra });
  }

  beforeAll(async () => {
    db = testDb();
    await seedDemo(db, new LocalDiskStorage(TEST_UPLOAD_DIR));
    editor = await user("editor");
  }, 180_000);

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
    await rm(TEST_UPLOAD_DIR, { recursive: true, force: true });
  });

  describe("finding 1: fields saved on a live article are not shown until published", () => {
    it("keeps the series mark, lead, summary, source and byline of the published revision on the page, API, RSS and search", async () => {
      const result = await saveWith(WANG, {
        seriesMark: "【未审系列】",
        lead: "未审导语甲乙",
        summary: "未审摘要甲乙",
        source: "未审来源甲乙",
        byline: "未审作者甲乙",
      });
      expect(result.revisionCreated).toBe(true);
      const page = (await renderArticle(db, WANG, DEFAULT_PREFS)).body;
      const api = (await articleJson(db, WANG)).body;
      const rss = (await renderSiteFeed(db)).body;
      for (const text of ["【未审系列】", "未审导语甲乙", "未审摘要甲乙", "未审来源甲乙", "未审作者甲乙"]) {
        expect(page).not.toContain(text);
        expect(api).not.toContain(text);
        expect(rss).not.toContain(text);
      }
      expect(page).toContain("【先锋】");
      for (const query of ["未审系列", "未审导语甲乙"]) {
        expect((await renderSearch(db, query, 1, DEFAULT_PREFS)).body).not.toContain(WANG);
      }
      // The article is still found by what was published.
      expect((await renderSearch(db, "王晓敏", 1, DEFAULT_PREFS)).body).toContain(WANG);
    });

    it("never falls back to the article row when a published revision recorded no meta", async () => {
      const article = await db.article.findUniqueOrThrow({
        where: { slug: CHEN },
        select: { id: true, publishedRevisionId: true },
      });
      if (!article.publishedRevisionId) throw new Error("the demo article is not live");
      const recorded = await db.revision.findUniqueOrThrow({
        where: { id: article.publishedRevisionId },
        select: { meta: true },
      });
      try {
        // As the demo seed used to leave every revision, with newer values on the article row.
        await db.revision.update({ where: { id: article.publishedRevisionId }, data: { meta: {} } });
        await db.article.update({
          where: { id: article.id },
          data: { seriesMark: "【行上的值】", lead: "行上的导语" },
        });
        const page = await renderArticle(db, CHEN, DEFAULT_PREFS);
        expect(page.body).not.toContain("【行上的值】");
        expect(page.body).not.toContain("行上的导语");
        expect((await articleJson(db, CHEN)).body).not.toContain("行上的导语");
      } finally {
        await db.revision.update({
          where: { id: article.publishedRevisionId },
          data: { meta: recorded.meta as object },
        });
      }
    });
  });

  describe("finding 3: photo words come from the published revision, not the shared Media row", () => {
    it("keeps the cover's and the portrait's alt text, caption and credit as approved", async () => {
      const before = (await renderArticle(db, CHEN, DEFAULT_PREFS)).body;
      const beforeApi = (await articleJson(db, CHEN)).body;
      expect(before).toContain("陈建国近照");
      const portrait = await db.media.findFirstOrThrow({ where: { alt: "陈建国近照" } });
      await updateMediaDetails(db, editor, {
        mediaId: portrait.id,
        alt: "改过的替代文字",
        caption: "改过的题注",
        credit: "改过的摄影",
      });
      const after = (await renderArticle(db, CHEN, DEFAULT_PREFS)).body;
      expect(after).toBe(before);
      expect((await articleJson(db, CHEN)).body).toBe(beforeApi);
    });
  });

  it("keeps a photo a published revision shows as portrait in use after the profile's portrait changes", async () => {
    const chen = await db.article.findUniqueOrThrow({
      where: { slug: CHEN },
      select: { profile: { select: { id: true, portraitId: true } } },
    });
    const profile = chen.profile;
    const portrait = { id: profile?.portraitId ?? "" };
    if (!profile) throw new Error("the demo article has no profile");
    const other = await db.media.findFirstOrThrow({ where: { caption: { contains: "草莓" } } });
    await db.profile.update({ where: { id: profile.id }, data: { portraitId: other.id } });
    try {
      const usages = await mediaUsages(db, portrait.id);
      expect(usages.some((usage) => usage.kind === "article" && usage.uses.includes("portrait"))).toBe(true);
    } finally {
      await db.profile.update({ where: { id: profile.id }, data: { portraitId: portrait.id } });
    }
  });

  describe("finding 2: moving a live article to another column is a reviewed change", () => {
    it("makes a new draft; page, breadcrumb and lists stay in the old column until the move is published", async () => {
      const article = await articleOf(WANG);
      const [oldColumn, newColumn] = await Promise.all([
        db.column.findUniqueOrThrow({ where: { id: article.columnId } }),
        db.column.findFirstOrThrow({ where: { id: { not: article.columnId } } }),
      ]);
      // Only the column changes (a clean draft of what is published first).
      const published = await db.revision.findUniqueOrThrow({
        where: { id: article.publishedRevisionId ?? "" },
        select: { meta: true },
      });
      const meta = published.meta as Record<string, unknown>;
      await saveWith(WANG, {
        seriesMark: meta.seriesMark,
        lead: meta.lead,
        summary: meta.summary,
        source: meta.source,
        byline: meta.byline,
      });
      const result = await saveWith(WANG, { columnId: newColumn.id });
      expect(result).toMatchObject({ revisionCreated: true, status: "DRAFT" });

      expect(breadcrumb((await renderArticle(db, WANG, DEFAULT_PREFS)).body)).toContain(`/columns/${oldColumn.slug}"`);
      expect((await renderColumn(db, oldColumn.slug, null, DEFAULT_PREFS)).body).toContain(WANG);
      expect((await renderColumn(db, newColumn.slug, null, DEFAULT_PREFS)).body).not.toContain(WANG);
      const document = await db.searchDocument.findUniqueOrThrow({ where: { articleId: article.id } });
      expect(document.columnId).toBe(oldColumn.id);

      // The old column's feed, cached (as readers fetch it) while the article is still listed there.
      const oldFeed = () =>
        columnFeedRoute(new Request(`http://cms.test:3000/columns/${oldColumn.slug}/rss.xml`), {
          params: Promise.resolve({ slug: oldColumn.slug }),
        }).then((response) => response.text());
      expect(await oldFeed()).toContain(WANG);
      expect(await oldFeed()).toContain(WANG);

      // The NEW column's reviewers review the move: a 初审 of the old column only may not.
      const oldColumnReviewer = await createUser(db, [{ role: "REVIEWER", level: 1, columnId: oldColumn.id }]);
      await step(WANG, editor, "submit");
      await expect(
        step(WANG, { id: oldColumnReviewer.id, roles: oldColumnReviewer.roles, mustChangePassword: false }, "approve"),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await step(WANG, await user("reviewer1"), "approve");
      await step(WANG, await user("reviewer2"), "approve");
      await step(WANG, await user("reviewer3"), "approve");
      await step(WANG, await user("reviewer3"), "publish");

      expect((await renderColumn(db, newColumn.slug, null, DEFAULT_PREFS)).body).toContain(WANG);
      expect((await renderColumn(db, oldColumn.slug, null, DEFAULT_PREFS)).body).not.toContain(WANG);
      expect(await oldFeed()).not.toContain(WANG);
      expect(breadcrumb((await renderArticle(db, WANG, DEFAULT_PREFS)).body)).toContain(`/columns/${newColumn.slug}"`);
      expect((await db.searchDocument.findUniqueOrThrow({ where: { articleId: article.id } })).columnId).toBe(
        newColumn.id,
      );
      expect(
        await db.article.findUniqueOrThrow({ where: { id: article.id }, select: { publishedColumnId: true } }),
      ).toEqual({ publishedColumnId: newColumn.id });
    }, 60_000);
  });

  it("lets the old column's 终审 withdraw an article whose move to another column waits for review", async () => {
    const article = await articleOf(CHEN);
    const [oldColumn, newColumn] = await Promise.all([
      db.column.findUniqueOrThrow({ where: { id: article.columnId } }),
      db.column.findFirstOrThrow({ where: { id: { not: article.columnId } } }),
    ]);
    await saveWith(CHEN, { columnId: newColumn.id });
    const oldFinal = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: oldColumn.id }]);
    const asOldFinal = { id: oldFinal.id, roles: oldFinal.roles, mustChangePassword: false };
    const otherFinal = await createUser(db, [
      {
        role: "REVIEWER",
        level: 3,
        columnId: (await db.column.create({ data: { slug: "elsewhere", name: "别处" } })).id,
      },
    ]);
    await expect(
      step(CHEN, { id: otherFinal.id, roles: otherFinal.roles, mustChangePassword: false }, "scheduleWithdraw", {
        reason: "测试",
        withdrawAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await step(CHEN, asOldFinal, "scheduleWithdraw", {
      reason: "测试",
      withdrawAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await step(CHEN, asOldFinal, "unscheduleWithdraw");
  });

  it("judges a 焦点图 by the cover readers see: the published revision's, not a draft's", async () => {
    const slug = "2026-gongzuo-xianfeng-xuanjiang";
    await saveWith(slug, { coverId: null });
    const lecture = await articleOf(slug);
    const columns = (await db.column.findMany({ select: { id: true } })).map((column) => column.id);
    await expect(
      setHomeSlots(db, await user("admin"), { headline: null, focus: [lecture.id], columns }),
    ).resolves.toBeDefined();
  });

  describe("finding 7: photos of an article that is not live are not public", () => {
    it("serves a live article's photos with a cache lifetime a withdrawal can end, and stops serving them once withdrawn", async () => {
      signedIn = null;
      const portrait = await db.media.findFirstOrThrow({ where: { caption: "刘志强" } });
      const live = await getPhoto(portrait.storageKey);
      expect(live.status).toBe(200);
      const cacheControl = live.headers.get("cache-control") ?? "";
      expect(cacheControl).not.toContain("immutable");
      expect(Number(/max-age=(\d+)/.exec(cacheControl)?.[1])).toBeLessThanOrEqual(300);
      const etag = live.headers.get("etag") ?? "";
      expect((await getPhoto(portrait.storageKey, { headers: { "if-none-match": etag } })).status).toBe(304);

      await step("2026-xianfeng-liu-zhiqiang", await user("reviewer3"), "withdraw", { reason: "测试撤稿" });
      const gone = await getPhoto(portrait.storageKey);
      expect(gone.status).toBe(404);
      // A revalidation ends the cached copy too.
      expect((await getPhoto(portrait.storageKey, { headers: { "if-none-match": etag } })).status).toBe(404);

      // Staff still see it in the admin, never through a shared cache.
      signedIn = { ...(await user("editor")), username: "editor", displayName: "编辑", sessionId: "s" } as CurrentUser;
      const staff = await getPhoto(portrait.storageKey);
      expect(staff.status).toBe(200);
      expect(staff.headers.get("cache-control")).toContain("private");
      signedIn = null;
    });

    it("does not serve a photo only a draft uses, and serves the site logo", async () => {
      signedIn = null;
      // Demo 田园村 is in review, never published: its photos are not public.
      const village = await db.media.findFirstOrThrow({ where: { caption: { contains: "草莓" } } });
      const inUseLive = await db.liveMedia.count({ where: { mediaId: village.id } });
      expect(inUseLive).toBe(0);
      expect((await getPhoto(village.storageKey)).status).toBe(404);

      const { getSiteSettings } = await import("@/lib/settings/queries");
      const settings = await getSiteSettings(db);
      await db.siteSetting.upsert({
        where: { key: "site" },
        create: { key: "site", value: { ...settings, logoMediaId: village.id } },
        update: { value: { ...settings, logoMediaId: village.id } },
      });
      expect((await getPhoto(village.storageKey)).status).toBe(200);
      await db.siteSetting.update({ where: { key: "site" }, data: { value: { ...settings, logoMediaId: null } } });
      expect((await getPhoto(village.storageKey)).status).toBe(404);
    });
  });

  describe("static publishing copies the photos live pages use (issue 18, finding 8)", () => {
    it("writes every file of every live photo, none of a photo not live, and removes a withdrawn article's", async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "static-photos-"));
      const secret = "static-photo-secret-static-photo-secret";
      const exists = (key: string) =>
        stat(path.join(dir, "media", key)).then(
          () => true,
          () => false,
        );
      const keysOf = async (mediaId: string) => {
        const media = await db.media.findUniqueOrThrow({ where: { id: mediaId } });
        return [media.storageKey, ...parseRenditions(media.renditions).map((rendition) => rendition.key)];
      };
      try {
        await publishStaticSite(db, dir, secret);
        const live = await db.liveMedia.findMany({ select: { mediaId: true } });
        expect(live.length).toBeGreaterThan(0);
        for (const { mediaId } of live) {
          for (const key of await keysOf(mediaId)) {
            expect(await exists(key)).toBe(true);
            expect(await readFile(path.join(dir, "media", key))).toEqual(
              await readFile(path.join(TEST_UPLOAD_DIR, key)),
            );
          }
        }
        const draftOnly = await db.media.findFirstOrThrow({ where: { caption: { contains: "草莓" } } });
        for (const key of await keysOf(draftOnly.id)) expect(await exists(key)).toBe(false);

        const chen = await articleOf(CHEN);
        const chenPhotos = (await db.liveMedia.findMany({ where: { holder: `article:${chen.id}` } })).map(
          (row) => row.mediaId,
        );
        expect(chenPhotos.length).toBeGreaterThan(0);
        await step(CHEN, await user("reviewer3"), "withdraw", { reason: "测试撤稿" });
        await updateStaticSite(db, dir, secret, { articleIds: [chen.id], tags: await affectedTags(db, [chen.id]) });
        for (const mediaId of chenPhotos)
          for (const key of await keysOf(mediaId)) expect(await exists(key)).toBe(false);
        expect(await verifyStaticSite(dir, secret)).toEqual({
          manifestValid: true,
          modified: [],
          missing: [],
          unexpected: [],
          stale: [],
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

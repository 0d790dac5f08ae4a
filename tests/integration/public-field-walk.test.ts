import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BodyDocument } from "@/lib/articles/body";
import { figureMediaIds } from "@/lib/articles/body-media";
import { storedBodyOrEmpty } from "@/lib/articles/body/schema";
import {
  savedVersion,
  saveArticle,
  setDisplayDate,
  type ArticleVersion,
  type SaveResult,
} from "@/lib/articles/commands";
import { REVISION_META_FIELDS, type RevisionMeta } from "@/lib/articles/revision-meta";
import { articleFieldsSchema, createProfileSchema } from "@/lib/articles/schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { updateMediaDetails } from "@/lib/media/commands";
import { mediaDetailsSchema } from "@/lib/media/schemas";
import { LocalDiskStorage } from "@/lib/media/storage";
import type { PermissionUser } from "@/lib/permissions";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { seedDemo } from "@/lib/seed/seed-demo";
import { transition } from "@/lib/workflow/transition";
import { testDb } from "../support/factories";
import { changedSurfaces, publicSurfaces, type PublicSurfaces } from "../support/public-surfaces";

/**
 * The rule "public = the published revision, nothing else", walked field by field: for EVERY field an
 * editor can change — the article form, the media library, the profile subject — the change is saved
 * without being submitted, and no public surface (page, lists, search, feeds, sitemap, API, static
 * files) may change. The lists of fields come from the schemas, so a new field fails this test until
 * it is walked here too.
 */

const SLUG = "2026-xianfeng-wang-xiaomin";
/** Words that appear nowhere in the demo content: searched for after every step. */
const TOKEN = {
  title: "未审标题词",
  seriesMark: "【未审】",
  source: "未审来源单位",
  byline: "未审作者名",
  summary: "未审摘要文字",
  lead: "未审导语文字",
  overTitle: "未审引题文字",
  subtitle: "未审副题文字",
  responsibleEditor: "未审责编名",
  body: "未审正文段落",
  figureAlt: "未审图片说明",
  figureCaption: "未审图片题注",
  alt: "未审替代文字",
  caption: "未审图库题注",
  credit: "未审摄影者",
  profileName: "未审人物姓名",
  honour: "未审荣誉称号",
  position: "未审职务名称",
  organisation: "未审所在单位",
};

interface WalkContext {
  db: PrismaClient;
  articleId: string;
  otherColumnId: string;
  otherPhotoId: string;
  /** The column's 终审: the one who may set 发布日期. */
  finalReviewer: PermissionUser;
  /** What the published revision shows, read before the walk starts. */
  published: { profileId: string; photos: { cover: string; portrait: string; figure: string } };
}

/** 发布日期 the walk sets: an article moved from an old site. */
const DISPLAY_DATE = "2021-07-27";

/**
 * How the walk changes each field of the article form (lib/articles/schemas.ts articleFieldsSchema):
 * a version for the editor to save, or the result of a save the step made itself (发布日期 is the 终审's).
 */
const ARTICLE_FORM: Record<
  keyof typeof articleFieldsSchema.shape,
  (version: ArticleVersion, context: WalkContext) => Promise<ArticleVersion | SaveResult>
> = {
  title: async (version) => ({ ...version, title: `${version.title}${TOKEN.title}` }),
  seriesMark: async (version) => ({ ...version, seriesMark: TOKEN.seriesMark }),
  columnId: async (version, { otherColumnId }) => ({ ...version, columnId: otherColumnId }),
  source: async (version) => ({ ...version, source: TOKEN.source }),
  byline: async (version) => ({ ...version, byline: TOKEN.byline }),
  summary: async (version) => ({ ...version, summary: TOKEN.summary }),
  lead: async (version) => ({ ...version, lead: TOKEN.lead }),
  overTitle: async (version) => ({ ...version, overTitle: TOKEN.overTitle }),
  subtitle: async (version) => ({ ...version, subtitle: TOKEN.subtitle }),
  responsibleEditor: async (version) => ({ ...version, responsibleEditor: TOKEN.responsibleEditor }),
  displayDate: async (_version, { db, articleId, finalReviewer }) => {
    const { lockVersion } = await savedVersion(db, articleId);
    return setDisplayDate(db, finalReviewer, { articleId, lockVersion, displayDate: DISPLAY_DATE });
  },
  coverId: async (version, { otherPhotoId }) => ({ ...version, coverId: otherPhotoId }),
  profileId: async (version, { db }) => {
    const profile = await db.profile.create({
      data: { name: `另一${TOKEN.profileName}`, honour: TOKEN.honour },
      select: { id: true },
    });
    return { ...version, profileId: profile.id };
  },
  body: async (version) => ({ ...version, body: changedBody(version.body) }),
};

/** A new paragraph, and the first figure's alt text and caption changed. */
function changedBody(body: BodyDocument): BodyDocument {
  let figureSeen = false;
  const content = body.content.map((node) => {
    if (node.type !== "figure" || figureSeen) return node;
    figureSeen = true;
    return {
      ...node,
      attrs: { ...node.attrs, alt: TOKEN.figureAlt },
      content: [{ type: "text" as const, text: TOKEN.figureCaption }],
    };
  });
  expect(figureSeen).toBe(true);
  return { ...body, content: [...content, { type: "paragraph", content: [{ type: "text", text: TOKEN.body }] }] };
}

/** How the walk changes each field of the media library (lib/media/schemas.ts mediaDetailsSchema). */
const MEDIA_LIBRARY: Record<keyof typeof mediaDetailsSchema.shape, string> = {
  alt: TOKEN.alt,
  caption: TOKEN.caption,
  credit: TOKEN.credit,
};

/** How the walk changes each field of a profile subject (lib/articles/schemas.ts createProfileSchema). */
const PROFILE: Record<
  keyof typeof createProfileSchema.shape,
  (context: WalkContext) => Promise<Record<string, unknown>>
> = {
  kind: async () => ({ kind: "ORGANISATION" }),
  name: async () => ({ name: TOKEN.profileName }),
  honour: async () => ({ honour: TOKEN.honour }),
  position: async () => ({ position: TOKEN.position }),
  organisation: async () => ({ organisation: TOKEN.organisation }),
  portraitId: async ({ otherPhotoId }) => ({ portraitId: otherPhotoId }),
};

/** Which walked source can change each recorded meta field; `version` is the schema's own. */
const META_SOURCES: Record<keyof RevisionMeta, string> = {
  version: "schema version, not editable",
  columnId: "article form: columnId",
  seriesMark: "article form: seriesMark",
  lead: "article form: lead",
  summary: "article form: summary",
  source: "article form: source",
  byline: "article form: byline",
  overTitle: "article form: overTitle",
  subtitle: "article form: subtitle",
  responsibleEditor: "article form: responsibleEditor",
  displayDate: "article form: displayDate (the column's 终审, setDisplayDate)",
  coverId: "article form: coverId",
  cover: "article form: coverId; media library: alt, caption, credit of the cover",
  profileId: "article form: profileId",
  profile: "profile: every field; media library: the portrait",
  figures: "article form: body; media library: credit of a figure",
};

describe("public = the published revision: the field walk", () => {
  let db: PrismaClient;
  let uploads: string;
  let context: WalkContext;
  let baseline: PublicSurfaces;
  let editor: PermissionUser;
  const searches = [...Object.values(TOKEN), "王晓敏"];

  const surfaces = () => publicSurfaces(db, { slugs: [SLUG], searches, storage: new LocalDiskStorage(uploads) });

  async function save(version: ArticleVersion) {
    const { lockVersion } = await savedVersion(db, context.articleId);
    return saveArticle(db, editor, { ...version, articleId: context.articleId, lockVersion });
  }

  async function current(): Promise<ArticleVersion> {
    const saved = await savedVersion(db, context.articleId);
    return { ...saved, body: storedBodyOrEmpty(saved.body) };
  }

  beforeAll(async () => {
    db = testDb();
    uploads = await mkdtemp(path.join(os.tmpdir(), "field-walk-"));
    await seedDemo(db, new LocalDiskStorage(uploads));
    // Before any edit the article row holds what its published revision shows.
    const article = await db.article.findUniqueOrThrow({
      where: { slug: SLUG },
      select: {
        id: true,
        columnId: true,
        createdById: true,
        coverId: true,
        profile: { select: { id: true, portraitId: true } },
        publishedRevision: { select: { body: true } },
      },
    });
    const figure = figureMediaIds(storedBodyOrEmpty(article.publishedRevision?.body))[1];
    if (!article.coverId || !article.profile?.portraitId || !figure)
      throw new Error("the demo article lost its photos");
    const [owner, otherColumn, otherPhoto] = await Promise.all([
      db.user.findUniqueOrThrow({
        where: { id: article.createdById },
        select: { id: true, roles: { select: { role: true, level: true, columnId: true } } },
      }),
      db.column.findFirstOrThrow({ where: { id: { not: article.columnId } }, select: { id: true } }),
      db.media.findFirstOrThrow({ where: { alt: "陈建国近照" }, select: { id: true } }),
    ]);
    editor = { ...owner, mustChangePassword: false };
    const reviewer3 = await db.user.findUniqueOrThrow({
      where: { username: "reviewer3" },
      select: { id: true, roles: { select: { role: true, level: true, columnId: true } } },
    });
    context = {
      db,
      finalReviewer: { ...reviewer3, mustChangePassword: false },
      articleId: article.id,
      otherColumnId: otherColumn.id,
      otherPhotoId: otherPhoto.id,
      published: {
        profileId: article.profile.id,
        photos: { cover: article.coverId, portrait: article.profile.portraitId, figure },
      },
    };
    baseline = await surfaces();
  }, 300_000);

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
    await rm(uploads, { recursive: true, force: true });
  });

  it("walks every field the schemas have, and every field the revision records", () => {
    expect(Object.keys(ARTICLE_FORM).sort()).toEqual(Object.keys(articleFieldsSchema.shape).sort());
    expect(Object.keys(MEDIA_LIBRARY).sort()).toEqual(Object.keys(mediaDetailsSchema.shape).sort());
    expect(Object.keys(PROFILE).sort()).toEqual(Object.keys(createProfileSchema.shape).sort());
    expect(Object.keys(META_SOURCES).sort()).toEqual([...REVISION_META_FIELDS].sort());
  });

  it("starts from a live page that shows the published content and none of the new words", () => {
    expect(baseline[`article:${SLUG}`]).toContain("王晓敏");
    expect(Object.keys(baseline).some((key) => key.startsWith("static:media/"))).toBe(true);
    for (const token of Object.values(TOKEN)) {
      expect(
        Object.entries(baseline)
          .filter(([key, body]) => !key.startsWith("search:") && body.includes(token))
          .map(([key]) => key),
      ).toEqual([]);
    }
  });

  it.each(Object.keys(ARTICLE_FORM) as (keyof typeof ARTICLE_FORM)[])(
    "article form: saving a new %s changes no public surface",
    async (field) => {
      const step = await ARTICLE_FORM[field](await current(), context);
      const result = "revisionCreated" in step ? step : await save(step);
      expect(result).toMatchObject({ revisionCreated: true, status: "DRAFT" });
      expect(changedSurfaces(baseline, await surfaces())).toEqual([]);
    },
  );

  it.each(Object.keys(MEDIA_LIBRARY) as (keyof typeof MEDIA_LIBRARY)[])(
    "media library: a new %s of the cover, portrait and a figure changes no public surface",
    async (field) => {
      for (const [which, mediaId] of Object.entries(context.published.photos)) {
        const media = await db.media.findUniqueOrThrow({ where: { id: mediaId } });
        await updateMediaDetails(db, editor, {
          mediaId,
          alt: media.alt,
          caption: media.caption,
          credit: media.credit,
          [field]: `${MEDIA_LIBRARY[field]}${which}`,
        });
      }
      // The editor then saves the article (the draft records the library's new words) without submitting.
      await save(await current());
      expect(changedSurfaces(baseline, await surfaces())).toEqual([]);
    },
  );

  it.each(Object.keys(PROFILE) as (keyof typeof PROFILE)[])(
    "profile: a new %s of the published subject changes no public surface",
    async (field) => {
      await db.profile.update({ where: { id: context.published.profileId }, data: await PROFILE[field](context) });
      await save(await current());
      expect(changedSurfaces(baseline, await surfaces())).toEqual([]);
    },
  );

  it("shows all of it once the draft is reviewed and published (the walk can see a change)", async () => {
    const user = async (username: string): Promise<PermissionUser> => ({
      ...(await db.user.findUniqueOrThrow({
        where: { username },
        select: { id: true, roles: { select: { role: true, level: true, columnId: true } } },
      })),
      mustChangePassword: false,
    });
    const step = async (who: PermissionUser, event: "submit" | "approve" | "publish") => {
      const { lockVersion } = await db.article.findUniqueOrThrow({
        where: { id: context.articleId },
        select: { lockVersion: true },
      });
      await transition(db, who, { articleId: context.articleId, event, lockVersion });
    };
    await step(editor, "submit");
    await step(await user("reviewer1"), "approve");
    await step(await user("reviewer2"), "approve");
    const final = await user("reviewer3");
    await step(final, "approve");
    await step(final, "publish");
    const after = await surfaces();
    const page = after[`article:${SLUG}`] ?? "";
    for (const token of [
      TOKEN.title,
      TOKEN.seriesMark,
      TOKEN.source,
      TOKEN.lead,
      TOKEN.overTitle,
      TOKEN.subtitle,
      TOKEN.responsibleEditor,
      TOKEN.body,
      TOKEN.figureAlt,
      TOKEN.figureCaption,
      TOKEN.profileName,
    ]) {
      expect(page).toContain(token);
    }
    expect(page).toContain(`>${DISPLAY_DATE}</time>`);
    expect(changedSurfaces(baseline, after).length).toBeGreaterThan(0);
  }, 120_000);
});

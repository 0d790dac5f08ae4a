import type { BodyDocument } from "@/lib/articles/body";
import {
  ArticleConflictError,
  createArticle,
  createProfile,
  restoreRevision,
  saveArticle,
} from "@/lib/articles/commands";
import { saveArticleSchema } from "@/lib/articles/schemas";
import { AppError } from "@/lib/errors";
import { createUser, testDb, type RoleGrant } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

let sequence = 0;

const makeUser = (roles: RoleGrant[]) => createUser(db, roles);

async function makeColumn() {
  sequence += 1;
  return db.column.create({
    data: { slug: `xianfeng-${sequence}-${Date.now().toString(36)}`, name: "先锋", seriesMark: "【先锋】" },
  });
}

const body = (...paragraphs: string[]): BodyDocument => ({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "坚持党建引领，强化政治担当" }] },
    ...paragraphs.map((text) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] })),
  ],
});

function fields(columnId: string, overrides: Partial<{ title: string; body: BodyDocument; lead: string }> = {}) {
  return {
    title: overrides.title ?? "化工区党建的“拓荒牛”",
    seriesMark: "【先锋】",
    columnId,
    source: "区委组织部",
    byline: "周文",
    summary: "",
    lead: overrides.lead ?? "",
    coverId: null,
    profileId: null,
    body: overrides.body ?? body("第一段。"),
  };
}

let editor: Awaited<ReturnType<typeof makeUser>>;
let otherEditor: Awaited<ReturnType<typeof makeUser>>;
let columnId: string;

beforeAll(async () => {
  editor = await makeUser([{ role: "EDITOR" }]);
  otherEditor = await makeUser([{ role: "EDITOR" }]);
  columnId = (await makeColumn()).id;
});

async function revisionsOf(articleId: string) {
  return db.revision.findMany({ where: { articleId }, orderBy: { number: "asc" } });
}

describe("writing an article", () => {
  it("creates a draft with its first revision, rendered HTML, plain text, hash and an audit event", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    const article = await db.article.findUniqueOrThrow({
      where: { id: created.articleId },
      include: { currentRevision: true },
    });
    expect(article.status).toBe("DRAFT");
    expect(article.createdById).toBe(editor.id);
    expect(article.seriesMark).toBe("【先锋】");
    expect(article.lockVersion).toBe(0);
    expect(article.currentRevision?.number).toBe(1);
    expect(article.currentRevision?.html).toContain("<h2>坚持党建引领，强化政治担当</h2>");
    expect(article.currentRevision?.plainText).toBe("坚持党建引领，强化政治担当\n第一段。");
    expect(article.currentRevision?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(article.currentRevision?.meta).toMatchObject({
      seriesMark: "【先锋】",
      source: "区委组织部",
      byline: "周文",
    });
    const events = await db.auditEvent.findMany({ where: { target: `article:${article.id}` } });
    expect(events.map((event) => event.action)).toEqual(["article.create"]);
  });

  it("saves changed content as a new revision and moves the lock version on", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    const saved = await saveArticle(db, editor, {
      articleId: created.articleId,
      lockVersion: 0,
      ...fields(columnId, { body: body("第一段。", "第二段。") }),
    });
    expect(saved).toMatchObject({ lockVersion: 1, revisionNumber: 2, revisionCreated: true, status: "DRAFT" });
    const revisions = await revisionsOf(created.articleId);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    expect(revisions[1].plainText).toContain("第二段。");
    const events = await db.auditEvent.findMany({
      where: { target: `article:${created.articleId}` },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(["article.create", "article.save"]);
  });

  it("counts a change of a published field (the lead) as new content", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    const saved = await saveArticle(db, editor, {
      articleId: created.articleId,
      lockVersion: 0,
      ...fields(columnId, { lead: "新的导语" }),
    });
    expect(saved.revisionCreated).toBe(true);
  });

  it("makes no revision when the content is unchanged", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    const saved = await saveArticle(db, editor, { articleId: created.articleId, lockVersion: 0, ...fields(columnId) });
    expect(saved).toMatchObject({ revisionCreated: false, revisionNumber: 1, revisionId: created.revisionId });
    expect(await revisionsOf(created.articleId)).toHaveLength(1);
  });

  it("lets exactly one of two saves from the same lock version win; the other gets CONFLICT with both versions", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    const mine = fields(columnId, { body: body("甲的修改。") });
    const theirs = fields(columnId, { body: body("乙的修改。") });
    const results = await Promise.allSettled([
      saveArticle(db, editor, { articleId: created.articleId, lockVersion: 0, ...mine }),
      saveArticle(db, editor, { articleId: created.articleId, lockVersion: 0, ...theirs }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const conflict = lost[0];
    expect(conflict).toBeInstanceOf(ArticleConflictError);
    if (!(conflict instanceof ArticleConflictError)) return;
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toMatch(/已被他人/);

    const revisions = await revisionsOf(created.articleId);
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    // The refused text is handed back untouched and the saved one is what the database holds.
    const winnerText = revisions[1].plainText;
    expect(JSON.stringify(conflict.theirs.body)).toContain(winnerText.split("\n")[1]);
    expect(conflict.theirs.lockVersion).toBe(1);
    expect(conflict.theirs.revisionNumber).toBe(2);
    const loserText = winnerText.includes("甲") ? "乙的修改。" : "甲的修改。";
    expect(JSON.stringify(conflict.mine.body)).toContain(loserText);

    // Choosing "keep mine" is a save from the version just shown: it succeeds and keeps both in history.
    const kept = await saveArticle(db, editor, {
      articleId: created.articleId,
      lockVersion: conflict.theirs.lockVersion,
      ...conflict.mine,
    });
    expect(kept.revisionNumber).toBe(3);
    const history = await revisionsOf(created.articleId);
    expect(history.map((revision) => revision.plainText.split("\n")[1]).sort()).toEqual(
      ["乙的修改。", "甲的修改。", "第一段。"].sort(),
    );
  });

  it("refuses a hostile body with a Chinese message before anything is written", () => {
    const hostile = {
      articleId: "00000000-0000-4000-8000-000000000001",
      lockVersion: 0,
      ...fields(columnId),
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "点我", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
            ],
          },
        ],
      },
    };
    const parsed = saveArticleSchema.safeParse(hostile);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["body"]);
    expect(parsed.error?.issues[0].message).toMatch(
      /^正文包含不支持的内容：.*链接地址只能是以 http:\/\/、https:\/\/ 或 mailto: 开头/,
    );

    const script = saveArticleSchema.safeParse({
      ...hostile,
      body: { type: "doc", content: [{ type: "script", content: [] }] },
    });
    expect(script.error?.issues[0].message).toMatch(/正文包含不支持的内容/);
  });

  it("refuses a figure whose photo does not exist", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    const withFigure: BodyDocument = {
      type: "doc",
      content: [
        {
          type: "figure",
          attrs: { mediaId: "00000000-0000-4000-8000-0000000000ff", alt: "照片" },
          content: [{ type: "text", text: "说明" }],
        },
      ],
    };
    await expect(
      saveArticle(db, editor, {
        articleId: created.articleId,
        lockVersion: 0,
        ...fields(columnId, { body: withFigure }),
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      field: "body",
    });
    expect(await revisionsOf(created.articleId)).toHaveLength(1);
  });

  it("does not let an editor save someone else's article", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    await expect(
      saveArticle(db, otherEditor, {
        articleId: created.articleId,
        lockVersion: 0,
        ...fields(columnId, { title: "改标题" }),
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const article = await db.article.findUniqueOrThrow({ where: { id: created.articleId } });
    expect(article.lockVersion).toBe(0);
    expect(await revisionsOf(created.articleId)).toHaveLength(1);
  });

  it("refuses a save while the article is in review", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    await db.article.update({ where: { id: created.articleId }, data: { status: "IN_REVIEW", reviewLevel: 1 } });
    const refused = saveArticle(db, editor, {
      articleId: created.articleId,
      lockVersion: 0,
      ...fields(columnId, { title: "新标题" }),
    });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("审核中") });
    expect(await revisionsOf(created.articleId)).toHaveLength(1);
  });

  it("starts a new draft when a live article is edited, keeping the published revision live", async () => {
    const created = await createArticle(db, editor, fields(columnId));
    await db.article.update({
      where: { id: created.articleId },
      data: { status: "PUBLISHED", publishedRevisionId: created.revisionId, publishedAt: new Date() },
    });
    const saved = await saveArticle(db, editor, {
      articleId: created.articleId,
      lockVersion: 0,
      ...fields(columnId, { body: body("更正后的段落。") }),
    });
    const article = await db.article.findUniqueOrThrow({ where: { id: created.articleId } });
    expect(saved.status).toBe("DRAFT");
    expect(article.status).toBe("DRAFT");
    expect(article.publishedRevisionId).toBe(created.revisionId);
    expect(article.currentRevisionId).toBe(saved.revisionId);
  });

  it("restores an old revision as a new one, keeping every revision", async () => {
    const created = await createArticle(db, editor, fields(columnId, { lead: "旧导语" }));
    const second = await saveArticle(db, editor, {
      articleId: created.articleId,
      lockVersion: 0,
      ...fields(columnId, { title: "新标题", body: body("新内容。"), lead: "新导语" }),
    });
    const restored = await restoreRevision(db, editor, {
      articleId: created.articleId,
      revisionId: created.revisionId,
      lockVersion: second.lockVersion,
    });
    expect(restored).toMatchObject({ revisionNumber: 3, revisionCreated: true, lockVersion: 2 });
    const revisions = await revisionsOf(created.articleId);
    expect(revisions.map((revision) => revision.title)).toEqual([
      "化工区党建的“拓荒牛”",
      "新标题",
      "化工区党建的“拓荒牛”",
    ]);
    expect(revisions[2].contentHash).toBe(revisions[0].contentHash);
    const article = await db.article.findUniqueOrThrow({ where: { id: created.articleId } });
    expect(article.lead).toBe("旧导语");
    const events = await db.auditEvent.findMany({
      where: { target: `article:${created.articleId}` },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(["article.create", "article.save", "article.restore"]);

    await expect(
      restoreRevision(db, otherEditor, {
        articleId: created.articleId,
        revisionId: created.revisionId,
        lockVersion: 2,
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      restoreRevision(db, editor, { articleId: created.articleId, revisionId: created.revisionId, lockVersion: 0 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("profile subjects", () => {
  it("creates a person to pick, and refuses callers who are not editors", async () => {
    const profile = await createProfile(db, editor, {
      kind: "PERSON",
      name: "李明",
      honour: "上海市优秀党务工作者",
      position: "党委书记",
      organisation: "化工区",
      portraitId: null,
    });
    expect(profile).toMatchObject({ name: "李明", honour: "上海市优秀党务工作者" });
    const reviewer = await makeUser([{ role: "REVIEWER", level: 1 }]);
    await expect(
      createProfile(db, reviewer, {
        kind: "PERSON",
        name: "某人",
        honour: "",
        position: "",
        organisation: "",
        portraitId: null,
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

/**
 * Issue 14: the content checks see every field the public sees, at submission (checkBeforeSubmit in
 * lib/workflow/transition.ts) and wherever checkArticle runs — 来源, 作者, the cover's alt text and
 * caption, photo captions stored with the media, and the profile's name and 荣誉 — and disguised
 * terms cannot pass.
 */
import { createArticle } from "@/lib/articles/commands";
import type { BodyDocument } from "@/lib/articles/body";
import { checkArticle } from "@/lib/checks";
import { transition } from "@/lib/workflow/transition";
import { createUser, testDb } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

const body = (text: string): BodyDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});
let sequence = 0;

async function setup() {
  sequence += 1;
  const editor = await createUser(db, "EDITOR");
  const column = await db.column.create({
    data: { slug: `cf-${sequence}-${Date.now().toString(36)}`, name: `检查栏目${sequence}`, reviewLevels: 1 },
  });
  await db.sensitiveTerm.upsert({
    where: { term: "法轮功" },
    create: { term: "法轮功", level: "BLOCK", category: "测试" },
    update: {},
  });
  const photo = (alt: string, caption = "") =>
    db.media.create({
      data: {
        sha256: `${sequence}${Math.random()}`.padEnd(64, "b").slice(0, 64),
        originalName: "p.jpg",
        mimeType: "image/jpeg",
        width: 8,
        height: 8,
        bytes: 1,
        alt,
        caption,
        storageKey: "k",
        uploaderId: editor.id,
      },
    });
  const fields = {
    title: "全区工作会议召开",
    seriesMark: "",
    columnId: column.id,
    source: "区委宣传部",
    byline: "",
    summary: "",
    lead: "",
    coverId: null as string | null,
    profileId: null as string | null,
    body: body("会议总结了今年的工作。"),
  };
  return { editor, column, photo, fields };
}

async function submit(editor: Awaited<ReturnType<typeof setup>>["editor"], articleId: string) {
  const { lockVersion } = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { lockVersion: true },
  });
  return transition(db, editor, { articleId, event: "submit", lockVersion });
}

describe("content checks over every public field", () => {
  it("refuses a submission whose 来源 or 作者 holds a BLOCK term, disguised in traditional characters or with spaces", async () => {
    const { editor, fields } = await setup();
    const bySource = await createArticle(db, editor, { ...fields, source: "法輪功研究会" });
    await expect(submit(editor, bySource.articleId)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("法輪功"),
    });
    const byByline = await createArticle(db, editor, { ...fields, byline: "法 轮 功" });
    await expect(submit(editor, byByline.articleId)).rejects.toMatchObject({ code: "VALIDATION" });
    const clean = await createArticle(db, editor, fields);
    expect(await submit(editor, clean.articleId)).toMatchObject({ status: "IN_REVIEW" });
  });

  it("refuses a submission whose cover alt text, or a body photo's stored caption, holds a BLOCK term", async () => {
    const { editor, fields, photo } = await setup();
    const cover = await photo("法*轮功传单");
    const withCover = await createArticle(db, editor, { ...fields, coverId: cover.id });
    await expect(submit(editor, withCover.articleId)).rejects.toMatchObject({ code: "VALIDATION" });

    const figure = await photo("会议现场", "法\u200b轮功宣传品");
    const figureBody = {
      type: "doc",
      content: [
        {
          type: "figure",
          attrs: { mediaId: figure.id, alt: "会议现场" },
          content: [{ type: "text", text: "会议现场" }],
        },
      ],
    } as BodyDocument;
    const result = await checkArticle(db, { ...fields, body: figureBody });
    expect(result.hits.map((hit) => [hit.location.field, hit.location.path, hit.term])).toEqual([
      ["mediaCaption", [0], "法\u200b轮功"],
    ]);
    expect(result.blocking).toBe(true);
  });

  it("checks the profile's name, honour and position", async () => {
    const { editor, fields } = await setup();
    const profile = await db.profile.create({ data: { name: "李某", honour: "法轮功学员", position: "主任" } });
    const result = await checkArticle(db, { ...fields, profileId: profile.id });
    expect(result.hits.map((hit) => [hit.location.field, hit.term, hit.level])).toEqual([
      ["profileHonour", "法轮功", "BLOCK"],
    ]);
    const article = await createArticle(db, editor, { ...fields, profileId: profile.id });
    await expect(submit(editor, article.articleId)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

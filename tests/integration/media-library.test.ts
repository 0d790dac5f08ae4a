/**
 * The media library's commands and server actions against the real database and a real folder:
 * deleting a photo in use is refused with the list of what uses it; an unused one goes with its files.
 */
import { TEST_UPLOAD_DIR } from "../support/media-env";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { CurrentUser } from "@/lib/auth/session";
import type { Media } from "@/lib/generated/prisma/client";
import { createCurrentUser, testDb } from "../support/factories";
import { actAs, formData as form } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import { deleteMediaAction, updateMediaAction } from "@/app/admin/(staff)/media/actions";
import { MediaInUseError, deleteMedia, uploadMedia } from "@/lib/media/commands";
import { initialMediaFormState } from "@/lib/media/form-state";
import { mediaText } from "@/lib/media/messages";
import { listMedia, mediaUsages } from "@/lib/media/queries";
import { parseRenditions } from "@/lib/media/renditions";
import { LocalDiskStorage, type MediaStorage } from "@/lib/media/storage";

const db = testDb();
const storage = new LocalDiskStorage(TEST_UPLOAD_DIR);
afterAll(async () => {
  await db.$disconnect();
  await rm(TEST_UPLOAD_DIR, { recursive: true, force: true });
});

let editor: CurrentUser;
let otherEditor: CurrentUser;
let columnId: string;

let colour = 0;
async function upload(actor: CurrentUser, alt = "测试图片", caption = ""): Promise<Media> {
  colour += 1;
  const file = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: colour, g: 100, b: 200 } },
  })
    .png()
    .toBuffer();
  const { media } = await uploadMedia(db, storage, actor, file, `photo-${colour}.png`, { alt, caption, credit: "" });
  return media;
}

const figure = (mediaId: string) => ({
  type: "figure",
  attrs: { mediaId, alt: "图" },
  content: [{ type: "text", text: "图片说明" }],
});
const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

async function article(
  slug: string,
  title: string,
  bodies: unknown[],
  extra: { coverId?: string; profileId?: string; metas?: Record<string, unknown>[] } = {},
) {
  const created = await db.article.create({
    data: { columnId, slug, createdById: editor.id, coverId: extra.coverId, profileId: extra.profileId },
  });
  let number = 0;
  let lastId = "";
  for (const body of bodies) {
    number += 1;
    const revision = await db.revision.create({
      data: {
        articleId: created.id,
        number,
        title: `${title}${number > 1 ? `（第${number}版）` : ""}`,
        body: body as object,
        html: "",
        plainText: "",
        contentHash: "0".repeat(64),
        meta: (extra.metas?.[number - 1] ?? {}) as object,
        authorId: editor.id,
      },
    });
    lastId = revision.id;
  }
  if (lastId) await db.article.update({ where: { id: created.id }, data: { currentRevisionId: lastId } });
  return created;
}

function filesOf(media: Media): string[] {
  return [media.storageKey, ...parseRenditions(media.renditions).map((rendition) => rendition.key)].map((key) =>
    path.join(TEST_UPLOAD_DIR, key),
  );
}

beforeAll(async () => {
  editor = await createCurrentUser(db, "EDITOR", "lib.editor");
  otherEditor = await createCurrentUser(db, "EDITOR", "lib.other");
  columnId = (await db.column.create({ data: { slug: "xianfeng-media", name: "先锋" } })).id;
});

describe("which articles use a photo", () => {
  it("finds a figure at any depth of any revision, a cover now or in a revision, and a portrait", async () => {
    const photo = await upload(editor);
    const unrelated = await upload(editor);
    // Figure only in revision 1, nested in a blockquote; revision 2 dropped it.
    const quoted = await article("quoted", "引用中的图片", [
      { type: "doc", content: [{ type: "blockquote", content: [figure(photo.id)] }] },
      { type: "doc", content: [paragraph("后来删掉了图片")] },
    ]);
    const inList = await article("in-list", "列表中的图片", [
      {
        type: "doc",
        content: [
          { type: "bulletList", content: [{ type: "listItem", content: [paragraph("一"), figure(photo.id)] }] },
        ],
      },
    ]);
    const cover = await article("cover", "封面文章", [{ type: "doc", content: [paragraph("正文")] }], {
      coverId: photo.id,
    });
    const oldCover = await article(
      "old-cover",
      "曾用封面",
      [
        { type: "doc", content: [] },
        { type: "doc", content: [] },
      ],
      {
        metas: [{ coverId: photo.id }, { coverId: null }],
      },
    );
    const profile = await db.profile.create({
      data: { name: "李炯", honour: "上海市优秀党务工作者", portraitId: photo.id },
    });
    const portrait = await article("portrait", "人物文章", [{ type: "doc", content: [paragraph("正文")] }], {
      profileId: profile.id,
    });
    await article("other", "其他文章", [{ type: "doc", content: [figure(unrelated.id)] }]);

    const usages = await mediaUsages(db, photo.id);
    expect(usages).toEqual([
      { kind: "article", id: quoted.id, label: "引用中的图片（第2版）", uses: ["figure"] },
      { kind: "article", id: inList.id, label: "列表中的图片", uses: ["figure"] },
      { kind: "article", id: cover.id, label: "封面文章", uses: ["cover"] },
      { kind: "article", id: oldCover.id, label: "曾用封面（第2版）", uses: ["cover"] },
      { kind: "article", id: portrait.id, label: "人物文章", uses: ["portrait"] },
      { kind: "profile", id: profile.id, label: "李炯", uses: ["portrait"] },
    ]);
    expect(await mediaUsages(db, (await upload(editor)).id)).toEqual([]);
  });

  it("uses the GIN index for the figure lookup", async () => {
    // Planner choices on a tiny table favour a sequential scan; forbid it to see the index is usable.
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT DISTINCT "articleId" FROM "Revision" WHERE manual_revision_media_ids("body") @> jsonb_build_array('x'::text)`,
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("manual_revision_media_ids_idx");
  });
});

describe("deleting a photo", () => {
  it("refuses a photo in use, lists the articles using it, and keeps row and files", async () => {
    const photo = await upload(editor, "在用的图片");
    const used = await article("uses-photo", "使用图片的文章", [{ type: "doc", content: [figure(photo.id)] }]);
    actAs(editor);
    const state = await deleteMediaAction(initialMediaFormState, form({ mediaId: photo.id }));
    expect(state).toMatchObject({ status: "error", code: "CONFLICT", message: mediaText.errors.inUse(1) });
    expect(state.usages).toEqual([{ kind: "article", id: used.id, label: "使用图片的文章", uses: ["figure"] }]);
    expect(await db.media.count({ where: { id: photo.id } })).toBe(1);
    for (const file of filesOf(photo)) expect(existsSync(file)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "media.delete", target: `media:${photo.id}` } })).toBe(0);
  });

  it("deletes an unused photo with all its files, and audits it", async () => {
    const photo = await upload(editor, "不再需要的图片");
    const files = filesOf(photo);
    expect(files.length).toBeGreaterThan(2);
    actAs(editor);
    const state = await deleteMediaAction(initialMediaFormState, form({ mediaId: photo.id }));
    expect(state).toMatchObject({ status: "ok", message: mediaText.library.deleted });
    expect(await db.media.count({ where: { id: photo.id } })).toBe(0);
    for (const file of files) expect(existsSync(file)).toBe(false);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "media.delete", target: `media:${photo.id}` },
    });
    expect(event).toMatchObject({ actorId: editor.id, data: expect.objectContaining({ sha256: photo.sha256 }) });
  });

  it("lets an editor delete only their own uploads", async () => {
    const photo = await upload(editor, "别人的图片");
    actAs(otherEditor);
    expect(await deleteMediaAction(initialMediaFormState, form({ mediaId: photo.id }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    expect(await db.media.count({ where: { id: photo.id } })).toBe(1);
  });

  it("answers a photo that is already gone with NOT_FOUND, and an anonymous caller with UNAUTHENTICATED", async () => {
    actAs(editor);
    expect(
      await deleteMediaAction(initialMediaFormState, form({ mediaId: "00000000-0000-4000-8000-000000000000" })),
    ).toMatchObject({ code: "NOT_FOUND" });
    actAs(null);
    expect(
      await deleteMediaAction(initialMediaFormState, form({ mediaId: "00000000-0000-4000-8000-000000000000" })),
    ).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("deletes the row even when the store cannot remove a file, and reports the file left behind", async () => {
    const photo = await upload(editor, "存储故障");
    const failing: MediaStorage = {
      put: (key, data) => storage.put(key, data),
      get: (key) => storage.get(key),
      remove: async (key) => {
        if (key === photo.storageKey) throw new Error("disk on fire");
        await storage.remove(key);
      },
    };
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await deleteMedia(db, failing, editor, photo.id);
    expect(result.leftoverKeys).toEqual([photo.storageKey]);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(await db.media.count({ where: { id: photo.id } })).toBe(0);
  });

  it("throws MediaInUseError from the command for a photo that is a cover", async () => {
    const photo = await upload(editor, "封面");
    await article("cover-2", "另一篇封面文章", [{ type: "doc", content: [] }], { coverId: photo.id });
    await expect(deleteMedia(db, storage, editor, photo.id)).rejects.toBeInstanceOf(MediaInUseError);
  });
});

describe("editing a photo's details", () => {
  it("saves alt text, caption and credit, and audits before and after", async () => {
    const photo = await upload(otherEditor, "旧的替代文本");
    actAs(editor);
    const state = await updateMediaAction(
      initialMediaFormState,
      form({ mediaId: photo.id, alt: " 新的替代文本 ", caption: "新说明", credit: "张三 摄" }),
    );
    expect(state).toMatchObject({ status: "ok" });
    expect(await db.media.findUniqueOrThrow({ where: { id: photo.id } })).toMatchObject({
      alt: "新的替代文本",
      caption: "新说明",
      credit: "张三 摄",
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "media.update", target: `media:${photo.id}` },
    });
    expect(event.data).toMatchObject({
      before: { alt: "旧的替代文本" },
      after: { alt: "新的替代文本", credit: "张三 摄" },
    });
  });

  it("refuses an empty alt text beside the field, keeping what was typed", async () => {
    const photo = await upload(editor, "有替代文本");
    actAs(editor);
    const state = await updateMediaAction(
      initialMediaFormState,
      form({ mediaId: photo.id, alt: "  ", caption: "说明保留" }),
    );
    expect(state).toMatchObject({
      status: "error",
      code: "VALIDATION",
      fieldErrors: { alt: mediaText.validation.altRequired },
      values: { caption: "说明保留" },
    });
    expect((await db.media.findUniqueOrThrow({ where: { id: photo.id } })).alt).toBe("有替代文本");
  });
});

describe("the library list", () => {
  it("pages newest first with a keyset cursor and searches name, alt text and caption", async () => {
    const all = await listMedia(db, {}, 1000);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listMedia(db, { cursor }, 3);
      seen.push(...page.items.map((item) => item.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((item) => item.id));
    expect(new Set(seen).size).toBe(seen.length);

    await upload(editor, "党支部成立大会", "园区非公企业成立党支部");
    expect((await listMedia(db, { q: "党支部" })).items.map((item) => item.alt)).toEqual(["党支部成立大会"]);
    expect((await listMedia(db, { q: "非公企业" })).items).toHaveLength(1);
    expect((await listMedia(db, { q: "PHOTO-" })).items.length).toBeGreaterThan(1);
    expect((await listMedia(db, { cursor: "garbage" })).items.length).toBe(Math.min(24, all.items.length + 1));
  });
});

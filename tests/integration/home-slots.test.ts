import { setHomeSlots } from "@/lib/home/commands";
import { homeText } from "@/lib/home/messages";
import { homeSlots } from "@/lib/home/queries";
import { homeFormValues, homeSlotsSchema } from "@/lib/home/schemas";
import { testDb } from "../support/factories";
import { makeArticle, makeColumn, makeMedia, makeUser } from "../support/site-fixtures";

const db = testDb();
afterAll(() => db.$disconnect());

let actor: { id: string };
let columnId: string;
let coverId: string;
beforeAll(async () => {
  actor = await makeUser(db, [{ role: "REVIEWER", level: 3 }]);
  columnId = (await makeColumn(db, "要闻")).id;
  coverId = (await makeMedia(db, actor.id)).id;
});

const live = (title: string, cover = true) =>
  makeArticle(db, {
    columnId,
    authorId: actor.id,
    title,
    publishedAt: new Date("2026-11-01T00:00:00Z"),
    coverId: cover ? coverId : undefined,
  });

describe("home-page slots", () => {
  it("shows the chosen headline, focus row and columns in order, and audits the change", async () => {
    const [a, b, c] = [await live("头条稿"), await live("焦点一"), await live("焦点二")];
    const other = await makeColumn(db, "先锋");
    await setHomeSlots(db, actor, { headline: a.id, focus: [c.id, b.id], columns: [other.id, columnId] });
    const slots = await homeSlots(db);
    expect(slots.headline?.title).toBe("头条稿");
    expect(slots.focus.map((item) => item.title)).toEqual(["焦点二", "焦点一"]);
    expect(slots.columns.map((column) => column.name)).toEqual(["先锋", "要闻"]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "homeSlots.update" },
      orderBy: { id: "desc" },
    });
    expect(event.data).toMatchObject({ after: { headline: a.id, focus: [c.id, b.id] } });
  });

  it("refuses unpublished articles and focus articles without a photo", async () => {
    const draft = await makeArticle(db, { columnId, authorId: actor.id, title: "草稿" });
    const noPhoto = await live("无图", false);
    await expect(setHomeSlots(db, actor, { headline: draft.id, focus: [], columns: [] })).rejects.toMatchObject({
      message: homeText.validation.notLive("草稿"),
    });
    await expect(setHomeSlots(db, actor, { headline: null, focus: [noPhoto.id], columns: [] })).rejects.toMatchObject({
      message: homeText.validation.focusNeedsCover("无图"),
    });
  });

  it("drops a withdrawn article at once", async () => {
    const a = await live("将撤稿");
    await setHomeSlots(db, actor, { headline: a.id, focus: [a.id], columns: [] });
    expect((await homeSlots(db)).headline?.id).toBe(a.id);
    await db.article.update({ where: { id: a.id }, data: { withdrawnAt: new Date(), status: "WITHDRAWN" } });
    const slots = await homeSlots(db);
    expect(slots.headline).toBeNull();
    expect(slots.focus).toEqual([]);
  });

  it("reads the form: ordered columns, empty focus slots skipped, duplicates refused", () => {
    const form = new FormData();
    const [x, y] = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"];
    form.set("headline", "");
    form.append("focus", x);
    form.append("focus", "");
    form.set(`column:${x}`, "on");
    form.set(`order:${x}`, "2");
    form.set(`column:${y}`, "on");
    form.set(`order:${y}`, "1");
    expect(homeSlotsSchema.parse(homeFormValues(form))).toEqual({ headline: null, focus: [x], columns: [y, x] });
    form.append("focus", x);
    expect(homeSlotsSchema.safeParse(homeFormValues(form)).error?.issues[0].message).toBe(
      homeText.validation.duplicateFocus,
    );
  });
});

import { createColumn, deleteColumn, moveColumnArticles, reorderColumn, updateColumn } from "@/lib/columns/commands";
import { columnsText } from "@/lib/columns/messages";
import { columnTree, resolveColumnSlug } from "@/lib/columns/queries";
import { createColumnSchema } from "@/lib/columns/schemas";
import { testDb } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

let admin: { id: string };
let sequence = 0;

beforeAll(async () => {
  admin = await db.user.create({
    data: {
      username: "col.admin",
      displayName: "管理员",
      passwordHash: "x",
      mustChangePassword: false,
      roles: { create: [{ role: "ADMIN" }] },
    },
  });
});

function fields(name: string, overrides: Partial<Parameters<typeof createColumn>[2]> = {}) {
  sequence += 1;
  return {
    name,
    slug: `c${sequence}`,
    parentId: null,
    description: "",
    seriesMark: "",
    reviewLevels: 3,
    listStyle: "NEWS_LIST" as const,
    hidden: false,
    ...overrides,
  };
}

async function fullInput(columnId: string) {
  const column = await db.column.findUniqueOrThrow({ where: { id: columnId } });
  const { name, slug, parentId, description, seriesMark, reviewLevels, listStyle, hidden } = column;
  return { columnId, name, slug, parentId, description, seriesMark, reviewLevels, listStyle, hidden };
}

async function makeArticle(columnId: string, status: "DRAFT" | "IN_REVIEW" | "PUBLISHED" = "DRAFT") {
  sequence += 1;
  return db.article.create({ data: { columnId, slug: `a-${sequence}-${Date.now()}`, status, createdById: admin.id } });
}

/** Every parent exists and walking up from any column ends at the root without revisiting a column. */
async function expectValidTree() {
  const rows = await db.column.findMany({ select: { id: true, parentId: true, sortOrder: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of rows) {
    const seen = new Set<string>();
    let cursor: string | null = row.id;
    while (cursor !== null) {
      expect(seen.has(cursor)).toBe(false);
      seen.add(cursor);
      const node = byId.get(cursor);
      expect(node).toBeDefined();
      cursor = node?.parentId ?? null;
    }
  }
  const groups = new Map<string | null, number[]>();
  for (const row of rows) groups.set(row.parentId, [...(groups.get(row.parentId) ?? []), row.sortOrder]);
  for (const orders of groups.values()) expect(new Set(orders).size).toBe(orders.length);
}

const auditOf = (id: string) => db.auditEvent.findMany({ where: { target: `column:${id}` }, orderBy: { id: "asc" } });

/** What the form posts: text fields only. */
function formFields(slug: string) {
  return {
    name: "甲",
    slug,
    parentId: "",
    description: "",
    seriesMark: "【先锋】",
    reviewLevels: "2",
    listStyle: "PROFILE_GRID",
    hidden: "on",
  };
}

describe("column slugs", () => {
  it("accepts lower-case words with hyphens and refuses everything else in Chinese", () => {
    expect(createColumnSchema.safeParse(formFields("dang-jian-2024"))).toMatchObject({
      success: true,
      data: { parentId: null, hidden: true, reviewLevels: 2 },
    });
    for (const slug of ["Xianfeng", "xian feng", "-x", "x-", "x--y", "先锋", "", "a".repeat(65)]) {
      const result = createColumnSchema.safeParse(formFields(slug));
      expect({ slug, ok: result.success }).toEqual({ slug, ok: false });
      if (!result.success) expect(result.error.issues[0].message).toBe(columnsText.validation.slugInvalid);
    }
    const reserved = createColumnSchema.safeParse(formFields("admin"));
    expect(reserved.success).toBe(false);
    if (!reserved.success) expect(reserved.error.issues[0].message).toBe(columnsText.validation.slugReserved("admin"));
  });

  it("refuses a slug another column uses", async () => {
    const first = await createColumn(db, admin, fields("一"));
    const firstSlug = (await db.column.findUniqueOrThrow({ where: { id: first.id } })).slug;
    await expect(createColumn(db, admin, fields("二", { slug: firstSlug }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: columnsText.validation.slugTaken,
      field: "slug",
    });
  });

  it("keeps the old slug redirecting after a change, and lets no other column take it", async () => {
    const { id } = await createColumn(db, admin, fields("先锋", { slug: "xianfeng-old" }));
    await updateColumn(db, admin, { ...(await fullInput(id)), slug: "xianfeng" });

    expect(await resolveColumnSlug(db, "xianfeng-old")).toEqual({ redirectTo: "xianfeng" });
    expect(await resolveColumnSlug(db, "xianfeng")).toMatchObject({ column: { id, name: "先锋" } });
    expect(await resolveColumnSlug(db, "nothing-here")).toBeNull();

    // A second rename: both old slugs lead to the current one.
    await updateColumn(db, admin, { ...(await fullInput(id)), slug: "xianfeng-2" });
    expect(await resolveColumnSlug(db, "xianfeng-old")).toEqual({ redirectTo: "xianfeng-2" });
    expect(await resolveColumnSlug(db, "xianfeng")).toEqual({ redirectTo: "xianfeng-2" });

    await expect(createColumn(db, admin, fields("别的", { slug: "xianfeng-old" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: columnsText.validation.slugRedirecting("先锋"),
    });

    // Taking back its own old slug removes that redirect instead of looping.
    await updateColumn(db, admin, { ...(await fullInput(id)), slug: "xianfeng" });
    expect(await resolveColumnSlug(db, "xianfeng")).toMatchObject({ column: { id } });
    expect(await resolveColumnSlug(db, "xianfeng-2")).toEqual({ redirectTo: "xianfeng" });

    const events = await auditOf(id);
    expect(events.map((event) => event.action)).toEqual([
      "column.create",
      "column.update",
      "column.update",
      "column.update",
    ]);
    expect(events[1].data).toMatchObject({
      before: { slug: "xianfeng-old" },
      after: { slug: "xianfeng" },
      redirectFrom: "xianfeng-old",
    });
  });
});

describe("update categories (更新要求, 网站体检)", () => {
  it("defaults a new column's category by its list style unless one is chosen", async () => {
    const news = await createColumn(db, admin, fields("要闻"));
    const grid = await createColumn(db, admin, fields("先锋", { listStyle: "PROFILE_GRID" }));
    const chosen = await createColumn(db, admin, fields("规划", { updateCategory: "PLANNING" }));
    const categories = async (id: string) => (await db.column.findUniqueOrThrow({ where: { id } })).updateCategory;
    expect([await categories(news.id), await categories(grid.id), await categories(chosen.id)]).toEqual([
      "NEWS",
      "NOTICE",
      "PLANNING",
    ]);
    expect((await auditOf(chosen.id))[0].data).toMatchObject({ after: { updateCategory: "PLANNING" } });
  });

  it("keeps a column's category when the form does not choose one, and takes a chosen one", async () => {
    const { id } = await createColumn(db, admin, fields("通知", { updateCategory: "NOTICE" }));
    await updateColumn(db, admin, { ...(await fullInput(id)), updateCategory: null, description: "改" });
    expect((await db.column.findUniqueOrThrow({ where: { id } })).updateCategory).toBe("NOTICE");
    await updateColumn(db, admin, { ...(await fullInput(id)), updateCategory: "EXEMPT" });
    expect((await db.column.findUniqueOrThrow({ where: { id } })).updateCategory).toBe("EXEMPT");
  });

  it("parses the form's choice and refuses an unknown category in Chinese", () => {
    expect(createColumnSchema.safeParse({ ...formFields("cat-a"), updateCategory: "" })).toMatchObject({
      success: true,
      data: { updateCategory: null },
    });
    expect(createColumnSchema.safeParse({ ...formFields("cat-b"), updateCategory: "NOTICE" })).toMatchObject({
      success: true,
      data: { updateCategory: "NOTICE" },
    });
    const bad = createColumnSchema.safeParse({ ...formFields("cat-c"), updateCategory: "WEEKLY" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].message).toBe(columnsText.validation.updateCategory);
  });
});

describe("the column tree", () => {
  it("moves a column under another and appends it to its new siblings", async () => {
    const parent = await createColumn(db, admin, fields("党建"));
    const a = await createColumn(db, admin, fields("甲", { parentId: parent.id }));
    const b = await createColumn(db, admin, fields("乙"));
    await updateColumn(db, admin, { ...(await fullInput(b.id)), parentId: parent.id });
    const children = await db.column.findMany({ where: { parentId: parent.id }, orderBy: { sortOrder: "asc" } });
    expect(children.map((child) => [child.id, child.sortOrder])).toEqual([
      [a.id, 0],
      [b.id, 1],
    ]);
    await expectValidTree();
  });

  it("refuses to move a column under itself or its own descendant", async () => {
    const top = await createColumn(db, admin, fields("顶"));
    const middle = await createColumn(db, admin, fields("中", { parentId: top.id }));
    const bottom = await createColumn(db, admin, fields("底", { parentId: middle.id }));
    for (const parentId of [top.id, middle.id, bottom.id]) {
      await expect(updateColumn(db, admin, { ...(await fullInput(top.id)), parentId })).rejects.toMatchObject({
        code: "CONFLICT",
        message: columnsText.errors.cycle,
      });
    }
    await expectValidTree();
  });

  it("never forms a cycle when two moves that would close one race", async () => {
    const x = await createColumn(db, admin, fields("X"));
    const y = await createColumn(db, admin, fields("Y"));
    const [inputX, inputY] = [await fullInput(x.id), await fullInput(y.id)];
    const results = await Promise.allSettled([
      updateColumn(db, admin, { ...inputX, parentId: y.id }),
      updateColumn(db, admin, { ...inputY, parentId: x.id }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    await expectValidTree();
  });

  it("reorders siblings with up and down and keeps the order stable", async () => {
    const parent = await createColumn(db, admin, fields("排序"));
    const ids = [];
    for (const name of ["一", "二", "三"])
      ids.push((await createColumn(db, admin, fields(name, { parentId: parent.id }))).id);
    await reorderColumn(db, admin, ids[2], "up");
    const order = async () =>
      (await db.column.findMany({ where: { parentId: parent.id }, orderBy: { sortOrder: "asc" } })).map((c) => c.name);
    expect(await order()).toEqual(["一", "三", "二"]);
    await reorderColumn(db, admin, ids[0], "down");
    expect(await order()).toEqual(["三", "一", "二"]);
    await expect(reorderColumn(db, admin, ids[2], "up")).rejects.toMatchObject({ message: columnsText.errors.edge });
    const tree = (await columnTree(db)).filter((node) => node.row.parentId === parent.id);
    expect(tree.map((node) => [node.row.name, node.index, node.siblings, node.depth])).toEqual([
      ["三", 0, 3, 1],
      ["一", 1, 3, 1],
      ["二", 2, 3, 1],
    ]);
    await expectValidTree();
  });
});

describe("deleting a column", () => {
  it("refuses a column with articles and says how many, then deletes it once they are moved", async () => {
    const full = await createColumn(db, admin, fields("要闻"));
    const other = await createColumn(db, admin, fields("动态"));
    const live = await makeArticle(full.id, "PUBLISHED");
    await makeArticle(full.id);
    await expect(deleteColumn(db, admin, full.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: columnsText.errors.hasArticles(2),
    });
    expect(await db.column.count({ where: { id: full.id } })).toBe(1);

    const result = await moveColumnArticles(db, admin, { columnId: full.id, targetColumnId: other.id });
    expect(result.moved).toHaveLength(2);
    expect(await db.article.count({ where: { columnId: other.id } })).toBe(2);
    expect(result.live).toEqual([]); // published status without a published revision is not live
    expect(live.columnId).toBe(full.id);

    await deleteColumn(db, admin, full.id);
    expect(await db.column.count({ where: { id: full.id } })).toBe(0);
    expect((await auditOf(full.id)).map((event) => event.action)).toEqual([
      "column.create",
      "column.moveArticles",
      "column.delete",
    ]);
  });

  it("refuses to move articles that are in review", async () => {
    const from = await createColumn(db, admin, fields("审核中"));
    const to = await createColumn(db, admin, fields("目标"));
    await makeArticle(from.id, "IN_REVIEW");
    await expect(moveColumnArticles(db, admin, { columnId: from.id, targetColumnId: to.id })).rejects.toMatchObject({
      message: columnsText.errors.articlesBusy(1),
    });
  });

  it("refuses a column with children or scoped reviewers", async () => {
    const parent = await createColumn(db, admin, fields("父"));
    const child = await createColumn(db, admin, fields("子", { parentId: parent.id }));
    await expect(deleteColumn(db, admin, parent.id)).rejects.toMatchObject({
      message: columnsText.errors.hasChildren(1),
    });
    await db.user.create({
      data: {
        username: `rev${sequence}`,
        displayName: "审",
        passwordHash: "x",
        roles: { create: [{ role: "REVIEWER", level: 1, columnId: child.id }] },
      },
    });
    await expect(deleteColumn(db, admin, child.id)).rejects.toMatchObject({
      message: columnsText.errors.hasReviewers(1),
    });
  });
});

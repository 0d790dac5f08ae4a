/**
 * The sensitive-term list: commands, import / export, the checks seeing every change at once, and
 * the server actions and export route as Next calls them (only the session lookup and Next's cache
 * invalidation are replaced).
 */
import { asCurrentUser, createUser, testDb } from "../support/factories";
import { actAs, formData as form } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import {
  createTermAction,
  deleteTermAction,
  importTermsAction,
  previewTermImportAction,
  updateLeadersAction,
} from "@/app/admin/(staff)/terms/actions";
import { POST as exportRoute } from "@/app/admin/(staff)/terms/export/route";
import type { BodyDocument } from "@/lib/articles/body";
import { verifyAuditChain } from "@/lib/audit/verify";
import { checkArticle } from "@/lib/checks";
import { AppError } from "@/lib/errors";
import { initialFormState } from "@/lib/forms/form-state";
import { createTerm, deleteTerm, importTerms, planTermImport, updateLeaders, updateTerm } from "@/lib/terms/commands";
import { formatTermFile } from "@/lib/terms/text-format";

const db = testDb();
afterAll(() => db.$disconnect());

/** The export as the list page's form posts it (same origin), or as another site would. */
const exportTerms = (origin = "http://localhost:3000") =>
  exportRoute(new Request("http://localhost:3000/admin/terms/export", { method: "POST", headers: { origin } }));

const makeUser = (role: "ADMIN" | "SECURITY_ADMIN" | "EDITOR") => createUser(db, role);

const body = (...paragraphs: string[]): BodyDocument => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});
const fields = (
  term: string,
  level: "BLOCK" | "WARN" = "WARN",
  extra: { suggestion?: string; category?: string; exceptions?: string[] } = {},
) => ({
  term,
  level,
  suggestion: extra.suggestion ?? "",
  category: extra.category ?? "",
  exceptions: extra.exceptions ?? [],
});
/** What the audit records of a term: its fields, "only as a whole word" included. */
const audited = (term: ReturnType<typeof fields>) => ({ ...term, wholeWord: false });

describe("term commands", () => {
  it("add, edit and delete a term, each audited, and the checks follow at once", async () => {
    const admin = await makeUser("ADMIN");
    expect((await checkArticle(db, { title: "", body: body("这里有个测试禁词") })).hits).toEqual([]);

    const { id } = await createTerm(db, admin, fields("测试禁词", "BLOCK", { category: "测试" }));
    let result = await checkArticle(db, { title: "", body: body("这里有个测试禁词") });
    expect(result.blocking).toBe(true);
    expect(result.hits.map((hit) => [hit.term, hit.level])).toEqual([["测试禁词", "BLOCK"]]);

    await updateTerm(db, admin, id, fields("测试禁词", "WARN", { suggestion: "测试用语", category: "测试" }));
    result = await checkArticle(db, { title: "", body: body("这里有个测试禁词") });
    expect(result).toEqual({
      blocking: false,
      hits: [expect.objectContaining({ level: "WARN", suggestion: "测试用语" })],
    });

    await deleteTerm(db, admin, id);
    expect((await checkArticle(db, { title: "", body: body("这里有个测试禁词") })).hits).toEqual([]);

    const events = await db.auditEvent.findMany({ where: { target: `term:${id}` }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["term.create", admin.id],
      ["term.update", admin.id],
      ["term.delete", admin.id],
    ]);
    expect(events[1].data).toEqual({
      before: audited(fields("测试禁词", "BLOCK", { category: "测试" })),
      after: audited(fields("测试禁词", "WARN", { suggestion: "测试用语", category: "测试" })),
    });
  });

  it("refuses a duplicate term and a missing one with a Chinese message", async () => {
    const admin = await makeUser("ADMIN");
    await createTerm(db, admin, fields("重复词"));
    await expect(createTerm(db, admin, fields("重复词"))).rejects.toEqual(
      new AppError("CONFLICT", "该词条已存在", "term"),
    );
    await expect(deleteTerm(db, admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sees a change made by another app instance (the version lives in the database)", async () => {
    const admin = await makeUser("ADMIN");
    await checkArticle(db, { title: "别的实例", body: body() });
    // Written straight to the table, as another instance's transaction would be seen from here.
    await db.sensitiveTerm.create({ data: { term: "别的实例", level: "WARN" } });
    expect((await checkArticle(db, { title: "别的实例", body: body() })).hits.map((hit) => hit.term)).toEqual([
      "别的实例",
    ]);
    await createTerm(db, admin, fields("另一个"));
  });

  it("configures leaders and flags a wrong title", async () => {
    const admin = await makeUser("ADMIN");
    await updateLeaders(db, admin, [{ name: "赵六", titles: ["市长"] }]);
    const result = await checkArticle(db, { title: "", body: body("赵六书记主持会议") });
    expect(
      result.hits.filter((hit) => hit.rule === "leaderTitle").map((hit) => [hit.term, hit.suggestion, hit.level]),
    ).toEqual([["赵六书记", "赵六市长", "BLOCK"]]);
    expect(await db.auditEvent.count({ where: { action: "checks.leaders.update", actorId: admin.id } })).toBe(1);
  });
});

describe("term import", () => {
  const file = [
    "# 注释行会被忽略",
    "导入词一\tBLOCK\t替换一\t政治",
    "导入词二\twarn\t\t过时提法",
    "",
    "导入词三\t禁用\t\t\t导入词三号|新导入词三",
    "坏级别\tMAYBE\t\t",
    "只有一列",
    "导入词一\tWARN\t\t",
    `${"长".repeat(101)}\tWARN\t\t`,
    "例外不含词\tWARN\t\t\t别的词语",
  ].join("\n");

  it("previews what would change and reports rejected lines in Chinese, writing nothing", async () => {
    const plan = await planTermImport(db, file);
    expect(plan.created.map((term) => term.term)).toEqual(["导入词一", "导入词二", "导入词三"]);
    expect(plan.created[2]).toEqual(fields("导入词三", "BLOCK", { exceptions: ["导入词三号", "新导入词三"] }));
    expect(plan.rejected.map((line) => [line.line, line.reason])).toEqual([
      [6, "级别只能是 BLOCK（禁用）或 WARN（提示）"],
      [7, expect.stringContaining("列数不对")],
      [8, "与第 2 行的词条重复"],
      [9, "词条不能超过 100 个字符"],
      [10, "例外词「别的词语」必须比词条更长并包含「例外不含词」"],
    ]);
    expect(await db.sensitiveTerm.count({ where: { term: { startsWith: "导入词" } } })).toBe(0);
  });

  it("imports new terms, updates changed ones, keeps the rest, and audits the import once", async () => {
    const admin = await makeUser("ADMIN");
    await createTerm(db, admin, fields("导入词二", "BLOCK", { category: "过时提法" }));
    await createTerm(db, admin, fields("不在文件里"));
    const plan = await importTerms(db, admin, file);
    expect({
      created: plan.created.length,
      updated: plan.updated.length,
      unchanged: plan.unchanged,
      rejected: plan.rejected.length,
    }).toEqual({
      created: 2,
      updated: 1,
      unchanged: 0,
      rejected: 5,
    });
    const stored = await db.sensitiveTerm.findUniqueOrThrow({ where: { term: "导入词二" } });
    expect(stored.level).toBe("WARN");
    expect(await db.sensitiveTerm.count({ where: { term: "不在文件里" } })).toBe(1);
    const [event] = await db.auditEvent.findMany({ where: { action: "term.import", actorId: admin.id } });
    expect(event.data).toEqual(
      expect.objectContaining({
        validLines: 3,
        created: 2,
        updated: 1,
        rejected: 5,
        createdTerms: ["导入词一", "导入词三"],
      }),
    );

    // The same file again changes nothing.
    const again = await importTerms(db, admin, file);
    expect({ created: again.created.length, updated: again.updated.length, unchanged: again.unchanged }).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect((await checkArticle(db, { title: "导入词一", body: body() })).blocking).toBe(true);
  });

  it("refuses a file without a single valid line", async () => {
    const admin = await makeUser("ADMIN");
    await expect(importTerms(db, admin, "# nothing\n\n坏\tMAYBE")).rejects.toMatchObject({
      code: "VALIDATION",
      message: "文件中没有可导入的词条",
    });
  });

  it("exports a file that imports back unchanged", async () => {
    const admin = await makeUser("ADMIN");
    await importTerms(db, admin, file);
    const terms = await db.sensitiveTerm.findMany({
      select: { term: true, level: true, suggestion: true, category: true, exceptions: true },
      orderBy: { term: "asc" },
    });
    const plan = await planTermImport(db, formatTermFile(terms));
    expect({
      created: plan.created.length,
      updated: plan.updated.length,
      rejected: plan.rejected,
      unchanged: plan.unchanged,
    }).toEqual({
      created: 0,
      updated: 0,
      rejected: [],
      unchanged: terms.length,
    });
  });

  it("imports 10,000 terms in one go", async () => {
    const admin = await makeUser("ADMIN");
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `批量${i.toString(36)}词\t${i % 5 === 0 ? "BLOCK" : "WARN"}\t\t批量`,
    );
    const started = Date.now();
    const plan = await importTerms(db, admin, lines.join("\n"));
    expect(plan.created.length).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    const result = await checkArticle(db, { title: "", body: body("文中有批量zz词一处") });
    expect(result.hits.map((hit) => hit.term)).toEqual(["批量zz词"]);
  });
});

describe("term server actions and export route", () => {
  it("refuse an editor and the 系统管理员, and let the 安全管理员 add, delete, preview and import", async () => {
    const editor = await makeUser("EDITOR");
    actAs(asCurrentUser(editor, "EDITOR"));
    expect(await createTermAction(initialFormState, form({ term: "动作词", level: "WARN" }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    expect(await previewTermImportAction("动作词\tWARN")).toMatchObject({
      status: "error",
      message: "您没有执行此操作的权限。",
    });
    expect(await updateLeadersAction(initialFormState, form({ leaders: "某某\t市长" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await exportTerms()).status).toBe(403);
    expect(await db.sensitiveTerm.count({ where: { term: "动作词" } })).toBe(0);

    // The term list is the 安全管理员's (三员分立): the 系统管理员 is refused like the editor.
    actAs(asCurrentUser(await makeUser("ADMIN"), "ADMIN"));
    expect(await createTermAction(initialFormState, form({ term: "动作词", level: "BLOCK" }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    expect(await updateLeadersAction(initialFormState, form({ leaders: "某某\t市长" }))).toMatchObject({
      code: "FORBIDDEN",
    });

    const admin = await makeUser("SECURITY_ADMIN");
    actAs(asCurrentUser(admin, "SECURITY_ADMIN"));
    expect(await createTermAction(initialFormState, form({ term: "", level: "WARN" }))).toMatchObject({
      status: "error",
      fieldErrors: { term: "请填写词条" },
    });
    const created = await createTermAction(
      initialFormState,
      form({ term: "动作词", level: "BLOCK", suggestion: "", category: "测试", exceptions: "动作词组\n新动作词" }),
    );
    expect(created).toMatchObject({ status: "ok", message: "词条已添加" });
    expect(await db.sensitiveTerm.findUniqueOrThrow({ where: { term: "动作词" } })).toMatchObject({
      exceptions: ["动作词组", "新动作词"],
    });

    expect(await previewTermImportAction(`${"很长的词条\tWARN\n".repeat(60_000)}`)).toMatchObject({
      status: "error",
      message: expect.stringContaining("文件过大"),
    });
    const preview = await previewTermImportAction("动作词二\tWARN\n坏行");
    expect(preview).toMatchObject({
      status: "ok",
      total: 1,
      created: 1,
      rejected: [expect.objectContaining({ line: 2 })],
      sample: [expect.objectContaining({ term: "动作词二", change: "created" })],
    });
    expect(await importTermsAction("动作词二\tWARN")).toMatchObject({
      status: "ok",
      message: "导入完成：新增 1 条，更新 0 条",
    });

    // Another site's page cannot make the administrator's browser export (and write an audit event).
    expect((await exportTerms("https://evil.example")).status).toBe(403);
    expect(await db.auditEvent.count({ where: { action: "term.export" } })).toBe(0);
    const response = await exportTerms();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("动作词\tBLOCK\t\t测试\t动作词组|新动作词\n");
    expect(await db.auditEvent.count({ where: { action: "term.export", actorId: admin.id } })).toBe(1);

    expect(await deleteTermAction(initialFormState, form({ id: created.id ?? "" }))).toMatchObject({ status: "ok" });
    expect(await updateLeadersAction(initialFormState, form({ leaders: "没有职务的行" }))).toMatchObject({
      status: "error",
      code: "VALIDATION",
    });
  });

  it("leave an audit chain that verifies", async () => {
    expect(await verifyAuditChain(db)).toEqual(expect.objectContaining({ ok: true }));
  });
});

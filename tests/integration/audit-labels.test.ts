/**
 * What the auditor reads: every code a real run of the editorial workflow writes has a Chinese label,
 * and targets are shown by the names of what they point to, not as `user:<uuid>`.
 */
import { createArticle, restoreRevision, saveArticle } from "@/lib/articles/commands";
import type { BodyDocument } from "@/lib/articles/body";
import { auditActionLabel } from "@/lib/audit/messages";
import { describeTargets } from "@/lib/audit/targets";
import { disableUser } from "@/lib/users/commands";
import { addComment } from "@/lib/workflow/comments";
import { transition } from "@/lib/workflow/transition";
import { asCurrentUser, createUser, testDb } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

const body = (text: string): BodyDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

describe("audit log labels and targets", () => {
  it("labels every code written by drafting, review, publication and account changes, and names the targets", async () => {
    const column = await db.column.create({
      data: { slug: `audit-labels-${Date.now().toString(36)}`, name: "要闻", reviewLevels: 3 },
    });
    const editor = await createUser(db, [{ role: "EDITOR" }], { displayName: "王编辑" });
    const [r1, r2, r3] = await Promise.all([1, 2, 3].map((level) => createUser(db, [{ role: "REVIEWER", level }])));
    const admin = await createUser(db, "ADMIN");
    const fields = {
      title: "全区宣传工作会议召开",
      seriesMark: "",
      columnId: column.id,
      source: "区委宣传部",
      byline: "",
      summary: "",
      lead: "",
      coverId: null,
      profileId: null,
    };
    const created = await createArticle(db, editor, { ...fields, body: body("第一稿。") });
    const articleId = created.articleId;
    const lock = async () =>
      (await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true } })).lockVersion;
    await saveArticle(db, editor, { ...fields, articleId, lockVersion: await lock(), body: body("第二稿。") });
    await restoreRevision(db, editor, { articleId, revisionId: created.revisionId, lockVersion: await lock() });
    await transition(db, editor, { articleId, event: "submit", lockVersion: await lock() });
    await addComment(db, r1, { articleId, body: "请核实数字", quote: "第一稿" });
    await transition(db, r1, { articleId, event: "return", comment: "请修改", lockVersion: await lock() });
    await transition(db, editor, { articleId, event: "submit", lockVersion: await lock() });
    for (const reviewer of [r1, r2, r3])
      await transition(db, reviewer, { articleId, event: "approve", lockVersion: await lock() });
    await transition(db, r3, {
      articleId,
      event: "schedule",
      publishAt: new Date(Date.now() + 86_400_000),
      lockVersion: await lock(),
    });
    await transition(db, r3, { articleId, event: "publish", lockVersion: await lock() });
    await disableUser(db, asCurrentUser(admin, "ADMIN"), editor.id);

    const events = await db.auditEvent.findMany({ select: { action: true, target: true } });
    const codes = [...new Set(events.map((event) => event.action))];
    expect(codes).toEqual(
      expect.arrayContaining([
        "article.save",
        "article.return",
        "article.approve",
        "article.schedule",
        "article.publish",
        "user.disable",
      ]),
    );
    expect(codes.filter((code) => auditActionLabel(code) === code)).toEqual([]);

    const names = await describeTargets(db, [
      `article:${articleId}`,
      `user:${editor.id}`,
      `column:${column.id}`,
      "user:00000000-0000-4000-8000-000000000000",
      "nonsense",
    ]);
    expect(names.get(`article:${articleId}`)).toEqual({ kind: "稿件", name: "全区宣传工作会议召开" });
    expect(names.get(`user:${editor.id}`)).toEqual({ kind: "账户", name: `王编辑（${editor.username}）` });
    expect(names.get(`column:${column.id}`)).toEqual({ kind: "栏目", name: "要闻" });
    expect(names.has("user:00000000-0000-4000-8000-000000000000")).toBe(false);
    expect(names.has("nonsense")).toBe(false);
  });
});

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

// The editor's and the reviewers' server actions end to end through guardedCall / guardedAction:
// the article loaded once for the permission check (articleResource), the Action of each event, the
// refusals as each form shows them.
import { createArticleAction, saveArticleAction } from "@/app/admin/(staff)/articles/actions";
import { approveAction, commentAction, submitAction } from "@/app/admin/(staff)/review/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { articlesText } from "@/lib/articles/messages";
import { workflowText } from "@/lib/workflow/messages";
import { createUser, testDb, type RoleGrant } from "../support/factories";
import { actAs, formData } from "../support/server-action-session";

const db = testDb();
afterAll(() => db.$disconnect());

const signedIn = async (roles: RoleGrant[]): Promise<CurrentUser> => {
  const user = await createUser(db, roles);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId: "test-session",
    mustChangePassword: false,
    mustEnrolTotp: false,
    totpEnabled: true,
    roles: user.roles,
  };
};

const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "第一段。" }] }] };
const fields = (columnId: string) => ({
  title: "化工区党建的拓荒牛",
  seriesMark: "",
  columnId,
  source: "区委组织部",
  byline: "周文",
  summary: "",
  lead: "",
  coverId: null,
  profileId: null,
  body,
});
const MISSING = "00000000-0000-4000-8000-00000000dead";

describe("editorial actions through their guard", () => {
  let editor: CurrentUser;
  let otherEditor: CurrentUser;
  let reviewer1: CurrentUser;
  let reviewer2: CurrentUser;
  let columnId: string;

  beforeAll(async () => {
    editor = await signedIn([{ role: "EDITOR" }]);
    otherEditor = await signedIn([{ role: "EDITOR" }]);
    reviewer1 = await signedIn([{ role: "REVIEWER", level: 1 }]);
    reviewer2 = await signedIn([{ role: "REVIEWER", level: 2 }]);
    columnId = (await db.column.create({ data: { slug: `guarded-${Date.now().toString(36)}`, name: "要闻" } })).id;
  });
  afterEach(() => actAs(null));

  it("creates, saves, submits, comments and approves; refuses the wrong caller at each step", async () => {
    actAs(editor);
    const created = await createArticleAction(fields(columnId));
    if (created.status !== "ok") throw new Error(JSON.stringify(created));
    const { articleId } = created;

    const saveInput = {
      ...fields(columnId),
      articleId,
      lockVersion: created.lockVersion,
      title: "化工区党建的拓荒牛(修订)",
    };
    actAs(otherEditor);
    expect(await saveArticleAction(saveInput)).toMatchObject({ status: "error", code: "FORBIDDEN" });
    actAs(editor);
    expect(await saveArticleAction({ ...saveInput, articleId: MISSING })).toMatchObject({
      status: "error",
      code: "NOT_FOUND",
      message: articlesText.errors.notFound,
    });
    const saved = await saveArticleAction(saveInput);
    if (saved.status !== "ok") throw new Error(JSON.stringify(saved));

    const submitted = await submitAction(
      { status: "idle" },
      formData({ articleId, lockVersion: String(saved.lockVersion) }),
    );
    expect(submitted).toMatchObject({ status: "ok" });
    expect(await submitAction({ status: "idle" }, formData({ articleId: MISSING, lockVersion: "0" }))).toMatchObject({
      status: "error",
      code: "NOT_FOUND",
      message: workflowText.errors.notFound,
    });
    expect(await submitAction({ status: "idle" }, formData({ articleId, lockVersion: "x" }))).toMatchObject({
      status: "error",
      code: "VALIDATION",
      field: "lockVersion",
    });

    actAs(reviewer1);
    expect(await commentAction({ status: "idle" }, formData({ articleId, body: "请核实数据" }))).toMatchObject({
      status: "ok",
    });
    actAs(reviewer2);
    expect(
      await approveAction({ status: "idle" }, formData({ articleId, lockVersion: String(submitted.lockVersion) })),
    ).toMatchObject({ status: "error", code: "FORBIDDEN" });
    actAs(reviewer1);
    expect(
      await approveAction({ status: "idle" }, formData({ articleId, lockVersion: String(submitted.lockVersion) })),
    ).toMatchObject({ status: "ok" });
    expect(await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { reviewLevel: true } })).toEqual({
      reviewLevel: 2,
    });
  });
});

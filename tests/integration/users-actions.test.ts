/**
 * The account-management server actions as Next calls them, against the real database. Only the
 * session lookup is replaced (it needs a request's cookies, which jest has none of) and Next's
 * cache invalidation (which needs a running server); parsing, authorization, commands and audit are real.
 */
import { asCurrentUser, createUser, testDb } from "../support/factories";
import { actAs, formData as form } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

// Imported after the mocks are declared (jest hoists jest.mock above imports).
import { revalidatePath } from "next/cache";
import { createUserAction, disableUserAction } from "@/app/admin/(staff)/users/actions";
import { initialUserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";

const db = testDb();
afterAll(() => db.$disconnect());

const makeUser = (username: string, role: "ADMIN" | "EDITOR") => createUser(db, role, { username });

describe("account-management server actions", () => {
  it("refuse an editor with FORBIDDEN and change nothing", async () => {
    const editor = await makeUser("an.editor", "EDITOR");
    actAs(asCurrentUser(editor, "EDITOR"));
    const state = await createUserAction(
      initialUserFormState,
      form({ username: "sneaky", displayName: "偷偷", roles: ["ADMIN"] }),
    );
    expect(state).toMatchObject({ status: "error", code: "FORBIDDEN" });
    expect(await db.user.count({ where: { username: "sneaky" } })).toBe(0);

    const victim = await makeUser("victim", "EDITOR");
    expect(await disableUserAction(initialUserFormState, form({ userId: victim.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: victim.id } })).status).toBe("ACTIVE");
  });

  it("refuse an anonymous caller", async () => {
    actAs(null);
    const state = await createUserAction(
      initialUserFormState,
      form({ username: "anon.made", displayName: "匿名", roles: ["EDITOR"] }),
    );
    expect(state).toMatchObject({ status: "error", code: "UNAUTHENTICATED" });
    expect(await db.user.count({ where: { username: "anon.made" } })).toBe(0);
  });

  it("return field errors with everything the admin typed", async () => {
    const admin = await makeUser("the.admin", "ADMIN");
    actAs(asCurrentUser(admin, "ADMIN"));
    const state = await createUserAction(
      initialUserFormState,
      form({ username: "Bad Name", displayName: "", accountType: "AUDITOR" }),
    );
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toEqual({
      username: usersText.validation.usernameInvalid,
      displayName: usersText.validation.displayNameRequired,
    });
    expect(state.values).toMatchObject({ username: "Bad Name", displayName: "", accountType: "AUDITOR" });
  });

  it("create an account for an admin, hand back the one-time password and refresh the list", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "the.admin" } });
    actAs(asCurrentUser(admin, "ADMIN"));
    const state = await createUserAction(initialUserFormState, form({ username: "new.editor", displayName: "新编辑" }));
    expect(state).toMatchObject({ status: "ok", username: "new.editor" });
    expect(state.password).toEqual(expect.any(String));
    const created = await db.user.findUniqueOrThrow({ where: { username: "new.editor" }, include: { roles: true } });
    expect(created.roles).toEqual([]);
    expect(revalidatePath).toHaveBeenCalledWith("/admin/users", "layout");
    expect(await db.auditEvent.count({ where: { action: "user.create", actorId: admin.id } })).toBe(1);
  });
});

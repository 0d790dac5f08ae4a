jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());

import { z } from "zod";
import { guardedAction, guardOf } from "@/lib/actions/guarded";
import type { FormState } from "@/lib/forms/form-state";
import { guardedRoute } from "@/lib/actions/guarded-route";
import type { CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { actAs, formData } from "../support/server-action-session";

const editor = {
  id: "00000000-0000-4000-8000-0000000000e1",
  mustChangePassword: false,
  roles: [{ role: "EDITOR", level: null, columnId: null }],
} as unknown as CurrentUser;
const schema = z.object({ name: z.string().min(1, { error: "请填写名称" }) });

describe("guardedAction", () => {
  afterEach(() => actAs(null));

  it("answers invalid input before asking for a session, and runs nothing", async () => {
    const run = jest.fn();
    const action = guardedAction({ action: "media.update", schema, run });
    const state = await action({ status: "idle" }, formData({ name: "" }));
    expect(state).toMatchObject({ status: "error", code: "VALIDATION", fieldErrors: { name: "请填写名称" } });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a caller the table refuses, with the table's Action, and says which Action it guards", async () => {
    const run = jest.fn();
    const action = guardedAction({ action: "column.manage", schema, run });
    actAs(editor);
    expect(await action({ status: "idle" }, formData({ name: "x" }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    actAs(null);
    expect(await action({ status: "idle" }, formData({ name: "x" }))).toMatchObject({
      status: "error",
      code: "UNAUTHENTICATED",
    });
    expect(run).not.toHaveBeenCalled();
    expect(guardOf(action)).toEqual({ kind: "action", action: "column.manage" });
  });

  it("runs the command for an allowed caller, then refreshes; an AppError from the command is a refusal, anything else is rethrown", async () => {
    const refresh = jest.fn();
    actAs(editor);
    const ok = guardedAction({
      action: "media.update",
      schema,
      refresh,
      run: async (input, actor): Promise<FormState> => ({ status: "ok", message: `${input.name} ${actor.id}` }),
    });
    expect(await ok({ status: "idle" }, formData({ name: "x" }))).toEqual({ status: "ok", message: `x ${editor.id}` });
    expect(refresh).toHaveBeenCalledTimes(1);
    const refusing = guardedAction({
      action: "media.update",
      schema,
      run: async (): Promise<FormState> => Promise.reject(new AppError("CONFLICT", "已被修改")),
    });
    expect(await refusing({ status: "idle" }, formData({ name: "x" }))).toMatchObject({
      status: "error",
      code: "CONFLICT",
      message: "已被修改",
    });
    const broken = guardedAction({
      action: "media.update",
      schema,
      run: async (): Promise<FormState> => Promise.reject(new Error("bug")),
    });
    await expect(broken({ status: "idle" }, formData({ name: "x" }))).rejects.toThrow("bug");
  });
});

describe("guardedRoute", () => {
  afterEach(() => actAs(null));
  const site = () => new URL(env().SITE_URL).origin;

  it("answers a request from another site before the session or the body is read", async () => {
    const run = jest.fn();
    actAs(editor);
    const POST = guardedRoute({
      action: "media.upload",
      foreignOrigin: () => new Response("foreign", { status: 403 }),
      run,
    });
    const response = await POST(
      new Request(`${site()}/x`, { method: "POST", headers: { origin: "https://evil.example" } }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("foreign");
    expect(run).not.toHaveBeenCalled();
  });

  it("authorizes a same-origin request with its Action before running it", async () => {
    const POST = guardedRoute({
      action: "media.upload",
      foreignOrigin: () => new Response(null, { status: 403 }),
      run: async (_request, _context, actor) => new Response(actor.id),
    });
    const request = () => new Request(`${site()}/x`, { method: "POST", headers: { origin: site() } });
    expect((await POST(request())).status).toBe(401);
    actAs(editor);
    expect(await (await POST(request())).text()).toBe(editor.id);
    expect(guardOf(POST)).toEqual({ kind: "route", action: "media.upload" });
  });

  it("takes `anonymous` only for an Action the table grants to anyone", () => {
    expect(() =>
      guardedRoute({
        action: "media.upload",
        anonymous: true,
        foreignOrigin: () => new Response(),
        run: async () => new Response(),
      }),
    ).toThrow(/needs a session/);
    expect(() =>
      guardedRoute({
        action: "views.record",
        anonymous: true,
        foreignOrigin: () => new Response(),
        run: async () => new Response(),
      }),
    ).not.toThrow();
  });
});

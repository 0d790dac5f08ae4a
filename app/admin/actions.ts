"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { guardedCall } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logout } from "@/lib/auth/logout";
import { LOGIN_PATH, sessionCookieName, secureCookies } from "@/lib/auth/options";

async function clearCookieAndLeave(): Promise<void> {
  const secure = secureCookies();
  (await cookies()).set(sessionCookieName(secure), "", {
    path: "/",
    maxAge: 0,
    httpOnly: true,
    sameSite: "lax",
    secure,
  });
  redirect(LOGIN_PATH);
}

/**
 * 退出登录: ends the Session row (so the JWT is worthless even if copied), audits it, and clears the
 * cookie. A server action, so Next's Origin check guards it against cross-site posts. An anonymous
 * caller (refused: not signed in) just has the cookie cleared and lands on the login page.
 */
export const logoutAction = guardedCall<undefined, void>({
  action: "auth.logout",
  run: async (_input, user) => {
    await logout(db, user);
    await clearCookieAndLeave();
  },
  refused: async (error) => {
    if (!(error instanceof AppError)) throw error;
    await clearCookieAndLeave();
  },
});

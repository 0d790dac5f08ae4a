"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { logout } from "@/lib/auth/logout";
import { LOGIN_PATH, sessionCookieName, secureCookies } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";

/**
 * 退出登录: ends the Session row (so the JWT is worthless even if copied), audits it, and clears the
 * cookie. A server action, so Next's Origin check guards it against cross-site posts.
 * Guarded as "auth.logout" in GUARDED_ACTIONS; an anonymous caller just lands on the login page.
 */
export async function logoutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await logout(db, user);
  const secure = secureCookies();
  (await cookies()).set(sessionCookieName(secure), "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure });
  redirect(LOGIN_PATH);
}

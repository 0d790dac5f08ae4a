import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { noteRequestUser } from "@/lib/observability/request-context";
import { authText } from "./messages";
import { authOptions, LOGIN_PATH } from "./options";
import { resolveSession, revokeSession, revokeUserSessions, type CurrentUser } from "./session-store";

export type { CurrentUser };
export { revokeSession, revokeUserSessions };

/**
 * The signed-in user of this request, or null. The JWT cookie only names a Session row; that row
 * is checked on every request (revoked, idle > 30 min, older than 12 h, user disabled), so
 * disabling a user or resetting a password ends their session at once. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid || !session.uid) return null;
  const user = await resolveSession(db, session.sid, session.uid);
  noteRequestUser(user?.id); // for the request's log line
  return user;
});

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(LOGIN_PATH);
  return user;
}

/** For server actions and route handlers: the signed-in user, or AppError UNAUTHENTICATED. */
export async function requireUserForAction(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", authText.unauthenticated);
  return user;
}

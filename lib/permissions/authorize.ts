import "server-only";
import { redirect } from "next/navigation";
import { can, FORBIDDEN_MESSAGE, type Action, type PermissionResource } from "./table";
import type { CurrentUser } from "@/lib/auth/session";

/**
 * For server actions and route handlers: the signed-in user, or an AppError — UNAUTHENTICATED without
 * a session, FORBIDDEN when the table says no.
 */
export async function authorize(action: Action, resource?: PermissionResource): Promise<CurrentUser> {
  // Loaded on call so that `@/lib/permissions`, which re-exports this, stays importable without a
  // database or a request (unit tests, the matrix test, build-time scripts).
  const [{ requireUserForAction }, { AppError }] = await Promise.all([import("@/lib/auth/session"), import("@/lib/errors")]);
  const user = await requireUserForAction();
  if (!can(user, action, resource)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  return user;
}

/**
 * For admin pages: the signed-in user (anonymous visitors go to the login page), or a server-side
 * redirect — to the forced password change when that is what stands in the way, otherwise to the
 * dashboard, which explains the refusal. The page renders nothing and reads nothing.
 */
export async function requirePagePermission(action: Action, resource?: PermissionResource): Promise<CurrentUser> {
  const { requireUser } = await import("@/lib/auth/session");
  const user = await requireUser();
  if (can(user, action, resource)) return user;
  if (user.mustChangePassword) redirect("/admin/change-password");
  redirect(`/admin?denied=${encodeURIComponent(action)}`);
}

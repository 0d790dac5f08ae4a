import "server-only";
import { can, FORBIDDEN_MESSAGE, type Action, type PermissionResource } from "./table";

/** The second-factor enrolment page (outside the staff shell, like the forced password change). */
export const TOTP_ENROL_PATH = "/admin/two-factor";
import type { CurrentUser } from "@/lib/auth/session";

/**
 * For server actions and route handlers: the signed-in user, or an AppError — UNAUTHENTICATED without
 * a session, FORBIDDEN when the table says no.
 */
export async function authorize(action: Action, resource?: PermissionResource): Promise<CurrentUser> {
  // Loaded on call so that `@/lib/permissions`, which re-exports this, stays importable without a
  // database or a request (unit tests, the matrix test, build-time scripts).
  const [{ requireUserForAction }, { AppError }] = await Promise.all([
    import("@/lib/auth/session"),
    import("@/lib/errors"),
  ]);
  const user = await requireUserForAction();
  if (!can(user, action, resource)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  return user;
}

/**
 * For admin pages: the signed-in user (anonymous visitors go to the login page), or a server-side
 * redirect — to the forced password change or the second-factor enrolment when that is what stands in the way, otherwise to the
 * dashboard, which explains the refusal. The page renders nothing and reads nothing.
 */
export async function requirePagePermission(action: Action, resource?: PermissionResource): Promise<CurrentUser> {
  // Loaded on call like `authorize`'s: CLIs that check the table (npm run import) run without Next.
  const [{ requireUser }, { redirect }] = await Promise.all([import("@/lib/auth/session"), import("next/navigation")]);
  const user = await requireUser();
  if (can(user, action, resource)) return user;
  if (user.mustChangePassword) return redirect("/admin/change-password");
  if (user.mustEnrolTotp) return redirect(TOTP_ENROL_PATH);
  return redirect(`/admin?denied=${encodeURIComponent(action)}`);
}

import Link from "next/link";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/AdminNav";
import { LogoutButton } from "@/components/admin/LogoutButton";
import { shellText } from "@/components/admin/messages";
import { ADMIN_NAV } from "@/components/admin/nav";
import { Toaster } from "@/components/admin/Toaster";
import { RoleBadges } from "@/components/admin/users/RoleBadges";
import { logoutAction } from "@/app/admin/actions";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { unreadNotificationCount } from "@/lib/notifications/queries";
import { can } from "@/lib/permissions";
import { workflowUi } from "@/lib/workflow/messages";
import { columnNames } from "@/lib/users/queries";

/**
 * The staff shell. It shows only what the user may use, but it is not the guard: Next renders
 * layouts and pages independently, so every page and action checks permissions itself.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const names = await columnNames(
    db,
    user.roles.flatMap((role) => (role.columnId ? [role.columnId] : [])),
  );
  const unread = await unreadNotificationCount(db, user.id);
  const items = ADMIN_NAV.filter((item) => can(user, item.action)).map(({ label, href, available, matchChildren }) => ({
    label,
    href,
    available,
    matchChildren,
  }));

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {shellText.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/admin" className="text-lg font-semibold text-brand-700">
            {shellText.siteName}
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <div className="text-right">
              <div className="text-sm font-medium" data-testid="current-user">
                {user.displayName}
              </div>
              <div className="sr-only">{shellText.rolesLabel}</div>
              <RoleBadges
                roles={user.roles.map((role) => ({
                  ...role,
                  columnName: role.columnId ? names.get(role.columnId) : null,
                }))}
              />
            </div>
            <Link
              href="/admin/notifications"
              className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
              data-testid="notifications-link"
            >
              {workflowUi.notifications.headerLink(unread)}
            </Link>
            <LogoutButton action={logoutAction} />
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="md:w-48 md:shrink-0">
          <AdminNav items={items} />
        </aside>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
      <Toaster />
    </div>
  );
}

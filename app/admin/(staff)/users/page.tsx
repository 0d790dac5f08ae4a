import Link from "next/link";
import { UserPlus } from "lucide-react";
import { EmptyState } from "@/components/admin/EmptyState";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { listHref, Pagination } from "@/components/admin/Pagination";
import { RoleBadges } from "@/components/admin/users/RoleBadges";
import { StatusBadge } from "@/components/admin/users/StatusBadge";
import { UserFilters } from "@/components/admin/users/UserFilters";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, requirePagePermission } from "@/lib/permissions";
import { usersText } from "@/lib/users/messages";
import { isLocked, listUsers } from "@/lib/users/queries";
import { userListQuerySchema, type UserListQuery } from "@/lib/users/schemas";

const t = usersText.ui;

export const metadata = { title: t.title };

function pageHref(query: UserListQuery, page: number): string {
  return listHref("/admin/users", {
    q: query.q,
    role: query.role,
    status: query.status,
    page: page > 1 ? String(page) : undefined,
  });
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePagePermission("user.list");
  const mayCreate = can(me, "user.create");
  const intro = mayCreate ? t.introAdmin : can(me, "user.grantRoles") ? t.introSecurity : t.intro;
  const timeZone = await displayTimeZone();
  const query = userListQuerySchema.parse(await searchParams);
  const { rows, total, page, pageCount } = await listUsers(db, query);
  const filtered = Boolean(query.q || query.role || query.status);
  const now = new Date();

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={intro}>
        {mayCreate && (
          <Link
            href="/admin/users/new"
            className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            <UserPlus aria-hidden className="size-4" />
            {t.newUser}
          </Link>
        )}
      </PageHeader>

      <UserFilters query={query} />

      {rows.length === 0 ? (
        <EmptyState message={filtered ? t.emptyFiltered : t.emptyAll}>
          {!filtered && mayCreate && (
            <Link
              href="/admin/users/new"
              className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t.newUser}
            </Link>
          )}
        </EmptyState>
      ) : (
        <section aria-labelledby="users-total">
          <p id="users-total" className="mb-2 text-sm text-slate-600">
            {t.total(total)}
          </p>
          <ListTable
            columns={[
              { label: t.columns.user },
              { label: t.columns.roles },
              { label: t.columns.status },
              { label: t.columns.lastLogin },
              { label: t.columns.actions, hidden: true },
            ]}
          >
            {rows.map((user) => (
              <tr key={user.id} className="align-top">
                <td className="px-4 py-3">
                  <div className="font-medium text-slate-900">{user.displayName}</div>
                  <div className="font-mono text-xs text-slate-500">{user.username}</div>
                </td>
                <td className="px-4 py-3">
                  <RoleBadges roles={user.roles.map((role) => ({ ...role, columnName: role.column?.name }))} />
                </td>
                <td className="space-y-1 px-4 py-3">
                  <StatusBadge status={user.status} locked={isLocked(user, now)} />
                  {user.mustChangePassword && user.status === "ACTIVE" && (
                    <div className="text-xs text-slate-500">{t.mustChange}</div>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                  {user.lastLoginAt ? formatDateTime(user.lastLoginAt, timeZone) : t.never}
                </td>
                <td className="px-4 py-3 text-right">
                  <Link
                    href={`/admin/users/${user.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {t.edit}
                    <span className="sr-only"> {user.displayName}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page} pageCount={pageCount} hrefFor={(target) => pageHref(query, target)} />
        </section>
      )}
    </div>
  );
}

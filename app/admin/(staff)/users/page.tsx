import Link from "next/link";
import { UserPlus } from "lucide-react";
import { Pagination } from "@/components/admin/Pagination";
import { RoleBadges } from "@/components/admin/users/RoleBadges";
import { StatusBadge } from "@/components/admin/users/StatusBadge";
import { UserFilters } from "@/components/admin/users/UserFilters";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { requirePagePermission } from "@/lib/permissions";
import { usersText } from "@/lib/users/messages";
import { isLocked, listUsers } from "@/lib/users/queries";
import { userListQuerySchema, type UserListQuery } from "@/lib/users/schemas";

const t = usersText.ui;

export const metadata = { title: t.title };

function pageHref(query: UserListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.status) params.set("status", query.status);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/users?${search}` : "/admin/users";
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("user.list");
  const query = userListQuerySchema.parse(await searchParams);
  const { rows, total, page, pageCount } = await listUsers(db, query);
  const filtered = Boolean(query.q || query.role || query.status);
  const now = new Date();

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
        </div>
        <Link
          href="/admin/users/new"
          className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          <UserPlus aria-hidden className="size-4" />
          {t.newUser}
        </Link>
      </header>

      <UserFilters query={query} />

      {rows.length === 0 ? (
        <div className="rounded-xl bg-white p-10 text-center ring-1 ring-slate-200">
          <p className="text-slate-700">{filtered ? t.emptyFiltered : t.emptyAll}</p>
          {!filtered && (
            <Link href="/admin/users/new" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t.newUser}
            </Link>
          )}
        </div>
      ) : (
        <section aria-labelledby="users-total">
          <p id="users-total" className="mb-2 text-sm text-slate-600">
            {t.total(total)}
          </p>
          <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.user}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.roles}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.status}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.lastLogin}</th>
                  <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">{t.columns.actions}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
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
                      {user.mustChangePassword && user.status === "ACTIVE" && <div className="text-xs text-slate-500">{t.mustChange}</div>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t.never}</td>
                    <td className="px-4 py-3 text-right">
                      <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {t.edit}
                        <span className="sr-only"> {user.displayName}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageCount={pageCount} hrefFor={(target) => pageHref(query, target)} />
        </section>
      )}
    </div>
  );
}

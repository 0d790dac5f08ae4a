import Link from "next/link";
import { Search } from "lucide-react";
import { usersText } from "@/lib/users/messages";
import type { UserListQuery } from "@/lib/users/schemas";

const t = usersText.ui;
const fieldClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and works without JavaScript. */
export function UserFilters({ query }: { query: UserListQuery }) {
  const filtered = Boolean(query.q || query.role || query.status);
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="q" className="block text-sm font-medium">
          {t.search}
        </label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t.searchPlaceholder} className={`mt-1 ${fieldClass}`} />
      </div>
      <div>
        <label htmlFor="role" className="block text-sm font-medium">
          {t.roleFilter}
        </label>
        <select id="role" name="role" defaultValue={query.role ?? ""} className={`mt-1 ${fieldClass}`}>
          <option value="">{t.any}</option>
          {(["ADMIN", "EDITOR", "REVIEWER", "AUDITOR"] as const).map((role) => (
            <option key={role} value={role}>
              {usersText.roleLabels[role]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          {t.statusFilter}
        </label>
        <select id="status" name="status" defaultValue={query.status ?? ""} className={`mt-1 ${fieldClass}`}>
          <option value="">{t.any}</option>
          <option value="ACTIVE">{usersText.statusLabels.ACTIVE}</option>
          <option value="LOCKED">{usersText.locked}</option>
          <option value="DISABLED">{usersText.statusLabels.DISABLED}</option>
        </select>
      </div>
      <button type="submit" className="inline-flex items-center gap-1.5 rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900">
        <Search aria-hidden className="size-4" />
        {t.apply}
      </button>
      {filtered && (
        <Link href="/admin/users" className="px-2 py-2 text-sm text-slate-600 underline hover:text-slate-900">
          {t.clear}
        </Link>
      )}
    </form>
  );
}

import { FilterBar, FilterField, filterFieldClass } from "@/components/admin/FilterBar";
import { usersText } from "@/lib/users/messages";
import type { UserListQuery } from "@/lib/users/schemas";

const t = usersText.ui;

export function UserFilters({ query }: { query: UserListQuery }) {
  return (
    <FilterBar clearHref="/admin/users" filtered={Boolean(query.q || query.role || query.status)}>
      <FilterField id="q" label={t.search} grow>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder={t.searchPlaceholder}
          className={filterFieldClass}
        />
      </FilterField>
      <FilterField id="role" label={t.roleFilter}>
        <select id="role" name="role" defaultValue={query.role ?? ""} className={filterFieldClass}>
          <option value="">{t.any}</option>
          {(["ADMIN", "SECURITY_ADMIN", "AUDITOR", "EDITOR", "REVIEWER"] as const).map((role) => (
            <option key={role} value={role}>
              {usersText.roleLabels[role]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="status" label={t.statusFilter}>
        <select id="status" name="status" defaultValue={query.status ?? ""} className={filterFieldClass}>
          <option value="">{t.any}</option>
          <option value="ACTIVE">{usersText.statusLabels.ACTIVE}</option>
          <option value="LOCKED">{usersText.locked}</option>
          <option value="DISABLED">{usersText.statusLabels.DISABLED}</option>
        </select>
      </FilterField>
    </FilterBar>
  );
}

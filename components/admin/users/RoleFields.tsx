import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { usersText } from "@/lib/users/messages";
import { GRANTABLE_ROLES, REVIEWER_LEVELS, reviewerToken } from "@/lib/users/schemas";

const t = usersText.ui;

export interface ColumnChoice {
  id: string;
  name: string;
}

interface Props {
  columns: readonly ColumnChoice[];
  /** Checked plain roles (EDITOR / ADMIN / SECURITY_ADMIN; the auditor role is never granted here). */
  roles: readonly string[];
  /** Checked reviewer assignments as "level:columnId|all" tokens. */
  reviewer: readonly string[];
  error?: string;
}

/**
 * Roles as checkboxes, and reviewer duties as a grid of level × column scope, so every UserRole row a
 * user can hold (初审 for one column, 终审 for all …) is visible and editable without loss.
 */
export function RoleFields({ columns, roles, reviewer, error }: Props) {
  const scopes: { id: string | null; name: string }[] = [{ id: null, name: usersText.allColumns }, ...columns];
  return (
    <fieldset aria-describedby={error ? fieldErrorId("roles") : "roles-help"} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium">{t.roles}</legend>
      <p id="roles-help" className="mt-1 text-sm text-slate-500">
        {t.rolesHelp}
      </p>
      <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        {GRANTABLE_ROLES.map((role) => (
          <label key={role} className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="roles"
              value={role}
              defaultChecked={roles.includes(role)}
              className="size-4 rounded border-slate-300 accent-brand-600"
            />
            {usersText.roleLabels[role]}
          </label>
        ))}
      </div>

      <div className="mt-4 overflow-x-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <caption className="bg-slate-50 px-3 py-2 text-left text-slate-600">
            <span className="font-medium text-slate-900">{t.reviewer}</span> — {t.reviewerHelp}
          </caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t.scope}
              </th>
              {REVIEWER_LEVELS.map((level) => (
                <th key={level} scope="col" className="px-3 py-2 text-center font-medium">
                  {usersText.levelLabels[level]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {scopes.map((scope) => (
              <tr key={scope.id ?? "all"}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {scope.name}
                </th>
                {REVIEWER_LEVELS.map((level) => {
                  const token = reviewerToken(level, scope.id);
                  return (
                    <td key={level} className="px-3 py-2 text-center">
                      <input
                        type="checkbox"
                        name="reviewer"
                        value={token}
                        defaultChecked={reviewer.includes(token)}
                        aria-label={`${usersText.levelLabels[level]} · ${scope.name}`}
                        className="size-4 rounded border-slate-300 accent-brand-600"
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldError inputId="roles" message={error} />
    </fieldset>
  );
}

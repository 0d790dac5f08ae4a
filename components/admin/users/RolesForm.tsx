"use client";

import { useActionState } from "react";
import { toast } from "@/components/admin/toast";
import { initialUserFormState, type UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";
import { RoleFields, type ColumnChoice } from "./RoleFields";

const t = usersText.ui;

type ServerAction = (previous: UserFormState, formData: FormData) => Promise<UserFormState>;

interface Props {
  action: ServerAction;
  userId: string;
  columns: readonly ColumnChoice[];
  initial: { roles: string[]; reviewer: string[] };
}

/**
 * The 安全管理员's role form. A grant of 终审 or an administrator role comes back as "submitted for
 * approval" (a toast), and the checkboxes show what the account holds until a 系统管理员 approves.
 */
export function RolesForm({ action, userId, columns, initial }: Props) {
  const [state, formAction, pending] = useActionState(async (previous: UserFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok" && next.message) toast.success(next.message);
    return next;
  }, initialUserFormState);
  const values = state.status === "error" ? state.values : undefined;
  const list = (value: string | string[] | undefined, fallback: string[]) => (Array.isArray(value) ? value : fallback);

  return (
    <form
      key={state.at ?? 0}
      action={formAction}
      noValidate
      className="space-y-4"
      aria-describedby={state.status === "error" ? "roles-form-error" : undefined}
    >
      {state.status === "error" && state.message && (
        <p
          id="roles-form-error"
          role="alert"
          className="rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-600/20"
        >
          {state.message}
        </p>
      )}
      <input type="hidden" name="userId" value={userId} />
      <RoleFields
        columns={columns}
        roles={list(values?.roles, initial.roles)}
        reviewer={list(values?.reviewer, initial.reviewer)}
        error={state.fieldErrors?.roles}
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t.saving : t.save}
      </button>
    </form>
  );
}

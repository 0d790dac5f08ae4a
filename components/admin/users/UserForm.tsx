"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { toast } from "@/components/admin/toast";
import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { initialUserFormState, type UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";
import { PasswordDialog } from "./PasswordDialog";

const t = usersText.ui;

type ServerAction = (previous: UserFormState, formData: FormData) => Promise<UserFormState>;

interface Props {
  mode: "create" | "edit";
  action: ServerAction;
  initial: { userId?: string; username: string; displayName: string };
}

const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600";

function asText(value: string | string[] | undefined, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

const ACCOUNT_TYPES = ["STAFF", "AUDITOR"] as const;

/**
 * The 系统管理员's form: a new account (name and kind: staff, or an auditor account that waits for a
 * 安全管理员's approval) or a new display name. Roles are the 安全管理员's (RolesForm). On an error it
 * comes back with everything the admin typed.
 */
export function UserForm({ mode, action, initial }: Props) {
  const router = useRouter();
  const [dismissed, setDismissed] = useState<number | undefined>();
  const [state, formAction, pending] = useActionState(async (previous: UserFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok" && next.message && !next.password) toast.success(next.message);
    return next;
  }, initialUserFormState);

  const values = state.status === "error" ? state.values : undefined;
  const errors = state.fieldErrors ?? {};
  const username = asText(values?.username, initial.username);
  const displayName = asText(values?.displayName, initial.displayName);
  const accountType = asText(values?.accountType, "STAFF");
  const showPassword = state.status === "ok" && !!state.password && state.at !== dismissed;

  return (
    <>
      {/* Remount on every answer so the inputs take the values of that answer (React resets forms after an action). */}
      <form
        key={state.at ?? 0}
        action={formAction}
        noValidate
        className="space-y-6"
        aria-describedby={state.status === "error" ? "form-error" : undefined}
      >
        {state.status === "error" && state.message && (
          <p
            id="form-error"
            role="alert"
            className="rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-600/20"
          >
            {state.message}
          </p>
        )}
        {initial.userId && <input type="hidden" name="userId" value={initial.userId} />}

        {mode === "create" ? (
          <div>
            <label htmlFor="username" className="block text-sm font-medium">
              {t.username}
            </label>
            <input
              id="username"
              name="username"
              defaultValue={username}
              autoComplete="off"
              spellCheck={false}
              required
              aria-invalid={errors.username ? true : undefined}
              aria-describedby={errors.username ? fieldErrorId("username") : "username-help"}
              className={`mt-1.5 max-w-sm font-mono ${inputClass}`}
            />
            {errors.username ? (
              <FieldError inputId="username" message={errors.username} />
            ) : (
              <p id="username-help" className="mt-1 text-sm text-slate-500">
                {t.usernameHelp}
              </p>
            )}
          </div>
        ) : (
          <div>
            <span className="block text-sm font-medium">{t.username}</span>
            <p className="mt-1.5 font-mono">{initial.username}</p>
          </div>
        )}

        <div>
          <label htmlFor="displayName" className="block text-sm font-medium">
            {t.displayName}
          </label>
          <input
            id="displayName"
            name="displayName"
            defaultValue={displayName}
            autoComplete="off"
            required
            maxLength={100}
            aria-invalid={errors.displayName ? true : undefined}
            aria-describedby={errors.displayName ? fieldErrorId("displayName") : undefined}
            className={`mt-1.5 max-w-sm ${inputClass}`}
          />
          <FieldError inputId="displayName" message={errors.displayName} />
        </div>

        {mode === "create" && (
          <fieldset>
            <legend className="text-sm font-medium">{t.accountType}</legend>
            <div className="mt-2 space-y-2">
              {ACCOUNT_TYPES.map((type) => (
                <label key={type} className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name="accountType"
                    value={type}
                    defaultChecked={accountType === type}
                    className="mt-0.5 size-4 accent-brand-600"
                  />
                  <span>
                    <span className="font-medium">{t.accountTypes[type].label}</span>
                    <span className="block text-slate-500">{t.accountTypes[type].help}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}

        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? t.saving : mode === "create" ? t.create : t.save}
          </button>
        </div>
      </form>

      {state.password && state.username && (
        <PasswordDialog
          open={showPassword}
          title={t.passwordDialogTitle}
          username={state.username}
          password={state.password}
          onClose={() => {
            setDismissed(state.at);
            toast.success(usersText.toasts.created);
            if (state.userId) router.push(`/admin/users/${state.userId}`);
          }}
        />
      )}
    </>
  );
}

"use client";

import { useActionState } from "react";
import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { initialPasswordFormState, type PasswordFormState } from "@/lib/auth/form-state";
import { authText } from "@/lib/auth/messages";

const t = authText.changePassword;

type Action = (previous: PasswordFormState, formData: FormData) => Promise<PasswordFormState>;
type Field = "currentPassword" | "newPassword" | "confirmPassword";

const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600";

/** Current + new + confirm, with the rules in view. `after="dashboard"` sends the user on when done. */
export function ChangePasswordForm({ action, after }: { action: Action; after?: "dashboard" }) {
  const [state, formAction, pending] = useActionState(action, initialPasswordFormState);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};

  const field = (id: Field, label: string, autoComplete: string, describedBy?: string) => (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={[errors[id] ? fieldErrorId(id) : null, describedBy].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      <FieldError inputId={id} message={errors[id]} />
    </div>
  );

  return (
    <form noValidate action={formAction} className="max-w-md space-y-5">
      {after && <input type="hidden" name="after" value={after} />}
      <div role="status" aria-live="polite">
        {state.status === "ok" && (
          <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-green-600/30">
            {state.message}
          </p>
        )}
        {state.status === "error" && !Object.keys(errors).length && (
          <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700 ring-1 ring-brand-600/30">
            {state.message}
          </p>
        )}
      </div>
      {field("currentPassword", t.current, "current-password")}
      {field("newPassword", t.next, "new-password", "password-rules")}
      <div
        id="password-rules"
        className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
      >
        <p className="font-medium">{t.rulesHeading}</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {t.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </div>
      {field("confirmPassword", t.confirm, "new-password")}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60"
      >
        {pending ? t.submitting : t.submit}
      </button>
    </form>
  );
}

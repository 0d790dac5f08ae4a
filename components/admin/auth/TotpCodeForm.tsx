"use client";

import { useActionState, useEffect } from "react";
import { toast } from "@/components/admin/toast";
import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { initialPasswordFormState, type PasswordFormState } from "@/lib/auth/form-state";
import { authText } from "@/lib/auth/messages";

const t = authText.twoFactor;

type Action = (previous: PasswordFormState, formData: FormData) => Promise<PasswordFormState>;

const inputClass =
  "block w-40 rounded-md border border-slate-300 px-3 py-2 text-lg tracking-widest tabular-nums focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600";

/** One 动态验证码 field and a button: confirms an enrolment or turns the factor off. Success is a toast; a refusal stays by the field. */
export function TotpCodeForm({
  action,
  submit,
  submitting,
  after,
  tone = "primary",
}: {
  action: Action;
  submit: string;
  submitting: string;
  after?: "dashboard";
  tone?: "primary" | "danger";
}) {
  const [state, formAction, pending] = useActionState(action, initialPasswordFormState);
  const error = state.status === "error" ? (state.fieldErrors?.code ?? state.message) : undefined;

  useEffect(() => {
    if (state.status === "ok" && state.message) toast.success(state.message);
  }, [state]);

  return (
    <form noValidate action={formAction} className="space-y-4">
      {after && <input type="hidden" name="after" value={after} />}
      <div className="space-y-1.5">
        <label htmlFor="totp-code" className="block text-sm font-medium">
          {t.code}
        </label>
        <input
          id="totp-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={8}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? fieldErrorId("totp-code") : undefined}
          className={inputClass}
        />
        <FieldError inputId="totp-code" message={error} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-4 py-2 font-medium text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:opacity-60 ${
          tone === "danger"
            ? "bg-slate-700 hover:bg-slate-800 focus-visible:ring-slate-700"
            : "bg-brand-600 hover:bg-brand-700 focus-visible:ring-brand-600"
        }`}
      >
        {pending ? submitting : submit}
      </button>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { createContext, useActionState, useContext, useTransition, type FormEvent, type ReactNode } from "react";
import { toast } from "@/components/admin/toast";
import { fieldErrorId } from "@/components/admin/FieldError";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type ServerAction = (previous: FormState, formData: FormData) => Promise<FormState>;

const FieldErrors = createContext<Record<string, string>>({});

interface Props {
  action: ServerAction;
  children: ReactNode;
  className?: string;
  /** Where to go after a success; `id` is replaced by the answer's id (e.g. a created column). */
  redirectTo?: string;
  /** Ask before submitting (deletions). */
  confirm?: string;
  "aria-label"?: string;
}

/**
 * A form whose server action answers with a FormState: success becomes a toast, refusals a message
 * above the fields and beside them (<FormFieldError/>). Submitted without React's automatic reset,
 * so a refused form keeps what the user typed.
 */
export function ActionForm({ action, children, className, redirectTo, confirm, ...rest }: Props) {
  const router = useRouter();
  const [pendingTransition, startTransition] = useTransition();
  const [state, formAction, pending] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok") {
      if (next.message) toast.success(next.message);
      if (redirectTo) router.push(redirectTo.replace("{id}", next.id ?? ""));
      else router.refresh();
    }
    return next;
  }, initialFormState);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(formData));
  }

  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <FieldErrors.Provider value={errors}>
      <form
        onSubmit={onSubmit}
        noValidate
        className={className}
        aria-busy={pending || pendingTransition}
        aria-label={rest["aria-label"]}
      >
        {state.status === "error" && state.message && (
          <p
            role="alert"
            className="mb-4 rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-600/20"
          >
            {state.message}
          </p>
        )}
        {children}
      </form>
    </FieldErrors.Provider>
  );
}

/** The error of one field, under it; give the input `aria-describedby={fieldErrorId(name)}`. */
export function FormFieldError({ name }: { name: string }) {
  const message = useContext(FieldErrors)[name];
  if (!message) return null;
  return (
    <p id={fieldErrorId(name)} className="mt-1 text-sm text-brand-700">
      {message}
    </p>
  );
}

"use client";

import { ShieldCheck } from "lucide-react";
import { useActionState } from "react";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

interface Props {
  verify: () => Promise<FormState>;
  label: string;
  pendingLabel: string;
}

/** Runs the chain verification and keeps its answer on the page (a pass or the first broken link). */
export function VerifyButton({ verify, label, pendingLabel }: Props) {
  const [state, action, pending] = useActionState(() => verify(), initialFormState);
  return (
    <div className="space-y-2">
      <form noValidate action={action}>
        <button type="submit" disabled={pending} className={primaryButton}>
          <ShieldCheck aria-hidden className="size-4" />
          {pending ? pendingLabel : label}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {state.status !== "idle" && state.message && (
          <p
            className={`rounded-md px-4 py-3 text-sm ring-1 ${state.status === "ok" ? "bg-emerald-50 text-emerald-800 ring-emerald-600/20" : "bg-red-50 text-red-800 ring-red-600/20"}`}
          >
            {state.message}
          </p>
        )}
      </div>
    </div>
  );
}

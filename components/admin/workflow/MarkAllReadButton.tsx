"use client";

import { useActionState } from "react";
import { toast } from "@/components/admin/toast";
import { initialWorkflowFormState, type WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";

type ServerAction = (previous: WorkflowFormState, formData: FormData) => Promise<WorkflowFormState>;

export function MarkAllReadButton({ action }: { action: ServerAction }) {
  const [, formAction, pending] = useActionState(async (previous: WorkflowFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok") toast.success(next.message ?? workflowUi.notifications.markedRead);
    else if (next.message) toast.error(next.message);
    return next;
  }, initialWorkflowFormState);
  return (
    <form noValidate action={formAction}>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {workflowUi.notifications.markAllRead}
      </button>
    </form>
  );
}

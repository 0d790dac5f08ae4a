"use client";

import { useActionState, useRef } from "react";
import { toast } from "@/components/admin/toast";
import { initialWorkflowFormState, type WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";

type ServerAction = (previous: WorkflowFormState, formData: FormData) => Promise<WorkflowFormState>;

const t = workflowUi.comment;

/** A reviewer's 批注 on the current revision, optionally quoting the passage it is about. */
export function CommentForm({ action, articleId }: { action: ServerAction; articleId: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (previous: WorkflowFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok") {
      form.current?.reset();
      toast.success(next.message ?? t.added);
    }
    return next;
  }, initialWorkflowFormState);
  return (
    <form noValidate ref={form} action={formAction} className="space-y-2">
      <input type="hidden" name="articleId" value={articleId} />
      <label className="block text-sm font-medium text-slate-700">
        {t.quote}
        <input
          name="quote"
          maxLength={500}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        {t.body}
        <textarea
          name="body"
          required
          maxLength={2000}
          rows={3}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </label>
      {state.status === "error" && state.message && (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? workflowUi.actions.working : t.submit}
      </button>
    </form>
  );
}

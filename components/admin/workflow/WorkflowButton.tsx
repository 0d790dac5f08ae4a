"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { useLockVersion } from "@/components/admin/articles/LockVersion";
import { initialWorkflowFormState, type WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";

type ServerAction = (previous: WorkflowFormState, formData: FormData) => Promise<WorkflowFormState>;

/** "withdrawal" (定时撤稿) asks for a reason and a time. */
export type WorkflowField = "comment" | "commentOptional" | "reason" | "publishAt" | "withdrawal";

interface Props {
  action: ServerAction;
  articleId: string;
  lockVersion: number;
  label: string;
  confirm: string;
  field?: WorkflowField;
  tone?: "primary" | "danger" | "neutral";
  /** "YYYY-MM-DDTHH:mm" (Asia/Shanghai): the earliest time the schedule picker offers. */
  minLocal?: string;
}

const fieldLabels: Record<WorkflowField, string> = {
  comment: workflowUi.actions.commentRequired,
  commentOptional: workflowUi.actions.commentOptional,
  reason: workflowUi.actions.reason,
  publishAt: workflowUi.actions.publishAt,
  withdrawal: workflowUi.actions.reason,
};

const toneClass = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  danger: "bg-red-700 text-white hover:bg-red-800",
  neutral: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50",
};

/**
 * One workflow step behind a confirmation dialog (with the field the step needs); the outcome is a
 * toast, a refusal (stale version, rule, missing field) stays in the dialog beside what was typed.
 */
export function WorkflowButton({ action, articleId, lockVersion, label, confirm, field, tone = "neutral", minLocal }: Props) {
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(0);
  // On the edit page the form's saves move the lock version; send the one it last saw.
  const lock = useLockVersion(lockVersion);
  // A fresh server render (after any refresh) carries the article's current version.
  useEffect(() => lock.set(lockVersion), [lock, lockVersion]);
  const [state, formAction, pending] = useActionState(async (previous: WorkflowFormState, formData: FormData) => {
    formData.set("lockVersion", String(lock.get()));
    const next = await action(previous, formData);
    if (next.lockVersion !== undefined) lock.set(next.lockVersion);
    if (next.status === "ok") {
      setOpen(false);
      toast.success(next.message ?? label);
    }
    return next;
  }, initialWorkflowFormState);
  const error = state.status === "error" && (state.at ?? 0) > openedAt ? state : null;
  const inputName = field === "commentOptional" ? "comment" : field === "withdrawal" ? "reason" : field;
  const inputId = `wf-${label}-${articleId}`;

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setOpenedAt(Date.now());
      }}
    >
      <AlertDialog.Trigger className={`rounded-md px-4 py-2 text-sm font-medium ${toneClass[tone]}`}>{label}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold">{label}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{confirm}</AlertDialog.Description>
          <form action={formAction} className="mt-4 space-y-4">
            <input type="hidden" name="articleId" value={articleId} />
            {field && inputName && (
              <div>
                <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
                  {fieldLabels[field]}
                </label>
                {field === "publishAt" ? (
                  <input id={inputId} name="publishAt" type="datetime-local" min={minLocal} required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={error?.field === "publishAt" || undefined} />
                ) : (
                  <textarea
                    id={inputId}
                    name={inputName}
                    rows={4}
                    required={field !== "commentOptional"}
                    maxLength={2000}
                    className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                    aria-invalid={error?.field === inputName || undefined}
                  />
                )}
              </div>
            )}
            {field === "withdrawal" && (
              <div>
                <label htmlFor={`${inputId}-at`} className="block text-sm font-medium text-slate-800">
                  {workflowUi.actions.withdrawAt}
                </label>
                <input id={`${inputId}-at`} name="withdrawAt" type="datetime-local" min={minLocal} required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={error?.field === "withdrawAt" || undefined} />
              </div>
            )}
            {error?.message && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {error.message}
              </p>
            )}
            <div className="flex justify-end gap-3">
              <AlertDialog.Cancel className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50">{workflowUi.actions.cancel}</AlertDialog.Cancel>
              <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${toneClass[tone === "neutral" ? "primary" : tone]}`}>
                {pending ? workflowUi.actions.working : label}
              </button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

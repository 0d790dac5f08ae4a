"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { useLockVersion } from "@/components/admin/articles/LockVersion";
import { initialWorkflowFormState, type WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";

type ServerAction = (previous: WorkflowFormState, formData: FormData) => Promise<WorkflowFormState>;

/** "withdrawal" (定时撤稿) asks for a reason and a time; "approveAndSchedule" for an optional comment and a time. */
export type WorkflowField =
  "comment" | "commentOptional" | "reason" | "publishAt" | "withdrawal" | "approveAndSchedule";

interface Props {
  action: ServerAction;
  articleId: string;
  lockVersion: number;
  label: string;
  confirm: string;
  field?: WorkflowField;
  tone?: "primary" | "danger" | "neutral";
  /** "YYYY-MM-DDTHH:mm" in the site's zone: where the schedule picker opens (a hint; the server checks the time). */
  minLocal?: string;
  /** The site's time zone as staff call it (北京时间), beside the times they type. */
  zoneLabel?: string;
}

/** The text box of each field that has one (定时发布 asks for a time only). */
const textLabels: Record<Exclude<WorkflowField, "publishAt">, string> = {
  comment: workflowUi.actions.commentRequired,
  commentOptional: workflowUi.actions.commentOptional,
  reason: workflowUi.actions.reason,
  withdrawal: workflowUi.actions.reason,
  approveAndSchedule: workflowUi.actions.commentOptional,
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
export function WorkflowButton({
  action,
  articleId,
  lockVersion,
  label,
  confirm,
  field,
  tone = "neutral",
  minLocal,
  zoneLabel = "",
}: Props) {
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
  const inputName =
    field === "commentOptional" || field === "approveAndSchedule"
      ? "comment"
      : field === "withdrawal"
        ? "reason"
        : field;
  // The time asked for beside the text (定时撤稿, 通过并定时发布), or alone (定时发布).
  const timeField =
    field === "publishAt" || field === "approveAndSchedule"
      ? "publishAt"
      : field === "withdrawal"
        ? "withdrawAt"
        : null;
  const inputId = `wf-${label}-${articleId}`;

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setOpenedAt(Date.now());
      }}
    >
      <AlertDialog.Trigger className={`rounded-md px-4 py-2 text-sm font-medium ${toneClass[tone]}`}>
        {label}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold">{label}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{confirm}</AlertDialog.Description>
          <form noValidate action={formAction} className="mt-4 space-y-4">
            <input type="hidden" name="articleId" value={articleId} />
            {field && inputName && field !== "publishAt" && (
              <div>
                <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
                  {textLabels[field]}
                </label>
                <textarea
                  id={inputId}
                  name={inputName}
                  rows={4}
                  aria-required={field === "comment" || field === "reason" || field === "withdrawal" || undefined}
                  className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                  aria-invalid={error?.field === inputName || undefined}
                />
              </div>
            )}
            {timeField && (
              <div>
                <label htmlFor={`${inputId}-at`} className="block text-sm font-medium text-slate-800">
                  {timeField === "publishAt"
                    ? workflowUi.actions.publishAt(zoneLabel)
                    : workflowUi.actions.withdrawAt(zoneLabel)}
                </label>
                <input
                  id={`${inputId}-at`}
                  name={timeField}
                  type="datetime-local"
                  min={minLocal}
                  aria-required
                  className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                  aria-invalid={error?.field === timeField || undefined}
                />
              </div>
            )}
            {error?.message && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {error.message}
              </p>
            )}
            <div className="flex justify-end gap-3">
              <AlertDialog.Cancel className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50">
                {workflowUi.actions.cancel}
              </AlertDialog.Cancel>
              <button
                type="submit"
                disabled={pending}
                className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${toneClass[tone === "neutral" ? "primary" : tone]}`}
              >
                {pending ? workflowUi.actions.working : label}
              </button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

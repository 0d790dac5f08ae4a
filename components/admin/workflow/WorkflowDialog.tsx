"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";
import type { WorkflowField } from "./WorkflowButton";
import { toneClass } from "./workflow-tone";

/** The text box of each field that has one (定时发布 asks for a time only). */
const textLabels: Record<Exclude<WorkflowField, "publishAt">, string> = {
  comment: workflowUi.actions.commentRequired,
  commentOptional: workflowUi.actions.commentOptional,
  reason: workflowUi.actions.reason,
  withdrawal: workflowUi.actions.reason,
  approveAndSchedule: workflowUi.actions.commentOptional,
};

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Focus back on the step's button once closed (the dialog has no Radix trigger to return to). */
  returnFocus: () => void;
  formAction: (formData: FormData) => void;
  pending: boolean;
  /** The refusal of a submission made since the dialog was opened. */
  error: WorkflowFormState | null;
  articleId: string;
  label: string;
  confirm: string;
  field?: WorkflowField;
  inputName?: string;
  timeField: "publishAt" | "withdrawAt" | null;
  tone: keyof typeof toneClass;
  minLocal?: string;
  zoneLabel: string;
}

/** WorkflowButton's confirmation, loaded when a step is first chosen; the state stays in the button. */
export function WorkflowDialog({
  open,
  onOpenChange,
  returnFocus,
  formAction,
  pending,
  error,
  articleId,
  label,
  confirm,
  field,
  inputName,
  timeField,
  tone,
  minLocal,
  zoneLabel,
}: Props) {
  const inputId = `wf-${label}-${articleId}`;
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus();
          }}
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none"
        >
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

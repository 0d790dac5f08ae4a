"use client";

import dynamic from "next/dynamic";
import { useActionState, useEffect, useRef, useState } from "react";
import { toast } from "@/components/admin/toast";
import { useLockVersion } from "@/components/admin/articles/LockVersion";
import { initialWorkflowFormState, type WorkflowFormState } from "@/lib/workflow/form-state";
import { toneClass } from "./workflow-tone";

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

/**
 * The confirmation dialog (Radix alert dialog, with its focus trap and scroll lock: about 13 KB gzip)
 * is fetched when a step is first chosen, not with the page: the edit page shows several steps and
 * most views choose none.
 */
const WorkflowDialog = dynamic(() => import("./WorkflowDialog").then((m) => m.WorkflowDialog), { ssr: false });

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
  // Rendered from the first opening on, so the dialog keeps what was typed between openings.
  const [used, setUsed] = useState(false);
  if (open && !used) setUsed(true);
  const button = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-state={open ? "open" : "closed"}
        className={`rounded-md px-4 py-2 text-sm font-medium ${toneClass[tone]}`}
        onClick={() => {
          setOpen(true);
          setOpenedAt(Date.now());
        }}
      >
        {label}
      </button>
      {used && (
        <WorkflowDialog
          open={open}
          onOpenChange={setOpen}
          returnFocus={() => button.current?.focus()}
          formAction={formAction}
          pending={pending}
          error={error}
          articleId={articleId}
          label={label}
          confirm={confirm}
          field={field}
          inputName={inputName}
          timeField={timeField}
          tone={tone}
          minLocal={minLocal}
          zoneLabel={zoneLabel}
        />
      )}
    </>
  );
}

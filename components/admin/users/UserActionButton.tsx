"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { toast } from "@/components/admin/toast";
import { initialUserFormState, type UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";
import { PasswordDialog } from "./PasswordDialog";

type ServerAction = (previous: UserFormState, formData: FormData) => Promise<UserFormState>;

interface Props {
  action: ServerAction;
  /** The id sent as the form field `fieldName` (an account's, or an approval request's). */
  userId: string;
  fieldName?: "userId" | "requestId";
  username: string;
  /** Title of the one-time password dialog, when the operation issues one. */
  passwordTitle?: string;
  text: { label: string; title: string; body: string; confirm: string };
  tone?: "danger" | "neutral";
}

/** One account operation behind a confirmation; the outcome is a toast, a refusal stays in the dialog. */
export function UserActionButton({
  action,
  userId,
  fieldName = "userId",
  username,
  passwordTitle = usersText.ui.resetDialogTitle,
  text,
  tone = "neutral",
}: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [issuedTo, setIssuedTo] = useState(username);
  const [doneMessage, setDoneMessage] = useState<string>(usersText.toasts.reset);
  // A refusal belongs to the attempt it answered: reopening the dialog starts clean.
  const [openedAt, setOpenedAt] = useState(0);
  const [state, formAction, pending] = useActionState(async (previous: UserFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok") {
      setOpen(false);
      if (next.password) {
        setIssuedTo(next.username ?? username);
        setDoneMessage(next.message ?? usersText.toasts.reset);
        setPassword(next.password);
      } else if (next.message) toast.success(next.message);
    }
    return next;
  }, initialUserFormState);

  const danger = tone === "danger";
  const triggerClass = danger
    ? "border-brand-600/40 text-brand-700 hover:bg-brand-50"
    : "border-slate-300 text-slate-800 hover:bg-slate-50";

  return (
    <>
      <AlertDialog.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setOpenedAt(Date.now());
        }}
      >
        <AlertDialog.Trigger className={`rounded-md border px-3 py-1.5 text-sm font-medium ${triggerClass}`}>
          {text.label}
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
          <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
            <AlertDialog.Title className="text-lg font-semibold">{text.title}</AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-slate-600">
              <span className="font-mono text-slate-900">{username}</span> — {text.body}
            </AlertDialog.Description>
            {state.status === "error" && state.message && (state.at ?? 0) > openedAt && (
              <p role="alert" className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
                {state.message}
              </p>
            )}
            <form noValidate action={formAction} className="mt-6 flex justify-end gap-3">
              <input type="hidden" name={fieldName} value={userId} />
              <AlertDialog.Cancel className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50">
                {usersText.ui.cancel}
              </AlertDialog.Cancel>
              <button
                type="submit"
                disabled={pending}
                className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-brand-600 hover:bg-brand-700" : "bg-slate-800 hover:bg-slate-900"}`}
              >
                {pending ? usersText.ui.saving : text.confirm}
              </button>
            </form>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>

      {password && (
        <PasswordDialog
          open
          title={passwordTitle}
          username={issuedTo}
          password={password}
          onClose={() => {
            setPassword(null);
            toast.success(doneMessage);
            // An approval that issued a password left the page as it was (see approvals/actions.ts).
            router.refresh();
          }}
        />
      )}
    </>
  );
}

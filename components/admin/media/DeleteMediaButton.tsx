"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useActionState, useState } from "react";
import { toast } from "@/components/admin/toast";
import { initialMediaFormState, type MediaFormState } from "@/lib/media/form-state";
import { mediaText } from "@/lib/media/messages";

const t = mediaText.library;

type ServerAction = (previous: MediaFormState, formData: FormData) => Promise<MediaFormState>;

/**
 * Delete behind a confirmation. A photo in use is refused by the server, and the dialog then lists
 * the articles and profiles using it, so the editor knows where to replace it first.
 */
export function DeleteMediaButton({ mediaId, name, action }: { mediaId: string; name: string; action: ServerAction }) {
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(0);
  const [state, formAction, pending] = useActionState(async (previous: MediaFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok") {
      setOpen(false);
      if (next.message) toast.success(next.message);
    }
    return next;
  }, initialMediaFormState);
  const refused = state.status === "error" && (state.at ?? 0) > openedAt;

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setOpenedAt(Date.now());
      }}
    >
      <AlertDialog.Trigger className="rounded-md border border-brand-600/40 px-2.5 py-1 text-sm text-brand-700 hover:bg-brand-50">
        {t.delete}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold">{t.deleteTitle}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            <span className="break-all font-medium text-slate-900">{name}</span> — {t.deleteBody}
          </AlertDialog.Description>
          {refused && state.message && (
            <div role="alert" className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
              <p>{state.message}</p>
              {state.usages && state.usages.length > 0 && (
                <>
                  <p className="mt-2 font-medium">{t.usedBy}</p>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="media-usages">
                    {state.usages.map((usage) => (
                      <li key={`${usage.kind}-${usage.id}`}>
                        {usage.kind === "profile" ? (
                          t.profile(usage.label)
                        ) : (
                          <a href={`/admin/articles/${usage.id}`} className="underline underline-offset-2">
                            《{usage.label}》
                          </a>
                        )}
                        <span className="text-slate-600">({usage.uses.map((use) => t.usage[use]).join("、")})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          <form noValidate action={formAction} className="mt-6 flex justify-end gap-3">
            <input type="hidden" name="mediaId" value={mediaId} />
            <AlertDialog.Cancel
              type="button"
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
            >
              {mediaText.uploader.cancel}
            </AlertDialog.Cancel>
            {!(refused && state.code === "CONFLICT") && (
              <button
                type="submit"
                disabled={pending}
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
              >
                {t.confirmDelete}
              </button>
            )}
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

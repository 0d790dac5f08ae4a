"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { toast } from "@/components/admin/toast";
import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { initialMediaFormState, type MediaFormState } from "@/lib/media/form-state";
import { mediaText } from "@/lib/media/messages";
import type { MediaItem } from "@/lib/media/queries";

const t = mediaText.library;
const u = mediaText.uploader;
const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600";

type ServerAction = (previous: MediaFormState, formData: FormData) => Promise<MediaFormState>;

/** Edit a photo's alt text, caption and credit; errors come back beside the fields. */
export function EditMediaDialog({ media, action }: { media: MediaItem; action: ServerAction }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (previous: MediaFormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.status === "ok") {
      setOpen(false);
      if (next.message) toast.success(next.message);
    }
    return next;
  }, initialMediaFormState);

  const values = state.status === "error" ? state.values : undefined;
  const errors = state.fieldErrors ?? {};
  const prefix = `edit-${media.id}`;
  const input = (name: "alt" | "caption" | "credit", label: string, max: number) => (
    <div>
      <label htmlFor={`${prefix}-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${prefix}-${name}`}
        name={name}
        defaultValue={values?.[name] ?? media[name]}
        maxLength={max}
        required={name === "alt"}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? fieldErrorId(`${prefix}-${name}`) : undefined}
        className={inputClass}
      />
      <FieldError inputId={`${prefix}-${name}`} message={errors[name]} />
    </div>
  );

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-50">
        {t.edit}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <Dialog.Title className="text-lg font-semibold">{t.editTitle}</Dialog.Title>
          <Dialog.Description className="mt-1 truncate text-sm text-slate-600">{media.originalName}</Dialog.Description>
          <form key={state.at ?? 0} action={formAction} noValidate className="mt-4 space-y-3">
            <input type="hidden" name="mediaId" value={media.id} />
            {state.status === "error" && state.message && !state.fieldErrors && (
              <p role="alert" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
                {state.message}
              </p>
            )}
            {input("alt", u.alt, 300)}
            {input("caption", u.caption, 300)}
            {input("credit", u.credit, 100)}
            <div className="flex justify-end gap-3 pt-2">
              <Dialog.Close
                type="button"
                className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
              >
                {u.cancel}
              </Dialog.Close>
              <button
                type="submit"
                disabled={pending}
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
              >
                {t.save}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

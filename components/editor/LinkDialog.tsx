"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Link2 } from "lucide-react";
import { useId, useState } from "react";
import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { isAllowedHref } from "@/lib/articles/body/count";
import { articlesText } from "@/lib/articles/messages";

const t = articlesText.editor;

interface Props {
  open: boolean;
  /** The link under the selection, when there is one: shown to edit, and it can be removed. */
  current: string | null;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
}

/**
 * Sets, changes or removes a link (Ctrl+K or the toolbar). Only http(s) and mailto addresses are
 * accepted, as the body schema on the server accepts; a refused address stays in the field with the
 * reason beside it.
 */
export function LinkDialog({ open, current, onApply, onRemove, onClose }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none"
          // The editor takes the focus back itself, with the selection where it was.
          onCloseAutoFocus={(event) => event.preventDefault()}
        >
          <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
            <Link2 aria-hidden className="size-5 text-brand-600" />
            {t.linkTitle}
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{t.linkIntro}</Dialog.Description>
          {/* Mounted while open only, so each opening starts from the current link. */}
          {open && <LinkForm current={current} onApply={onApply} onRemove={onRemove} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function LinkForm({ current, onApply, onRemove }: Pick<Props, "current" | "onApply" | "onRemove">) {
  const id = useId();
  const inputId = `${id}-href`;
  const [href, setHref] = useState(current ?? "https://");
  const [error, setError] = useState("");

  return (
    <form
      noValidate
      className="mt-4 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        // The dialog is portalled, but React still bubbles its submit to the article form around the editor.
        event.stopPropagation();
        const value = href.trim();
        if (!value) setError(t.linkRequired);
        else if (!isAllowedHref(value)) setError(t.linkInvalid);
        else onApply(value);
      }}
    >
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium">
          {t.linkField}
        </label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="url"
          value={href}
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => {
            setHref(event.target.value);
            if (error) setError("");
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? fieldErrorId(inputId) : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600"
        />
        <FieldError inputId={inputId} message={error} />
      </div>
      <div className="flex flex-wrap justify-end gap-3">
        {current && (
          <button
            type="button"
            onClick={onRemove}
            className="mr-auto rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50"
          >
            {t.linkRemove}
          </button>
        )}
        <Dialog.Close
          type="button"
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
        >
          {t.cancel}
        </Dialog.Close>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t.linkApply}
        </button>
      </div>
    </form>
  );
}

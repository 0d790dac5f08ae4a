"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Check, Copy, KeyRound } from "lucide-react";
import { useRef, useState } from "react";
import { usersText } from "@/lib/users/messages";

const t = usersText.ui;

interface Props {
  open: boolean;
  title: string;
  username: string;
  password: string;
  onClose: () => void;
}

/**
 * The one and only time a generated password is visible: it is not stored in clear, so closing this
 * dialog loses it (the admin can reset it again).
 */
export function PasswordDialog({ open, title, username, password, onClose }: Props) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // No clipboard permission (plain HTTP on a LAN address): select it for Ctrl+C instead.
      field.current?.select();
    }
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setCopied(false);
          onClose();
        }
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
            <KeyRound aria-hidden className="size-5 text-brand-600" />
            {title}
          </Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">
            {t.passwordNotice} <strong className="font-medium text-slate-900">{username}</strong>。
          </Dialog.Description>
          <div className="mt-4">
            <label htmlFor="issued-password" className="block text-sm font-medium">
              {t.passwordLabel}
            </label>
            <div className="mt-1.5 flex gap-2">
              <input
                ref={field}
                id="issued-password"
                readOnly
                value={password}
                onFocus={(event) => event.currentTarget.select()}
                className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-base tracking-wide"
              />
              <button
                type="button"
                onClick={copy}
                className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50"
              >
                {copied ? (
                  <Check aria-hidden className="size-4 text-green-700" />
                ) : (
                  <Copy aria-hidden className="size-4" />
                )}
                {copied ? t.copied : t.copy}
              </button>
            </div>
            <p aria-live="polite" className="sr-only">
              {copied ? t.copiedLive : ""}
            </p>
          </div>
          <div className="mt-6 flex justify-end">
            <Dialog.Close className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t.closePassword}
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

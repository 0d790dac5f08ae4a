"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Upload, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { mediaText } from "@/lib/media/messages";
import { MediaUploader } from "./MediaUploader";

const t = mediaText.library;

/** The library's 上传新图片 button: the uploader in a dialog; the grid refreshes after each upload. */
export function LibraryUploader({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        <Upload aria-hidden className="size-4" />
        {t.upload}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <div className="mb-4 flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold">{t.upload}</Dialog.Title>
            <Dialog.Close className="rounded-md p-1 hover:bg-slate-100" aria-label={mediaText.picker.close}>
              <X aria-hidden className="size-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{mediaText.uploader.dropHint}</Dialog.Description>
          <MediaUploader
            maxBytes={maxBytes}
            onUploaded={() => {
              setOpen(false);
              router.refresh();
            }}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { TriangleAlert } from "lucide-react";
import { DiffView } from "@/components/admin/articles/DiffView";
import { articlesText } from "@/lib/articles/messages";
import type { VersionDiff } from "@/lib/articles/version-diff";

const t = articlesText.ui.conflict;

interface Props {
  open: boolean;
  /** Saved version (left) against the staff member's unsaved one (right). */
  diff: VersionDiff | null;
  savedBy: string;
  savedAt: string;
  onKeepMine: () => void;
  onKeepTheirs: () => void;
  onClose: () => void;
}

/**
 * Shown when a save was refused because a newer version had been saved meanwhile. Both versions are
 * kept until the staff member chooses: keeping theirs discards the unsaved edits, keeping mine saves
 * them over the newer version (which stays in the revision history).
 */
export function ConflictDialog({ open, diff, savedBy, savedAt, onKeepMine, onKeepTheirs, onClose }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-5xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
            <TriangleAlert aria-hidden className="size-5 text-amber-600" />
            {t.title}
          </Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{t.intro}</Dialog.Description>
          <div className="mt-4 flex-1 overflow-y-auto">
            {diff && <DiffView diff={diff} leftLabel={t.theirs(savedBy, savedAt)} rightLabel={t.mine} />}
          </div>
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50">
              {t.close}
            </Dialog.Close>
            <button
              type="button"
              onClick={onKeepTheirs}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
            >
              {t.keepTheirs}
            </button>
            <button
              type="button"
              onClick={onKeepMine}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t.keepMine}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

"use client";

import { History } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/admin/toast";
import { restoreRevisionAction } from "@/app/admin/(staff)/articles/actions";
import { articlesText } from "@/lib/articles/messages";
import { useLockVersion } from "./LockVersion";

/** Saves an old revision's content as a new revision, then reloads the form with it. */
export function RestoreButton({
  articleId,
  revisionId,
  number,
  lockVersion,
}: {
  articleId: string;
  revisionId: string;
  number: number;
  lockVersion: number;
}) {
  const router = useRouter();
  const current = useLockVersion(lockVersion);
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        if (!window.confirm(articlesText.ui.restoreConfirm(number))) return;
        start(async () => {
          const result = await restoreRevisionAction({ articleId, revisionId, lockVersion: current.get() });
          if (result.status === "ok") {
            toast.success(articlesText.toasts.restored(result.revisionNumber));
            router.replace(`/admin/articles/${articleId}?restored=${result.revisionNumber}`);
            router.refresh();
          } else {
            toast.error(result.message);
          }
        });
      }}
      className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-50"
    >
      <History aria-hidden className="size-3.5" />
      {articlesText.ui.restore}
    </button>
  );
}

import { clsx } from "clsx";
import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import { articlesText } from "@/lib/articles/messages";

const STYLES: Record<ArticleStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-300",
  IN_REVIEW: "bg-amber-50 text-amber-800 ring-amber-300",
  APPROVED: "bg-sky-50 text-sky-800 ring-sky-300",
  SCHEDULED: "bg-indigo-50 text-indigo-800 ring-indigo-300",
  PUBLISHED: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  WITHDRAWN: "bg-red-50 text-red-800 ring-red-300",
};

/** The workflow state, with the level an article waits at while in review, and whether a version is live. */
export function ArticleStatusBadge({
  status,
  reviewLevel,
  live,
}: {
  status: ArticleStatus;
  reviewLevel?: number | null;
  live?: boolean;
}) {
  const level = status === "IN_REVIEW" && reviewLevel ? `·${articlesText.levelLabels[reviewLevel] ?? reviewLevel}` : "";
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span
        className={clsx(
          "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
          STYLES[status],
        )}
      >
        {articlesText.statusLabels[status]}
        {level}
      </span>
      {live && status !== "PUBLISHED" && (
        <span className="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-300">
          {articlesText.ui.published}
        </span>
      )}
    </span>
  );
}

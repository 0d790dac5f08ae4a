import { formatDateTime } from "@/lib/format/date";
import { workflowText, workflowUi } from "@/lib/workflow/messages";
import type { ReviewNotes as Notes } from "@/lib/workflow/queries";
import { quotedPassages } from "@/lib/workflow/quotes";

const t = workflowUi.notes;

/** The latest 退回意见 and 批注, at the top of the edit page (the timeline further down keeps them all). */
export function ReviewNotes({ notes, timeZone }: { notes: Notes; timeZone: string }) {
  const { returned, comments } = notes;
  if (!returned && comments.length === 0) return null;
  const quoted =
    comments.some((comment) => comment.quote.trim()) ||
    (returned !== null && quotedPassages(returned.comment).length > 0);
  return (
    <section
      aria-labelledby="review-notes-title"
      data-testid="review-notes"
      className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="review-notes-title" className="text-base font-semibold text-amber-900">
        {t.title}
      </h2>
      {returned && (
        <div role="note" data-testid="return-reason">
          <p className="text-xs text-amber-800">
            {t.returned(
              workflowText.levelLabels[returned.level] ?? String(returned.level),
              returned.reviewer,
              formatDateTime(returned.at, timeZone),
              returned.revisionNumber,
            )}
          </p>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900">{returned.comment}</p>
        </div>
      )}
      {quoted && <p className="text-xs text-slate-600">{t.quoteMarked}</p>}
      {comments.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-amber-900">{t.comments}</h3>
          <ul className="mt-1 space-y-2">
            {comments.map((comment) => (
              <li key={comment.id} className="text-sm">
                <p className="text-xs text-slate-600">
                  {t.comment(comment.author, formatDateTime(comment.at, timeZone), comment.revisionNumber)}
                </p>
                {comment.quote ? (
                  <blockquote className="review-quote-source border-l-2 border-blue-600 pl-2 text-slate-700">
                    {comment.quote}
                  </blockquote>
                ) : null}
                <p className="whitespace-pre-wrap text-slate-900">{comment.body}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

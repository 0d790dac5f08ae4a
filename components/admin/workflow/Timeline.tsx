import { formatDateTime } from "@/lib/format/date";
import { workflowText, workflowUi } from "@/lib/workflow/messages";
import type { TimelineEntry } from "@/lib/workflow/queries";

const t = workflowUi.timeline;

/** An article's history, newest first: revisions, reviews, comments, publication, withdrawal, jobs. */
export function Timeline({ entries, timeZone }: { entries: readonly TimelineEntry[]; timeZone: string }) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="timeline-title" className="text-base font-semibold">
        {t.title}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t.empty}</p>
      ) : (
        <ol className="mt-3 space-y-3 border-l border-slate-200 pl-4" data-testid="timeline">
          {entries.map((entry, index) => (
            <li key={`${entry.kind}-${entry.at.getTime()}-${index}`} className="text-sm">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <time dateTime={entry.at.toISOString()} className="text-xs text-slate-500">
                  {formatDateTime(entry.at, timeZone)}
                </time>
                <span className="font-medium">
                  {t.labels[entry.kind]}
                  {entry.level ? `(${workflowText.levelLabels[entry.level] ?? entry.level})` : ""}
                </span>
                {entry.revisionNumber ? (
                  <span className="text-xs text-slate-500">{workflowUi.comment.onRevision(entry.revisionNumber)}</span>
                ) : null}
                <span className="text-slate-600">{entry.who || (entry.kind === "job" ? t.system : "")}</span>
              </div>
              {entry.job ? (
                <p className="text-slate-600">
                  {t.jobStatus[entry.job.status] ?? entry.job.status} · {formatDateTime(entry.job.runAt, timeZone)}
                  {entry.job.attempts > 1 ? ` · ${entry.job.attempts}` : ""}
                </p>
              ) : null}
              {entry.scheduledFor ? (
                <p className="text-slate-600" data-testid="timeline-scheduled-for">
                  {t.scheduledFor(formatDateTime(entry.scheduledFor, timeZone))}
                </p>
              ) : null}
              {entry.detail ? <p className="whitespace-pre-wrap text-slate-700">{entry.detail}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

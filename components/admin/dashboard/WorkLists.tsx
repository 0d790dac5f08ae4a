import Link from "next/link";
import type { ReactNode } from "react";
import { dashboardText as t } from "@/lib/dashboard/messages";
import type { MyArticle, PublishedItem, QueueItem } from "@/lib/dashboard/queries";
import { formatDateTime } from "@/lib/format/date";
import { publicUrls } from "@/lib/public/urls";

export interface JobItem {
  id: string;
  kind: "PUBLISH" | "UNPUBLISH";
  status: "PENDING" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";
  runAt: Date;
  title: string;
  columnName: string;
  articleId: string;
}

interface Props {
  now: Date;
  /** The site's time zone (site setting) for the dates shown. */
  timeZone: string;
  /** Where an article's admin page is, or null while that page does not exist. */
  articleHref: ((id: string) => string) | null;
  /** Where an article's review page is, or null while that page does not exist. */
  reviewHref: ((id: string) => string) | null;
  drafts?: { drafts: MyArticle[]; returned: MyArticle[] };
  queue?: QueueItem[];
  recent?: PublishedItem[];
  jobs?: JobItem[];
}

function Panel({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
      <h2 id={id} className="mb-3 flex items-center gap-2 text-lg font-semibold">
        {title}
        {count !== undefined && <span className="rounded-full bg-slate-100 px-2 text-sm font-normal tabular-nums text-slate-700">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

function Title({ id, title, href }: { id: string; title: string; href: ((id: string) => string) | null }) {
  const text = title || t.untitled;
  return href ? (
    <Link href={href(id)} className="font-medium text-brand-700 hover:underline">
      {text}
    </Link>
  ) : (
    <span className="font-medium">{text}</span>
  );
}

/** What waits for this user: their drafts and returned articles, their review queue, jobs, recent publications. */
export function WorkLists({ now, timeZone, articleHref, reviewHref, drafts, queue, recent, jobs }: Props) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {queue && (
        <Panel id="queue-heading" title={t.queue} count={queue.length}>
          {queue.length === 0 ? (
            <p className="text-sm text-slate-600">{t.noQueue}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {queue.map((item) => (
                <li key={item.id} className="py-2">
                  <Title id={item.id} title={item.title} href={reviewHref} />
                  <p className="text-xs text-slate-500">
                    {item.columnName} · {t.levelNames[item.level] ?? item.level} · {item.authorName} ·{" "}
                    <span className={now.getTime() - item.waitingSince.getTime() > 86_400_000 ? "font-medium text-amber-800" : undefined}>
                      {t.waiting} {t.age((now.getTime() - item.waitingSince.getTime()) / 1000)}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      )}
      {drafts && (
        <>
          <Panel id="returned-heading" title={t.returned} count={drafts.returned.length}>
            {drafts.returned.length === 0 ? (
              <p className="text-sm text-slate-600">{t.noReturned}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {drafts.returned.map((item) => (
                  <li key={item.id} className="py-2">
                    <Title id={item.id} title={item.title} href={articleHref} />
                    <p className="text-xs text-slate-500">
                      {item.columnName} · {t.returnedAt} {item.returnedAt ? formatDateTime(item.returnedAt, timeZone) : ""}
                    </p>
                    {item.returnComment && <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">{item.returnComment}</p>}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel id="drafts-heading" title={t.myDrafts} count={drafts.drafts.length}>
            {drafts.drafts.length === 0 ? (
              <p className="text-sm text-slate-600">{t.noDrafts}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {drafts.drafts.map((item) => (
                  <li key={item.id} className="py-2">
                    <Title id={item.id} title={item.title} href={articleHref} />
                    <p className="text-xs text-slate-500">
                      {item.columnName} · {t.updated} {formatDateTime(item.updatedAt, timeZone)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
      {jobs && (
        <Panel id="jobs-heading" title={t.jobs} count={jobs.length}>
          {jobs.length === 0 ? (
            <p className="text-sm text-slate-600">{t.noJobs}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {jobs.map((job) => (
                <li key={job.id} className="py-2">
                  <Title id={job.articleId} title={job.title} href={articleHref} />
                  <p className="text-xs text-slate-500">
                    {t.jobKinds[job.kind]} · {formatDateTime(job.runAt, timeZone)} · <span className={job.status === "FAILED" ? "font-medium text-brand-700" : undefined}>{t.jobStatus[job.status]}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      )}
      {recent && (
        <Panel id="recent-heading" title={t.recent}>
          {recent.length === 0 ? (
            <p className="text-sm text-slate-600">{t.noRecent}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {recent.map((item) => (
                <li key={item.id} className="py-2">
                  <a href={publicUrls.article(item.slug)} className="font-medium text-brand-700 hover:underline">
                    {item.title || t.untitled}
                  </a>
                  <p className="text-xs text-slate-500">
                    {item.columnName} · {formatDateTime(item.publishedAt, timeZone)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      )}
    </div>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { dashboardText as t } from "@/lib/dashboard/messages";
import type { MyArticle, PublishedItem, QueueItem } from "@/lib/dashboard/queries";
import { formatDateTime } from "@/lib/format/date";
import { publicUrls } from "@/lib/urls";

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
        {count !== undefined && (
          <span className="rounded-full bg-slate-100 px-2 text-sm font-normal tabular-nums text-slate-700">
            {count}
          </span>
        )}
      </h2>
      {children}
    </section>
  );
}

/** A panel listing `items`, or saying `empty` when there are none. */
function ListPanel<T extends { id: string }>(props: {
  id: string;
  title: string;
  items: readonly T[];
  empty: string;
  counted?: boolean;
  children: (item: T) => ReactNode;
}) {
  return (
    <Panel id={props.id} title={props.title} count={props.counted === false ? undefined : props.items.length}>
      {props.items.length === 0 ? (
        <p className="text-sm text-slate-600">{props.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {props.items.map((item) => (
            <li key={item.id} className="py-2">
              {props.children(item)}
            </li>
          ))}
        </ul>
      )}
    </Panel>
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
        <ListPanel id="queue-heading" title={t.queue} items={queue} empty={t.noQueue}>
          {(item) => (
            <>
              <Title id={item.id} title={item.title} href={reviewHref} />
              <p className="text-xs text-slate-500">
                {item.columnName} · {t.levelNames[item.level] ?? item.level} · {item.authorName} ·{" "}
                <span
                  className={
                    now.getTime() - item.waitingSince.getTime() > 86_400_000 ? "font-medium text-amber-800" : undefined
                  }
                >
                  {t.waiting} {t.age((now.getTime() - item.waitingSince.getTime()) / 1000)}
                </span>
              </p>
            </>
          )}
        </ListPanel>
      )}
      {drafts && (
        <>
          <ListPanel id="returned-heading" title={t.returned} items={drafts.returned} empty={t.noReturned}>
            {(item) => (
              <>
                <Title id={item.id} title={item.title} href={articleHref} />
                <p className="text-xs text-slate-500">
                  {item.columnName} · {t.returnedAt} {item.returnedAt ? formatDateTime(item.returnedAt, timeZone) : ""}
                </p>
                {item.returnComment && (
                  <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">{item.returnComment}</p>
                )}
              </>
            )}
          </ListPanel>
          <ListPanel id="drafts-heading" title={t.myDrafts} items={drafts.drafts} empty={t.noDrafts}>
            {(item) => (
              <>
                <Title id={item.id} title={item.title} href={articleHref} />
                <p className="text-xs text-slate-500">
                  {item.columnName} · {t.updated} {formatDateTime(item.updatedAt, timeZone)}
                </p>
              </>
            )}
          </ListPanel>
        </>
      )}
      {jobs && (
        <ListPanel id="jobs-heading" title={t.jobs} items={jobs} empty={t.noJobs}>
          {(job) => (
            <>
              <Title id={job.articleId} title={job.title} href={articleHref} />
              <p className="text-xs text-slate-500">
                {t.jobKinds[job.kind]} · {formatDateTime(job.runAt, timeZone)} ·{" "}
                <span className={job.status === "FAILED" ? "font-medium text-brand-700" : undefined}>
                  {t.jobStatus[job.status]}
                </span>
              </p>
            </>
          )}
        </ListPanel>
      )}
      {recent && (
        <ListPanel id="recent-heading" title={t.recent} items={recent} empty={t.noRecent} counted={false}>
          {(item) => (
            <>
              <a href={publicUrls.article(item.slug)} className="font-medium text-brand-700 hover:underline">
                {item.title || t.untitled}
              </a>
              <p className="text-xs text-slate-500">
                {item.columnName} · {formatDateTime(item.publishedAt, timeZone)}
              </p>
            </>
          )}
        </ListPanel>
      )}
    </div>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/admin/EmptyState";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requirePagePermission } from "@/lib/permissions";
import { workflowUi } from "@/lib/workflow/messages";
import { reviewQueue } from "@/lib/workflow/queries";

const t = workflowUi.queue;

export const metadata = { title: t.title };

export default async function ReviewQueuePage() {
  const user = await requirePagePermission("review.queue");
  const timeZone = await displayTimeZone();
  const items = await reviewQueue(db, user);

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro} />
      {items.length === 0 ? (
        <EmptyState message={t.empty} />
      ) : (
        <ListTable
          columns={[
            { label: t.columns.title },
            { label: t.columns.column },
            { label: t.columns.stage },
            { label: t.columns.author },
            { label: t.columns.waiting },
          ]}
          testId="review-queue"
        >
          {items.map((item) => (
            <tr key={item.id}>
              <td className="px-4 py-2">
                <Link href={`/admin/review/${item.id}`} className="font-medium text-brand-700 hover:underline">
                  {item.title}
                </Link>
              </td>
              <td className="px-4 py-2">{item.columnName}</td>
              <td className="px-4 py-2">
                {t.stage(item.status, item.reviewLevel)}
                {item.publishAt ? (
                  <span className="block text-xs text-slate-500">{formatDateTime(item.publishAt, timeZone)}</span>
                ) : null}
              </td>
              <td className="px-4 py-2">{item.authorName}</td>
              <td className="px-4 py-2">
                <time dateTime={item.waitingSince.toISOString()} title={formatDateTime(item.waitingSince, timeZone)}>
                  {t.waitingFor(item.waitingMs)}
                </time>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}

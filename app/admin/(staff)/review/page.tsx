import Link from "next/link";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { requirePagePermission } from "@/lib/permissions";
import { workflowUi } from "@/lib/workflow/messages";
import { reviewQueue } from "@/lib/workflow/queries";

const t = workflowUi.queue;

export const metadata = { title: t.title };

export default async function ReviewQueuePage() {
  const user = await requirePagePermission("review.queue");
  const items = await reviewQueue(db, user);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
      </header>
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">{t.empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="review-queue">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">{t.columns.title}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t.columns.column}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t.columns.stage}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t.columns.author}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t.columns.waiting}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
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
                    {item.publishAt ? <span className="block text-xs text-slate-500">{formatDateTime(item.publishAt)}</span> : null}
                  </td>
                  <td className="px-4 py-2">{item.authorName}</td>
                  <td className="px-4 py-2">
                    <time dateTime={item.waitingSince.toISOString()} title={formatDateTime(item.waitingSince)}>
                      {t.waitingFor(item.waitingMs)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/admin/EmptyState";
import { PageHeader } from "@/components/admin/PageHeader";
import { MarkAllReadButton } from "@/components/admin/workflow/MarkAllReadButton";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { isNotificationKind, notificationKindLabels } from "@/lib/notifications/kinds";
import { listNotifications } from "@/lib/notifications/queries";
import { requirePagePermission } from "@/lib/permissions";
import { workflowUi } from "@/lib/workflow/messages";
import { markAllReadAction } from "./actions";

const t = workflowUi.notifications;

export const metadata = { title: t.title };

export default async function NotificationsPage() {
  const user = await requirePagePermission("notification.read");
  const timeZone = await displayTimeZone();
  const { rows } = await listNotifications(db, user.id);
  const unread = rows.some((row) => row.readAt === null);

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro}>
        {unread && <MarkAllReadButton action={markAllReadAction} />}
      </PageHeader>
      {rows.length === 0 ? (
        <EmptyState message={t.empty} />
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="notifications"
        >
          {rows.map((row) => (
            <li
              key={row.id}
              className={`flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 text-sm ${row.readAt ? "text-slate-600" : "font-medium"}`}
            >
              {!row.readAt && (
                <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">{t.unread}</span>
              )}
              <span className="text-xs text-slate-500">
                {isNotificationKind(row.kind) ? notificationKindLabels[row.kind] : row.kind}
              </span>
              {row.link ? (
                <Link href={row.link} className="text-brand-700 hover:underline">
                  {row.title}
                </Link>
              ) : (
                <span>{row.title}</span>
              )}
              <time dateTime={row.createdAt.toISOString()} className="ml-auto text-xs text-slate-500">
                {formatDateTime(row.createdAt, timeZone)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

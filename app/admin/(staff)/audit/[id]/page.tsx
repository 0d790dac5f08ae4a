import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { auditActionLabel, auditText } from "@/lib/audit/messages";
import { getAuditEvent } from "@/lib/audit/queries";
import { describeTargets } from "@/lib/audit/targets";
import { AuditTarget } from "@/components/admin/audit/AuditTarget";
import { db } from "@/lib/db";
import { positiveBigint } from "@/lib/http/params";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requirePagePermission } from "@/lib/permissions";

const t = auditText.ui;

export const metadata = { title: t.title };

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("audit.read");
  const timeZone = await displayTimeZone();
  const { id } = await params;
  const eventId = positiveBigint(id);
  if (eventId === null) notFound();
  const event = await getAuditEvent(db, eventId);
  if (!event) notFound();
  const f = t.fields;
  const target = (await describeTargets(db, [event.target])).get(event.target);

  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href="/admin/audit" label={t.back} />
      <h1 className="text-2xl font-semibold">{t.detailTitle(String(event.id))}</h1>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-xl bg-white p-6 text-sm ring-1 ring-slate-200 sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-slate-600">{f.at}</dt>
        <dd>
          {formatDateTime(event.at, timeZone)}({event.at.toISOString()})
        </dd>
        <dt className="font-medium text-slate-600">{f.actor}</dt>
        <dd>
          {event.actor
            ? `${event.actor.displayName}(${event.actor.username})`
            : event.actorId
              ? `${t.unknownActor} ${event.actorId}`
              : t.system}
        </dd>
        <dt className="font-medium text-slate-600">{f.action}</dt>
        <dd>
          {auditActionLabel(event.action)} <code className="text-xs text-slate-500">{event.action}</code>
        </dd>
        <dt className="font-medium text-slate-600">{f.target}</dt>
        <dd>{event.target ? <AuditTarget target={event.target} name={target} /> : "—"}</dd>
        <dt className="font-medium text-slate-600">{f.data}</dt>
        <dd>
          <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-50 p-3 text-xs ring-1 ring-slate-200">
            {JSON.stringify(event.data, null, 2)}
          </pre>
        </dd>
        <dt className="font-medium text-slate-600">{f.prevHash}</dt>
        <dd className="break-all font-mono text-xs">{event.prevHash}</dd>
        <dt className="font-medium text-slate-600">{f.hash}</dt>
        <dd className="break-all font-mono text-xs">{event.hash}</dd>
      </dl>
    </div>
  );
}

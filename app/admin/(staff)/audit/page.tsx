import Link from "next/link";
import { Search } from "lucide-react";
import { VerifyButton } from "@/components/admin/audit/VerifyButton";
import { auditText } from "@/lib/audit/messages";
import { listAuditEvents } from "@/lib/audit/queries";
import { auditListQuerySchema, type AuditListQuery } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { can, requirePagePermission } from "@/lib/permissions";
import { verifyAuditChainAction } from "./actions";

const t = auditText.ui;
const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

export const metadata = { title: t.title };

function listHref(query: AuditListQuery, cursor: { before?: string; after?: string }): string {
  const params = new URLSearchParams();
  for (const key of ["from", "to", "actor", "action", "target"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (cursor.before) params.set("before", cursor.before);
  if (cursor.after) params.set("after", cursor.after);
  return `/admin/audit?${params.toString()}`;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("audit.read");
  const query = auditListQuerySchema.parse(await searchParams);
  const { rows, newer, older } = await listAuditEvents(db, query);
  const filtered = Boolean(query.from || query.to || query.actor || query.action || query.target);
  const linkClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
        </div>
        {can(user, "audit.verify") && <VerifyButton verify={verifyAuditChainAction} label={t.verify} pendingLabel={t.verifying} />}
      </header>

      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        {(
          [
            ["from", t.from, "date", undefined],
            ["to", t.to, "date", undefined],
            ["actor", t.actor, "search", t.actorPlaceholder],
            ["action", t.action, "search", t.actionPlaceholder],
            ["target", t.target, "search", t.targetPlaceholder],
          ] as const
        ).map(([name, label, type, placeholder]) => (
          <div key={name}>
            <label htmlFor={name} className="block text-sm font-medium">{label}</label>
            <input id={name} name={name} type={type} defaultValue={query[name] ?? ""} placeholder={placeholder} className={`mt-1 text-sm ${inputClass}`} />
          </div>
        ))}
        <button type="submit" className="inline-flex items-center gap-1.5 rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900">
          <Search aria-hidden className="size-4" />
          {t.apply}
        </button>
        {filtered && (
          <Link href="/admin/audit" className="px-2 py-2 text-sm text-slate-600 underline hover:text-slate-900">{t.clear}</Link>
        )}
      </form>

      {rows.length === 0 ? (
        <div className="rounded-xl bg-white p-10 text-center ring-1 ring-slate-200">
          <p className="text-slate-700">{t.empty}</p>
        </div>
      ) : (
        <section aria-label={t.title}>
          <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.id}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.at}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.actor}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.action}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.target}</th>
                  <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">{t.columns.detail}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={String(row.id)} className="align-top">
                    <td className="px-4 py-3 font-mono text-xs text-slate-500">{String(row.id)}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{formatDateTime(row.at)}</td>
                    <td className="px-4 py-3">
                      {row.actor ? (
                        <>
                          <div>{row.actor.displayName}</div>
                          <div className="font-mono text-xs text-slate-500">{row.actor.username}</div>
                        </>
                      ) : (
                        <span className="text-slate-500">{row.actorId ? t.unknownActor : t.system}</span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <div>{auditText.actionLabels[row.action] ?? row.action}</div>
                      <div className="font-mono text-xs text-slate-500">{row.action}</div>
                    </td>
                    <td className="break-all px-4 py-3 font-mono text-xs text-slate-600">{row.target}</td>
                    <td className="px-4 py-3 text-right">
                      <Link href={`/admin/audit/${String(row.id)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {t.view}
                        <span className="sr-only"> #{String(row.id)}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t.pagination} className="flex items-center justify-between gap-3 pt-4">
            {newer ? <Link href={listHref(query, { after: newer })} className={linkClass} rel="prev">{t.newer}</Link> : <span />}
            {older ? <Link href={listHref(query, { before: older })} className={linkClass} rel="next">{t.older}</Link> : <span />}
          </nav>
        </section>
      )}
    </div>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/admin/EmptyState";
import { FilterBar, FilterField, filterFieldClass } from "@/components/admin/FilterBar";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { KeysetPagination, listHref } from "@/components/admin/Pagination";
import { VerifyButton } from "@/components/admin/audit/VerifyButton";
import { AuditAnchorInvalidError, readAuditAnchor, type AuditAnchor } from "@/lib/audit/anchor";
import { auditActionLabel, auditText } from "@/lib/audit/messages";
import { listAuditEvents } from "@/lib/audit/queries";
import { describeTargets } from "@/lib/audit/targets";
import { AuditTarget } from "@/components/admin/audit/AuditTarget";
import { auditListQuerySchema, type AuditListQuery } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, requirePagePermission } from "@/lib/permissions";
import { verifyAuditChainAction } from "./actions";

const t = auditText.ui;

export const metadata = { title: t.title };

function pageHref(query: AuditListQuery, cursor: { before?: string; after?: string }): string {
  return listHref("/admin/audit", {
    from: query.from,
    to: query.to,
    actor: query.actor,
    action: query.action,
    target: query.target,
    ...cursor,
  });
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("audit.read");
  const timeZone = await displayTimeZone();
  const query = auditListQuerySchema.parse(await searchParams);
  const { rows, newer, older } = await listAuditEvents(db, query, timeZone);
  const targets = await describeTargets(
    db,
    rows.map((row) => row.target),
  );
  const filtered = Boolean(query.from || query.to || query.actor || query.action || query.target);
  const anchor: AuditAnchor | "invalid" | null = await readAuditAnchor(db).catch((error: unknown) => {
    if (error instanceof AuditAnchorInvalidError) return "invalid" as const;
    throw error;
  });

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro}>
        {can(user, "audit.verify") && (
          <VerifyButton verify={verifyAuditChainAction} label={t.verify} pendingLabel={t.verifying} />
        )}
      </PageHeader>

      <p className="text-sm text-slate-600">
        {anchor === null
          ? t.anchorNone
          : anchor === "invalid"
            ? t.anchorInvalid
            : t.anchorAt(formatDateTime(anchor.at, timeZone), String(anchor.lastId), anchor.count.toString())}{" "}
        {anchor !== null && anchor !== "invalid" && (
          <a href="/admin/audit/anchor" className="underline" download>
            {t.anchorDownload}
          </a>
        )}
      </p>

      <FilterBar clearHref="/admin/audit" filtered={filtered}>
        {(
          [
            ["from", t.from, "date", undefined],
            ["to", t.to, "date", undefined],
            ["actor", t.actor, "search", t.actorPlaceholder],
            ["action", t.action, "search", t.actionPlaceholder],
            ["target", t.target, "search", t.targetPlaceholder],
          ] as const
        ).map(([name, label, type, placeholder]) => (
          <FilterField key={name} id={name} label={label}>
            <input
              id={name}
              name={name}
              type={type}
              defaultValue={query[name] ?? ""}
              placeholder={placeholder}
              className={filterFieldClass}
            />
          </FilterField>
        ))}
      </FilterBar>

      {rows.length === 0 ? (
        <EmptyState message={t.empty} />
      ) : (
        <section aria-label={t.title}>
          <ListTable
            columns={[
              { label: t.columns.id },
              { label: t.columns.at },
              { label: t.columns.actor },
              { label: t.columns.action },
              { label: t.columns.target },
              { label: t.columns.detail, hidden: true },
            ]}
          >
            {rows.map((row) => (
              <tr key={String(row.id)} className="align-top">
                <td className="px-4 py-3 font-mono text-xs text-slate-500">{String(row.id)}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{formatDateTime(row.at, timeZone)}</td>
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
                  <div>{auditActionLabel(row.action)}</div>
                  <div className="font-mono text-xs text-slate-500">{row.action}</div>
                </td>
                <td className="px-4 py-3">
                  <AuditTarget target={row.target} name={targets.get(row.target)} />
                </td>
                <td className="px-4 py-3 text-right">
                  <Link
                    href={`/admin/audit/${String(row.id)}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {t.view}
                    <span className="sr-only"> #{String(row.id)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </ListTable>
          <KeysetPagination
            back={newer ? { href: pageHref(query, { after: newer }), label: t.newer } : undefined}
            backIsPrevious
            on={older ? { href: pageHref(query, { before: older }), label: t.older } : undefined}
          />
        </section>
      )}
    </div>
  );
}

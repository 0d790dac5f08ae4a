import Link from "next/link";
import { EmptyState } from "@/components/admin/EmptyState";
import { FilterBar, FilterField, filterFieldClass } from "@/components/admin/FilterBar";
import { ActionForm } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { RefreshWhileRunning } from "@/components/admin/inspection/RunProgress";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { LevelBadge } from "@/components/admin/terms/LevelBadge";
import { checksText, sweepText as t } from "@/lib/checks/messages";
import { sweepListing, sweepScopeFor } from "@/lib/checks/sweep";
import type { CheckField } from "@/lib/checks/types";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { can, requirePagePermission } from "@/lib/permissions";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requestTermSweepAction } from "./actions";

export const metadata = { title: t.title };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 已发布稿件复查: what the newest sweep found in live articles of the columns this user answers for. */
export default async function TermSweepPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("terms.sweep.view");
  const timeZone = await displayTimeZone();
  const params = await searchParams;
  const columnId = typeof params.column === "string" && UUID.test(params.column) ? params.column : undefined;
  const scope = await sweepScopeFor(db, user);
  const [listing, columns] = await Promise.all([
    sweepListing(db, scope, { columnId }),
    db.column.findMany({
      where: scope === "all" ? {} : { id: { in: [...scope] } },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const columnName = new Map(columns.map((column) => [column.id, column.name]));
  const { latest, lastDone } = listing;
  const running = latest?.status === "RUNNING" ? latest : null;

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro}>
        {can(user, "terms.sweep.run") && (
          <ActionForm action={requestTermSweepAction}>
            <button type="submit" className={primaryButton} disabled={!!running || listing.queued}>
              {t.runNow}
            </button>
          </ActionForm>
        )}
      </PageHeader>

      <div role="status" className="space-y-2 rounded-xl bg-white p-4 text-sm text-slate-700 ring-1 ring-slate-200">
        {(running || listing.queued) && <RefreshWhileRunning />}
        {running ? (
          <>
            <p className="font-medium text-sky-900">{t.running(running.progressDone, running.progressTotal)}</p>
            {running.progressTotal > 0 && (
              <progress className="w-full max-w-md" max={running.progressTotal} value={running.progressDone}>
                {running.progressDone}
              </progress>
            )}
          </>
        ) : listing.queued ? (
          <p className="font-medium text-sky-900">{t.waiting}</p>
        ) : null}
        {latest?.status === "FAILED" && <p className="text-red-700">{t.failed(latest.error ?? "")}</p>}
        <p>
          {lastDone?.finishedAt
            ? t.lastRun(
                formatDateTime(lastDone.finishedAt, timeZone),
                lastDone.progressDone,
                lastDone.articleCount,
                lastDone.hitCount,
              )
            : t.neverRun}
        </p>
      </div>

      {lastDone && (
        <section className="space-y-3">
          {columns.length > 1 && (
            <FilterBar clearHref="/admin/terms/sweep" filtered={!!columnId}>
              <FilterField id="column" label={t.columns.column}>
                <select id="column" name="column" defaultValue={columnId ?? ""} className={filterFieldClass}>
                  <option value="">{t.allColumns}</option>
                  {columns.map((column) => (
                    <option key={column.id} value={column.id}>
                      {column.name}
                    </option>
                  ))}
                </select>
              </FilterField>
            </FilterBar>
          )}
          {listing.hits.length === 0 ? (
            <EmptyState message={t.empty}>
              <p className="mt-2 text-sm text-slate-600">{t.emptyHint}</p>
            </EmptyState>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t.shown(listing.hits.length, listing.total)}</p>
              <ListTable
                testId="sweep-hits"
                columns={[
                  { label: t.columns.article },
                  { label: t.columns.column },
                  { label: t.columns.field },
                  { label: t.columns.term },
                  { label: t.columns.level },
                  { label: t.columns.excerpt },
                  { label: t.columns.actions, hidden: true },
                ]}
              >
                {listing.hits.map((hit) => (
                  <tr key={hit.id}>
                    <td className="px-4 py-3 font-medium">{hit.title}</td>
                    <td className="px-4 py-3 whitespace-nowrap">{columnName.get(hit.columnId) ?? ""}</td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      {checksText.fieldLabels[hit.field as CheckField] ?? hit.field}
                    </td>
                    <td className="px-4 py-3">
                      <span className="font-medium text-red-800">{hit.term}</span>
                      <span className="block text-xs text-slate-500">
                        {checksText.ruleLabels[hit.rule as keyof typeof checksText.ruleLabels] ?? hit.rule}
                      </span>
                      {hit.suggestion && (
                        <span className="block text-xs text-slate-600">{t.suggestion(hit.suggestion)}</span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <LevelBadge level={hit.level} />
                    </td>
                    <td className="max-w-md px-4 py-3 text-slate-700" title={hit.message}>
                      {hit.excerpt}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <Link href={`/admin/articles/${hit.articleId}`} className="text-sky-700 hover:underline">
                        {t.edit}
                      </Link>
                      <Link href={`/admin/review/${hit.articleId}`} className="ml-3 text-sky-700 hover:underline">
                        {t.review}
                      </Link>
                    </td>
                  </tr>
                ))}
              </ListTable>
            </>
          )}
        </section>
      )}
    </div>
  );
}

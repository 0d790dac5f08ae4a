import Link from "next/link";
import { EmptyState } from "@/components/admin/EmptyState";
import { FilterBar, FilterField, filterFieldClass } from "@/components/admin/FilterBar";
import { ActionForm } from "@/components/admin/forms/ActionForm";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import {
  AnnualReport,
  Deductions,
  FindingsTable,
  ScoreSummary,
  Trend,
  VetoItems,
} from "@/components/admin/inspection/Report";
import { RefreshWhileRunning } from "@/components/admin/inspection/RunProgress";
import { PageHeader } from "@/components/admin/PageHeader";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { FINDING_KINDS } from "@/lib/inspection/kinds";
import { inspectionText as t } from "@/lib/inspection/messages";
import { annualFigures, fixLink, listFindings, parseFindingFilter, reportState } from "@/lib/inspection/queries";
import { getInspectionSettings } from "@/lib/inspection/settings";
import { can, requirePagePermission } from "@/lib/permissions";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { runInspectionAction, updateInspectionSettingsAction } from "./actions";

export const metadata = { title: t.ui.title };

const SHOWN = 200;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** 网站体检: the latest report (单项否决 first), the trend, the findings with where to fix them, 年度报表. */
export default async function InspectionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("inspection.view");
  const timeZone = await displayTimeZone();
  const filter = parseFindingFilter(await searchParams);
  const [state, settings, annual] = await Promise.all([
    reportState(db),
    getInspectionSettings(db),
    annualFigures(db, timeZone),
  ]);
  const latest = state.latest;
  const [vetoes, findings] = latest
    ? await Promise.all([
        listFindings(db, latest.id, { status: "open", severity: "VETO" }, 50),
        listFindings(db, latest.id, filter, SHOWN),
      ])
    : [null, null];
  const withFix = <T extends Parameters<typeof fixLink>[0]>(rows: readonly T[]) =>
    rows.map((row) => ({ ...row, fix: fixLink(row) }));
  const filterQuery = query({
    kind: filter.kind,
    severity: filter.severity,
    status: filter.status === "open" ? undefined : filter.status,
  });

  return (
    <div className="space-y-6">
      <PageHeader title={t.ui.title} intro={t.ui.intro}>
        <div className="flex flex-wrap items-center gap-2">
          {can(user, "inspection.run") && (
            <ActionForm action={runInspectionAction}>
              <button type="submit" className={primaryButton} disabled={!!state.running}>
                {t.ui.runNow}
              </button>
            </ActionForm>
          )}
          {latest && (
            <>
              {/* A form, not a link: an export is recorded, so it is a same-origin POST (the route says why). */}
              <form noValidate method="post" action={`/admin/inspection/export${filterQuery}`}>
                <button type="submit" className={secondaryButton}>
                  {t.ui.exportXlsx}
                </button>
              </form>
              <Link href="/admin/inspection/print" className={secondaryButton}>
                {t.ui.print}
              </Link>
            </>
          )}
        </div>
      </PageHeader>

      {(state.running || state.queued) && (
        <div role="status" className="rounded-xl bg-sky-50 p-4 text-sm text-sky-900 ring-1 ring-sky-200">
          <RefreshWhileRunning />
          {state.running ? (
            <>
              <p className="font-medium">
                {t.ui.running}（{formatDateTime(state.running.startedAt, timeZone)} 开始）
              </p>
              <p>
                {t.ui.progress(
                  t.phaseLabels[state.running.phase] ?? state.running.phase,
                  state.running.progressDone,
                  state.running.progressTotal,
                )}
              </p>
              {state.running.progressTotal > 0 && (
                <progress
                  className="mt-2 w-full max-w-md"
                  max={state.running.progressTotal}
                  value={state.running.progressDone}
                >
                  {state.running.progressDone}
                </progress>
              )}
            </>
          ) : (
            <p>{t.ui.queued}</p>
          )}
        </div>
      )}

      {!latest || !vetoes || !findings ? (
        <EmptyState message={t.ui.emptyTitle}>
          <p className="mt-2 text-sm text-slate-600">{t.ui.emptyBody}</p>
        </EmptyState>
      ) : (
        <>
          <VetoItems findings={withFix(vetoes.rows)} timeZone={timeZone} />
          <ScoreSummary run={latest} score={latest.computed} timeZone={timeZone} />
          <Deductions score={latest.computed} />
          <Trend runs={state.trend} timeZone={timeZone} />

          <section aria-labelledby="findings-title" className="space-y-3">
            <h2 id="findings-title" className="text-lg font-semibold">
              {t.ui.findingsTitle}
            </h2>
            <FilterBar
              clearHref="/admin/inspection"
              filtered={!!filter.kind || !!filter.severity || filter.status !== "open"}
            >
              <FilterField id="kind" label={t.ui.filterKind}>
                <select id="kind" name="kind" defaultValue={filter.kind ?? ""} className={filterFieldClass}>
                  <option value="">{t.ui.filterAll}</option>
                  {FINDING_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t.kindLabels[kind]}
                    </option>
                  ))}
                </select>
              </FilterField>
              <FilterField id="severity" label={t.ui.filterSeverity}>
                <select id="severity" name="severity" defaultValue={filter.severity ?? ""} className={filterFieldClass}>
                  <option value="">{t.ui.filterAll}</option>
                  {(["VETO", "SERIOUS", "MINOR"] as const).map((severity) => (
                    <option key={severity} value={severity}>
                      {t.severityLabels[severity]}
                    </option>
                  ))}
                </select>
              </FilterField>
              <FilterField id="status" label={t.ui.filterStatus}>
                <select id="status" name="status" defaultValue={filter.status} className={filterFieldClass}>
                  <option value="open">{t.ui.statusOpen}</option>
                  <option value="resolved">{t.ui.statusResolved}</option>
                </select>
              </FilterField>
            </FilterBar>
            <FindingsTable findings={withFix(findings.rows)} timeZone={timeZone} />
            {findings.total > findings.rows.length && (
              <p className="text-sm text-slate-600">{t.ui.moreFindings(findings.rows.length, findings.total)}</p>
            )}
          </section>
        </>
      )}

      <AnnualReport figures={annual} exportAction="/admin/inspection/export?sheet=annual" />

      {can(user, "inspection.configure") && (
        <section aria-labelledby="settings-title" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <h2 id="settings-title" className="font-semibold">
            {t.ui.settingsTitle}
          </h2>
          <ActionForm action={updateInspectionSettingsAction} className="mt-3 space-y-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="externalLinks" defaultChecked={settings.externalLinks} />
              {t.ui.externalLinks}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="weekly" defaultChecked={settings.weekly} />
              {t.ui.weekly}
              {settings.weekly && state.nextWeekly && (
                <span className="text-slate-500">（下次：{formatDateTime(state.nextWeekly, timeZone)}）</span>
              )}
            </label>
            <button type="submit" className={`mt-2 ${secondaryButton}`}>
              {t.ui.saveSettings}
            </button>
          </ActionForm>
        </section>
      )}
    </div>
  );
}

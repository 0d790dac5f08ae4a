import Link from "next/link";
import { BarChart } from "@/components/admin/dashboard/BarChart";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { KIND_RULES } from "@/lib/inspection/kinds";
import { inspectionText as t } from "@/lib/inspection/messages";
import type { AnnualFigures, FindingRow, RunRow } from "@/lib/inspection/queries";
import type { Score } from "@/lib/inspection/score";

/** The pieces of the 网站体检 report; the page and the printable report compose them. No data access. */

export function ScoreSummary({ run, score, timeZone }: { run: RunRow; score: Score; timeZone: string }) {
  const verdict =
    score.verdict === "veto" ? t.ui.verdictVeto : score.verdict === "fail" ? t.ui.verdictFail : t.ui.verdictPass;
  const tone = score.verdict === "pass" ? "text-emerald-700" : "text-red-700";
  return (
    <section
      aria-labelledby="score-title"
      className="flex flex-wrap items-center gap-6 rounded-xl bg-white p-6 ring-1 ring-slate-200"
    >
      <div>
        <h2 id="score-title" className="text-sm font-medium text-slate-600">
          {t.ui.score}
        </h2>
        <p className="text-4xl font-semibold tabular-nums">{run.status === "DONE" ? score.score.toFixed(1) : "—"}</p>
        <p className={`mt-1 font-medium ${tone}`}>{run.status === "DONE" ? verdict : t.statusLabels[run.status]}</p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t.ui.lastRun}</dt>
        <dd>
          {formatDateTime(run.startedAt, timeZone)}（{t.triggerLabels[run.trigger]}）
        </dd>
        <dt className="text-slate-500">{t.ui.finishedAt}</dt>
        <dd>{run.finishedAt ? formatDateTime(run.finishedAt, timeZone) : "—"}</dd>
        <dt className="text-slate-500">{t.ui.evidence}</dt>
        <dd>{t.ui.pagesChecked(run.pagesChecked, run.linksChecked)}</dd>
      </dl>
      {run.status === "FAILED" && run.error && (
        <p
          role="alert"
          className="w-full rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800 ring-1 ring-amber-600/20"
        >
          {t.ui.failed(run.error)}
        </p>
      )}
    </section>
  );
}

export function VetoItems({
  findings,
  timeZone,
  withLinks = true,
}: {
  findings: readonly (FindingRow & { fix?: string | null })[];
  timeZone: string;
  withLinks?: boolean;
}) {
  const vetoes = findings.filter((finding) => finding.severity === "VETO");
  return (
    <section
      aria-labelledby="veto-title"
      className={`rounded-xl p-6 ring-1 ${vetoes.length ? "bg-red-50 ring-red-300" : "bg-white ring-slate-200"}`}
    >
      <h2 id="veto-title" className={`font-semibold ${vetoes.length ? "text-red-800" : ""}`}>
        {t.ui.vetoTitle}
      </h2>
      {vetoes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t.ui.vetoNone}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {vetoes.map((finding) => (
            <li key={finding.id} className="text-sm text-red-900">
              <p className="font-semibold">
                {t.kindLabels[finding.kind]}
                {finding.page && <span className="ml-2 font-mono font-normal">{finding.page}</span>}
              </p>
              <p>{finding.evidence}</p>
              <p>
                <span className="font-medium">{t.ui.whatToDo}：</span>
                {t.kindAdvice[finding.kind]}
                {withLinks && <FixLink finding={finding} />}
              </p>
              <p className="text-xs text-red-700">
                {t.ui.firstSeen} {formatDate(finding.firstSeenAt, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Deductions({ score }: { score: Score }) {
  return (
    <section aria-labelledby="deductions-title" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
      <h2 id="deductions-title" className="font-semibold">
        {t.ui.deductionsTitle}
      </h2>
      <table className="mt-3 min-w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-3 font-medium">
              {t.ui.category}
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              {t.ui.count}
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              {t.ui.points}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t.ui.cap}
            </th>
          </tr>
        </thead>
        <tbody>
          {score.deductions.map((deduction) => (
            <tr key={deduction.category} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-1.5 pr-3 font-normal">
                {t.categoryLabels[deduction.category]}
                <ul className="text-xs text-slate-500">
                  {deduction.kinds
                    .filter((kind) => kind.count > 0)
                    .map((kind) => (
                      <li key={kind.kind}>
                        {t.kindLabels[kind.kind]}：{kind.count}（{minus(kind.points)}）
                      </li>
                    ))}
                </ul>
              </th>
              <td className="py-1.5 pr-3 text-right tabular-nums">{deduction.count}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{minus(deduction.points)}</td>
              <td className="py-1.5 text-right tabular-nums text-slate-500">{deduction.cap}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A deduction as the rules print it: −2.5, and 0 (not −0) for a category with nothing to deduct. */
function minus(points: number): string {
  return points > 0 ? `\u2212${points}` : "0";
}

export function Trend({ runs, timeZone }: { runs: readonly RunRow[]; timeZone: string }) {
  if (runs.length === 0) return null;
  // Numbered: two runs in the same minute must still be two categories (they key the chart's rows).
  const categories = runs.map((run, index) => `${index + 1}. ${formatDateTime(run.startedAt, timeZone)}`);
  return (
    <section aria-labelledby="trend-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
      <h2 id="trend-heading" className="font-semibold">
        {t.ui.trendTitle}
      </h2>
      <BarChart
        id="inspection-trend"
        title={t.ui.trendTitle}
        description={t.ui.trendDesc(runs.length)}
        categories={categories}
        labels={runs.map((run) => formatDate(run.startedAt, timeZone).slice(5))}
        series={[{ name: t.ui.score, values: runs.map((run) => run.score ?? 0) }]}
        stacked={false}
        format={(value) => String(value)}
        categoryHeader={t.ui.lastRun}
        unit="分"
        integer
      />
    </section>
  );
}

function FixLink({ finding }: { finding: FindingRow & { fix?: string | null } }) {
  if (!finding.fix) return null;
  return (
    <Link href={finding.fix} className="ml-2 text-brand-700 underline">
      {t.ui.fix}
    </Link>
  );
}

export function FindingsTable({
  findings,
  timeZone,
  withLinks = true,
}: {
  findings: readonly (FindingRow & { fix?: string | null })[];
  timeZone: string;
  withLinks?: boolean;
}) {
  if (findings.length === 0)
    return <p className="rounded-xl bg-white p-6 text-sm text-slate-700 ring-1 ring-slate-200">{t.ui.noFindings}</p>;
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50">
            <th scope="col" className="px-3 py-2 font-medium">
              {t.ui.filterKind}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.ui.page}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.ui.element}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.ui.evidence}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.ui.firstSeen}
            </th>
            {withLinks && (
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">{t.ui.fix}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <tr key={finding.id} className="border-b border-slate-100 align-top">
              <td className="px-3 py-2">
                <span
                  className={
                    KIND_RULES[finding.kind].severity === "VETO"
                      ? "font-semibold text-red-700"
                      : KIND_RULES[finding.kind].severity === "SERIOUS"
                        ? "text-amber-800"
                        : ""
                  }
                >
                  {t.kindLabels[finding.kind]}
                </span>
                {finding.external && <span className="ml-1 text-xs text-slate-500">（外部）</span>}
              </td>
              <td className="px-3 py-2 font-mono text-xs break-all">{finding.page || "—"}</td>
              <td className="px-3 py-2 text-xs break-all">{finding.element || "—"}</td>
              <td className="px-3 py-2">{finding.evidence}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {formatDate(finding.firstSeenAt, timeZone)}
                {finding.resolvedAt && (
                  <span className="block text-xs text-emerald-700">
                    {t.ui.resolvedAt} {formatDate(finding.resolvedAt, timeZone)}
                  </span>
                )}
              </td>
              {withLinks && (
                <td className="px-3 py-2 whitespace-nowrap">
                  {finding.fix && (
                    <Link href={finding.fix} className="text-brand-700 underline">
                      {t.ui.fix}
                    </Link>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `exportAction`: where the 年度报表 download posts (an export is recorded, so a form, not a link). */
export function AnnualReport({ figures, exportAction }: { figures: AnnualFigures; exportAction?: string }) {
  return (
    <section aria-labelledby="annual-title" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="annual-title" className="font-semibold">
          {t.ui.annualTitle}
        </h2>
        {exportAction && (
          <form noValidate method="post" action={exportAction}>
            <button type="submit" className="text-sm text-brand-700 underline">
              {t.ui.annualExport}
            </button>
          </form>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-600">{t.ui.annualIntro(figures.year)}</p>
      <dl className="mt-3 grid grid-cols-[auto_auto] gap-x-6 gap-y-1 text-sm sm:max-w-md">
        <dt>{t.ui.annualTotal}</dt>
        <dd className="text-right tabular-nums font-semibold">{figures.total}</dd>
        {figures.byCategory.map((row) => (
          <div key={row.category} className="contents">
            <dt className="pl-4 text-slate-600">{t.updateCategoryShort[row.category]}</dt>
            <dd className="text-right tabular-nums">{row.count}</dd>
          </div>
        ))}
        <dt>{t.ui.annualColumns}</dt>
        <dd className="text-right tabular-nums">{figures.columns}</dd>
        <dt>{t.ui.annualColumnsUpdated}</dt>
        <dd className="text-right tabular-nums">{figures.columnsUpdated}</dd>
        <dt>{t.ui.annualTopics}</dt>
        <dd className="text-right tabular-nums">{figures.topics}</dd>
      </dl>
    </section>
  );
}

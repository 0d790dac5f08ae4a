import { dashboardText as t } from "@/lib/dashboard/messages";
import type { MonthlyPublications, TopArticle, TurnaroundRow } from "@/lib/dashboard/queries";
import { publicUrls } from "@/lib/urls";
import { BarChart } from "./BarChart";
import { RankedBars } from "./RankedBars";

/** Most columns a stacked chart shows by name; the rest are summed as 其他. */
const MAX_SERIES = 7;

const hours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;
const formatHours = (value: number) => value.toLocaleString("zh-CN", { maximumFractionDigits: 1 });

function turnaroundSeries(rows: readonly TurnaroundRow[]) {
  return [
    { name: t.median, values: rows.map((row) => hours(row.median)) },
    { name: t.p90, values: rows.map((row) => hours(row.p90)) },
  ];
}

export function Charts({
  monthly,
  turnaround,
  top7,
  top30,
}: {
  monthly: MonthlyPublications;
  turnaround: { perLevel: TurnaroundRow[]; toPublication: TurnaroundRow[] };
  top7: TopArticle[];
  top30: TopArticle[];
}) {
  const shown = monthly.series.slice(0, MAX_SERIES);
  const rest = monthly.series.slice(MAX_SERIES);
  const series = [
    ...shown.map((s) => ({ name: s.columnName, values: s.counts })),
    ...(rest.length > 0
      ? [{ name: "其他", values: monthly.months.map((_, i) => rest.reduce((sum, s) => sum + s.counts[i], 0)) }]
      : []),
  ];
  const total = monthly.totals.reduce((sum, n) => sum + n, 0);
  const ranked = (rows: TopArticle[]) =>
    rows.map((row) => ({
      id: row.id,
      label: row.title,
      detail: row.columnName,
      value: row.views,
      href: publicUrls.article(row.slug),
    }));

  return (
    <section aria-labelledby="charts-heading" className="space-y-4">
      <h2 id="charts-heading" className="text-lg font-semibold">
        {t.charts}
      </h2>
      <div className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
        <h3 className="mb-2 font-medium">{t.perMonth}</h3>
        <BarChart
          id="chart-monthly"
          title={t.perMonth}
          description={t.perMonthDesc(total)}
          categories={monthly.months}
          labels={monthly.months.map((month) => `${Number(month.slice(5))}月`)}
          series={series}
          stacked
          integer
          unit={t.articlesUnit}
          categoryHeader={t.month}
          totalHeader={t.total}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <h3 className="mb-2 font-medium">{t.perLevel}</h3>
          {turnaround.perLevel.length === 0 ? (
            <p className="text-sm text-slate-600">{t.noData}</p>
          ) : (
            <BarChart
              id="chart-levels"
              title={t.perLevel}
              description={t.perLevelDesc}
              categories={turnaround.perLevel.map((row) => `${t.levelNames[row.level] ?? row.level}(${row.count})`)}
              series={turnaroundSeries(turnaround.perLevel)}
              stacked={false}
              format={formatHours}
              unit={t.hours}
              categoryHeader={`${t.turnaround}(${t.hours})`}
            />
          )}
        </div>
        <div className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <h3 className="mb-2 font-medium">{t.toPublication}</h3>
          {turnaround.toPublication.length === 0 ? (
            <p className="text-sm text-slate-600">{t.noData}</p>
          ) : (
            <BarChart
              id="chart-publication"
              title={t.toPublication}
              description={t.toPublicationDesc}
              categories={turnaround.toPublication.map((row) => `${t.levelsCount(row.level)}(${row.count})`)}
              series={turnaroundSeries(turnaround.toPublication)}
              stacked={false}
              format={formatHours}
              unit={t.hours}
              categoryHeader={`${t.turnaround}(${t.hours})`}
            />
          )}
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {[
          { days: 7, rows: top7 },
          { days: 30, rows: top30 },
        ].map(({ days, rows }) => (
          <div key={days} className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
            <h3 className="mb-3 font-medium">
              {t.topViews} · {t.days(days)}
            </h3>
            <RankedBars heading={`${t.topViews} ${t.days(days)}`} items={ranked(rows)} />
          </div>
        ))}
      </div>
    </section>
  );
}

import { axisTicks } from "@/lib/dashboard/axis";
import { dashboardText } from "@/lib/dashboard/messages";

/** Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito). */
export const CHART_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export interface ChartSeries {
  name: string;
  values: readonly number[];
}

interface Props {
  id: string;
  title: string;
  description: string;
  categories: readonly string[];
  /** Short labels under the bars (default: the categories). */
  labels?: readonly string[];
  series: readonly ChartSeries[];
  /** Stacked (parts of one total) or grouped (side by side). */
  stacked: boolean;
  /** Formats a value for the table and the axis. */
  format?: (value: number) => string;
  /** Header of the table's first column. */
  categoryHeader: string;
  /** Adds a total column to the table (stacked charts). */
  totalHeader?: string;
  /** What the values count or measure (篇, 小时), named above the value axis. */
  unit: string;
  /** Counts: whole-number ticks only. */
  integer?: boolean;
}

// Drawn in a 560-unit box that scales with the card: 14-unit text stays readable in a half-width card.
const W = 560;
const H = 260;
const FONT = 14;
const PAD = { left: 52, right: 8, top: 30, bottom: 32 };

/**
 * A bar chart drawn on the server as SVG: role="img" with a <title> and <desc> for screen readers, a
 * legend in text, and the same numbers as a table behind a <details> toggle. No client JavaScript.
 */
export function BarChart({
  id,
  title,
  description,
  categories,
  labels,
  series,
  stacked,
  format = String,
  categoryHeader,
  totalHeader,
  unit,
  integer = false,
}: Props) {
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ticks = axisTicks(stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values)), {
    integer,
  });
  const max = ticks[ticks.length - 1] ?? 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const band = plotW / Math.max(1, categories.length);
  const barW = stacked ? band * 0.6 : (band * 0.7) / Math.max(1, series.length);
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;

  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full max-w-2xl"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <text x={4} y={FONT + 2} fontSize={FONT} fill="#334155" data-testid="chart-unit">
          {dashboardText.unitLabel(unit)}
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
            <text
              x={PAD.left - 6}
              y={y(tick) + 5}
              textAnchor="end"
              fontSize={FONT}
              fill="#334155"
              data-testid="chart-tick"
            >
              {format(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          const x0 = PAD.left + i * band;
          let base = 0;
          return (
            <g key={category}>
              {series.map((s, k) => {
                const value = s.values[i] ?? 0;
                if (value <= 0) return null;
                const colour = CHART_COLOURS[k % CHART_COLOURS.length];
                if (stacked) {
                  const top = base + value;
                  const rect = (
                    <rect
                      key={s.name}
                      x={x0 + (band - barW) / 2}
                      y={y(top)}
                      width={barW}
                      height={y(base) - y(top)}
                      fill={colour}
                    />
                  );
                  base = top;
                  return rect;
                }
                return (
                  <rect
                    key={s.name}
                    x={x0 + (band - barW * series.length) / 2 + k * barW}
                    y={y(value)}
                    width={barW - 1}
                    height={y(0) - y(value)}
                    fill={colour}
                  />
                );
              })}
              <text x={x0 + band / 2} y={H - 10} textAnchor="middle" fontSize={FONT} fill="#334155">
                {(labels ?? categories)[i]}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#94a3b8" />
      </svg>
      {series.length > 0 && (
        <figcaption>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
            {series.map((s, k) => (
              <li key={s.name} className="flex items-center gap-1.5">
                <span
                  aria-hidden
                  className="inline-block size-3 rounded-sm"
                  style={{ backgroundColor: CHART_COLOURS[k % CHART_COLOURS.length] }}
                />
                {s.name}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">{dashboardText.showData}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-left text-xs">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-2 py-1 font-medium">
                  {categoryHeader}
                </th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="px-2 py-1 text-right font-medium">
                    {s.name}
                  </th>
                ))}
                {totalHeader && (
                  <th scope="col" className="px-2 py-1 text-right font-medium">
                    {totalHeader}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {categories.map((category, i) => (
                <tr key={category} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {category}
                  </th>
                  {series.map((s) => (
                    <td key={s.name} className="px-2 py-1 text-right tabular-nums">
                      {format(s.values[i] ?? 0)}
                    </td>
                  ))}
                  {totalHeader && <td className="px-2 py-1 text-right tabular-nums">{format(totals[i])}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

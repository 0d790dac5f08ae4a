import { dashboardText } from "@/lib/dashboard/messages";

export interface RankedItem {
  id: string;
  label: string;
  detail: string;
  value: number;
  href?: string;
}

/** A ranked list with a proportional bar per row: the numbers are text, the bars only decoration. */
export function RankedBars({ items, heading }: { items: readonly RankedItem[]; heading: string }) {
  const max = Math.max(1, ...items.map((item) => item.value));
  if (items.length === 0) return <p className="text-sm text-slate-600">{dashboardText.noData}</p>;
  return (
    <ol className="space-y-2" aria-label={heading}>
      {items.map((item) => (
        <li key={item.id} className="text-sm">
          <div className="flex items-baseline justify-between gap-3">
            <span className="min-w-0 truncate">
              {item.href ? (
                <a href={item.href} className="text-brand-700 hover:underline">
                  {item.label}
                </a>
              ) : (
                item.label
              )}
              <span className="ml-2 text-xs text-slate-500">{item.detail}</span>
            </span>
            <span className="shrink-0 tabular-nums">
              {item.value}
              <span className="sr-only"> {dashboardText.views}</span>
            </span>
          </div>
          <div aria-hidden className="mt-1 h-1.5 rounded bg-slate-100">
            <div className="h-1.5 rounded bg-[#0072B2]" style={{ width: `${(item.value / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </ol>
  );
}

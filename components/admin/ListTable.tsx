import type { ReactNode } from "react";

export interface ListColumn {
  label: string;
  /** Named for screen readers only, e.g. a column of row actions. */
  hidden?: boolean;
}

/** A list page's table: a header row of column names; the caller gives the body rows. */
export function ListTable({
  columns,
  children,
  testId,
  compact = false,
}: {
  columns: ListColumn[];
  children: ReactNode;
  testId?: string;
  /** Tighter header cells, for a table inside a panel (the term import's preview); rows use `px-3 py-2`. */
  compact?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={compact ? "px-3 py-2 font-medium" : "px-4 py-3 font-medium"}
              >
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

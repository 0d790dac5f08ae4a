import type { ReactNode } from "react";

/** What a list shows instead of rows: why it is empty, and optionally what to do about it. */
export function EmptyState({ message, children }: { message?: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl bg-white p-10 text-center ring-1 ring-slate-200">
      {message && <p className="text-slate-700">{message}</p>}
      {children}
    </div>
  );
}

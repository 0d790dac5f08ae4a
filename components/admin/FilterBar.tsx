import Link from "next/link";
import { Search } from "lucide-react";
import type { ReactNode } from "react";
import { shellText } from "@/components/admin/messages";

const t = shellText.list;

/** Styling of a filter bar's text inputs and selects. */
export const filterFieldClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/**
 * A list's filters as a plain GET form: they live in the URL, so a filtered list can be bookmarked
 * and works without JavaScript. `clearHref` is the unfiltered list, offered while a filter is set.
 */
export function FilterBar({
  clearHref,
  filtered,
  children,
}: {
  clearHref: string;
  filtered: boolean;
  children: ReactNode;
}) {
  return (
    <form noValidate method="get" action={clearHref} role="search" className="flex flex-wrap items-end gap-3">
      {children}
      <button
        type="submit"
        className="inline-flex items-center gap-1.5 rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900"
      >
        <Search aria-hidden className="size-4" />
        {t.apply}
      </button>
      {filtered && (
        <Link href={clearHref} className="px-2 py-2 text-sm text-slate-600 underline hover:text-slate-900">
          {t.clear}
        </Link>
      )}
    </form>
  );
}

/** One labelled field of a filter bar. */
export function FilterField({
  id,
  label,
  grow = false,
  children,
}: {
  id: string;
  label: string;
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? "min-w-48 flex-1" : undefined}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1">{children}</div>
    </div>
  );
}

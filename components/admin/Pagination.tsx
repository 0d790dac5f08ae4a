import Link from "next/link";
import { usersText } from "@/lib/users/messages";

const t = usersText.ui;

/** Previous / next links that keep the current query string. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const linkClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  return (
    <nav aria-label={t.pagination} className="flex items-center justify-between gap-3 pt-4">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={linkClass} rel="prev">
          {t.prev}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{t.pageOf(page, pageCount)}</span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={linkClass} rel="next">
          {t.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

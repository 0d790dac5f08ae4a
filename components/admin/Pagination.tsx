import Link from "next/link";
import type { ReactNode } from "react";
import { shellText } from "@/components/admin/messages";

const t = shellText.list;
const linkClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

/** A list page's address carrying only the parameters that are set, so an unfiltered list keeps a clean URL. */
export function listHref(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export interface PageLink {
  href: string;
  label: string;
}

function Pager({
  label,
  previous,
  next,
  children,
}: {
  label: string;
  previous?: PageLink & { rel?: "prev" };
  next?: PageLink;
  children?: ReactNode;
}) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 pt-4">
      {previous ? (
        <Link href={previous.href} className={linkClass} rel={previous.rel}>
          {previous.label}
        </Link>
      ) : (
        <span />
      )}
      {children}
      {next ? (
        <Link href={next.href} className={linkClass} rel="next">
          {next.label}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Numbered pages: previous / next links that keep the current query string. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <Pager
      label={t.pagination}
      previous={page > 1 ? { href: hrefFor(page - 1), label: t.prev, rel: "prev" } : undefined}
      next={page < pageCount ? { href: hrefFor(page + 1), label: t.next } : undefined}
    >
      <span className="text-sm text-slate-600">{t.pageOf(page, pageCount)}</span>
    </Pager>
  );
}

/**
 * Keyset pages (a cursor in the URL, no page count): a link back — to the previous page, or to the
 * first where the list cannot step back one page — and a link on.
 */
export function KeysetPagination({
  back,
  on,
  backIsPrevious = false,
}: {
  back?: PageLink;
  on?: PageLink;
  backIsPrevious?: boolean;
}) {
  if (!back && !on) return null;
  return (
    <Pager label={t.pagination} previous={back && { ...back, rel: backIsPrevious ? "prev" : undefined }} next={on} />
  );
}

/** @jsxImportSource preact */
import { publicText as t } from "@/lib/public/render/messages";
import type { ReaderPrefs } from "@/lib/public/render/prefs";
import { publicUrls } from "@/lib/urls";
import { Breadcrumb } from "./Breadcrumb";
import { Document, type NavColumn, type SiteInfo } from "./Document";

interface ErrorPageProps {
  site: SiteInfo;
  columns: readonly NavColumn[];
  prefs: ReaderPrefs;
  path: string;
}

export function SearchBox({ id, query = "" }: { id: string; query?: string }) {
  return (
    <form class="search-box" role="search" action={publicUrls.search()} method="get">
      <label for={id}>{t.searchLabel}</label>
      <input id={id} type="search" name="q" value={query} maxLength={100} />
      <button type="submit">{t.search}</button>
    </form>
  );
}

export function NotFoundPage(props: ErrorPageProps) {
  return (
    <Document
      site={props.site}
      title={`${t.notFoundTitle} - ${props.site.name}`}
      description={t.notFoundTitle}
      path={props.path}
      prefs={props.prefs}
      columns={props.columns}
      noindex
    >
      <section class="notice">
        <h1>{t.notFoundTitle}</h1>
        <p>{t.notFoundBody}</p>
        <SearchBox id="notfound-search" />
        <p>
          <a href={publicUrls.home()}>{t.backHome}</a>
        </p>
      </section>
    </Document>
  );
}

export function WithdrawnPage(props: ErrorPageProps & { column: { slug: string; name: string } | null }) {
  const column = props.column;
  return (
    <Document
      site={props.site}
      title={`${t.withdrawnTitle} - ${props.site.name}`}
      description={t.withdrawnTitle}
      path={props.path}
      prefs={props.prefs}
      columns={props.columns}
      noindex
    >
      <Breadcrumb items={column ? [{ name: column.name, href: publicUrls.column(column.slug) }] : []} />
      <section class="notice">
        <h1>{t.withdrawnTitle}</h1>
        <p>{t.withdrawnBody}</p>
        <p>
          {column ? (
            <>
              <a href={publicUrls.column(column.slug)}>{column.name}</a> ·{" "}
            </>
          ) : null}
          <a href={publicUrls.home()}>{t.backHome}</a>
        </p>
      </section>
    </Document>
  );
}

/** @jsxImportSource preact */
import { formatDate } from "@/lib/format/date";
import { publicText as t } from "@/lib/public/render/messages";
import type { ReaderPrefs } from "@/lib/public/render/prefs";
import type { PublicColumn } from "@/lib/public/data/queries";
import type { SearchResult } from "@/lib/public/data/search";
import type { SnippetPart } from "@/lib/public/data/search-terms";
import { publicUrls } from "@/lib/urls";
import { ListSubtitle } from "./ArticleList";
import { Document, type SiteInfo } from "./Document";
import { SearchBox } from "./ErrorPages";

/** Highlighted text: every part is escaped text, hits wrapped in <mark>. */
function Highlighted({ parts }: { parts: readonly SnippetPart[] }) {
  return <>{parts.map((part, index) => (part.hit ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

export interface SearchPageProps {
  site: SiteInfo;
  columns: readonly PublicColumn[];
  prefs: ReaderPrefs;
  query: string;
  result: SearchResult;
}

/** The page's title and path, as the document shows them. */
export function searchDocumentFields({ site, query, result }: SearchPageProps): { title: string; path: string } {
  return { title: `${t.searchTitle(query)} - ${site.name}`, path: publicUrls.search(query, result.page) };
}

export const SEARCH_DESCRIPTION = t.searchLabel;

/** The search results page: the site's document around SearchResults. */
export function SearchPage(props: SearchPageProps) {
  const { title, path } = searchDocumentFields(props);
  return (
    <Document
      site={props.site}
      title={title}
      description={SEARCH_DESCRIPTION}
      path={path}
      prefs={props.prefs}
      columns={props.columns}
      noindex
    >
      <SearchResults {...props} />
    </Document>
  );
}

/** What the search page shows inside the site's document (lib/public/render/document-shell.ts renders it apart). */
export function SearchResults(props: SearchPageProps) {
  const { query, result } = props;
  return (
    <section class="search-page" aria-labelledby="search-title">
      <h1 id="search-title">{t.searchTitle(query)}</h1>
      <SearchBox id="search-page-q" query={query} />
      {!query ? null : result.terms.length === 0 ? (
        <p class="empty">{t.searchHint}</p>
      ) : result.total === 0 ? (
        <p class="empty">{t.searchNone}</p>
      ) : (
        <>
          {result.suggestion ? (
            <p class="search-suggestion" role="status">
              {t.searchNoneFor(query)}
              {t.searchDidYouMean}
              <a href={publicUrls.search(result.suggestion, 1)}>{result.suggestion}</a>
            </p>
          ) : null}
          {result.partial ? <p class="search-partial">{t.searchPartial}</p> : null}
          <p class="search-count" role="status">
            {result.capped ? t.searchCountCapped(result.total) : t.searchCount(result.total)}
          </p>
          <ol class="search-results">
            {result.hits.map((hit) => (
              <li key={hit.id}>
                {hit.overTitle ? <span class="list-over-title">{hit.overTitle}</span> : null}
                <a href={publicUrls.article(hit.slug)}>
                  <Highlighted parts={hit.title} />
                </a>
                <ListSubtitle subtitle={hit.subtitle} />
                <p class="search-snippet">
                  <Highlighted parts={hit.snippet} />
                </p>
                {hit.matchedTerms !== undefined ? (
                  <p class="search-partial-hit">{t.searchMatchedTerms(hit.matchedTerms, result.terms.length)}</p>
                ) : null}
                <span class="list-meta">
                  <a href={publicUrls.column(hit.column.slug)}>{hit.column.name}</a>
                  <time dateTime={hit.publishedAt.toISOString()}>
                    {formatDate(hit.publishedAt, props.site.timeZone)}
                  </time>
                </span>
              </li>
            ))}
          </ol>
          {result.pages > 1 ? (
            <nav class="pagination" aria-label={t.pagination}>
              {result.page > 1 ? (
                <a href={publicUrls.search(query, result.page - 1)} rel="prev">
                  {t.prevResults}
                </a>
              ) : null}
              <span>{t.pageOf(result.page, result.pages)}</span>
              {result.page < result.pages ? (
                <a href={publicUrls.search(query, result.page + 1)} rel="next">
                  {t.nextResults}
                </a>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * The answer when PostgreSQL cancelled the search or no search connection came free (503): no site
 * chrome, because asking the database for it is what cannot be done right now; the query is kept.
 */
export function SearchBusyPage({ query }: { query: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{t.searchBusyTitle}</title>
      </head>
      <body>
        <main class="search-page">
          <h1>{t.searchBusyTitle}</h1>
          <p role="status">{t.searchBusyBody}</p>
          <SearchBox id="search-busy-q" query={query} />
          <p>
            <a href={publicUrls.home()}>{t.backHome}</a>
          </p>
        </main>
      </body>
    </html>
  );
}

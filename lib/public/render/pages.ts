import "server-only";
import type { VNode } from "preact";
import { ArticlePage } from "@/lib/public/render/ArticlePage";
import { ColumnPage, groupByHonour } from "@/lib/public/render/ColumnPage";
import { NotFoundPage, WithdrawnPage } from "@/lib/public/render/ErrorPages";
import { HomePage } from "@/lib/public/render/HomePage";
import {
  SEARCH_DESCRIPTION,
  SearchBusyPage,
  SearchResults,
  searchDocumentFields,
} from "@/lib/public/render/SearchPage";
import { renderInDocument } from "./document-shell";
import { viewTotals } from "@/lib/views/queries";
import { renderDocument } from "./html-response";
import { publicText as t } from "./messages";
import type { RenderedPage } from "../cache/page-cache";
import type { ReaderPrefs } from "./prefs";
import { liveCursor } from "../data/cursors";
import { qrSvg } from "./qr";
import {
  articleBySlug,
  columnBySlug,
  columnProfiles,
  homeSlots,
  liveList,
  visibleColumns,
  type PublicDb,
} from "../data/queries";
import { cachedForSearch, cachedSearchArticles, isSearchBusy } from "../data/search";
import { normaliseQuery } from "../data/search-terms";
import { siteInfo } from "../data/site";
import { cacheTags } from "../cache/tags";
import { isHistorical } from "@/lib/import/redirects";
import { publicUrls } from "@/lib/urls";

/**
 * Each public page as a function of the database and the reader's display choices: the bytes and the
 * cache tags of what it shows. Route handlers, the static publisher and the tests all call these.
 */

export const HTML = "text/html; charset=utf-8";
export const COLUMN_PAGE_SIZE = 20;
const HOME_LATEST = 20;
const HOME_FEATURED = 5;
const GRID_LIMIT = 500;

/** A page's document (or its HTML, already rendered) as a RenderedPage. */
function html(page: VNode | string, tags: readonly string[], status = 200): RenderedPage {
  return { status, contentType: HTML, body: typeof page === "string" ? page : renderDocument(page), tags };
}

/** A 301 to `location`, evicted with the article (its slug may change again). */
export function movedPermanently(location: string, tags: readonly string[]): RenderedPage {
  return { status: 301, contentType: HTML, body: "", tags, headers: { location } };
}

/** The navigation is on every page (see afterSiteChange). */
const SHARED_TAGS = [cacheTags.navigation];

export async function renderNotFound(client: PublicDb, prefs: ReaderPrefs, path: string): Promise<RenderedPage> {
  const [site, columns] = await Promise.all([siteInfo(client), visibleColumns(client)]);
  return html(NotFoundPage({ site, columns, prefs, path }), SHARED_TAGS, 404);
}

/** The withdrawn notice without a column, for the static site's nginx `error_page 410`. */
export async function renderGone(client: PublicDb, prefs: ReaderPrefs): Promise<RenderedPage> {
  const [site, columns] = await Promise.all([siteInfo(client), visibleColumns(client)]);
  return html(WithdrawnPage({ site, columns, prefs, path: "/410.html", column: null }), SHARED_TAGS, 410);
}

export async function renderArticle(client: PublicDb, slug: string, prefs: ReaderPrefs): Promise<RenderedPage> {
  const path = publicUrls.article(slug);
  const [site, columns, found] = await Promise.all([
    siteInfo(client),
    visibleColumns(client),
    articleBySlug(client, slug),
  ]);
  const urlTags = [...SHARED_TAGS, cacheTags.url(slug)];
  if (found.kind === "missing") return html(NotFoundPage({ site, columns, prefs, path }), urlTags, 404);
  // An address the article had before its slug changed: for good (docs/public-site.md, 稿件网址).
  if (found.kind === "moved")
    return movedPermanently(publicUrls.article(found.slug), [...urlTags, cacheTags.article(found.articleId)]);
  if (found.kind === "withdrawn") {
    return html(WithdrawnPage({ site, columns, prefs, path, column: found.column }), urlTags, 410);
  }
  const article = found.article;
  const tags = [
    ...urlTags,
    cacheTags.article(article.id),
    ...[article.previous, article.next].flatMap((other) => (other ? [cacheTags.linksTo(other.id)] : [])),
  ];
  const [qr, views, historical] = await Promise.all([
    qrSvg(`${site.url}${path}`),
    // As of this render: the cached page keeps this figure until the page is rendered again.
    site.showViewCount ? viewTotals(client, [article.id]).then((totals) => totals.get(article.id) ?? 0) : undefined,
    isHistorical(client, article.id),
  ]);
  return html(
    ArticlePage({ site, columns, article: { ...article, historical }, prefs, qrSvg: qr, views, countView: true }),
    tags,
  );
}

export async function renderColumn(
  client: PublicDb,
  slug: string,
  before: string | null,
  prefs: ReaderPrefs,
): Promise<RenderedPage> {
  const [site, columns, column] = await Promise.all([
    siteInfo(client),
    visibleColumns(client),
    columnBySlug(client, slug),
  ]);
  // Only a cursor naming a live article of this column is a page of it (lib/public/data/cursors.ts).
  const cursor = column && before !== null ? await liveCursor(client, before, column.id) : undefined;
  if (!column || (before !== null && !cursor)) {
    return html(NotFoundPage({ site, columns, prefs, path: publicUrls.column(slug) }), SHARED_TAGS, 404);
  }
  // The page starts after that article: withdrawing it changes which page this URL is.
  const tags = [...SHARED_TAGS, cacheTags.column(column.id), ...(cursor ? [cacheTags.linksTo(cursor.id)] : [])];
  if (column.listStyle === "PROFILE_GRID" && !cursor) {
    const profiles = await columnProfiles(client, column.id, GRID_LIMIT);
    const groups = groupByHonour(profiles, t.profileGroupsFallback);
    tags.push(...profiles.map((item) => cacheTags.linksTo(item.id)));
    return html(ColumnPage({ site, columns, prefs, column, items: [], groups }), tags);
  }
  const page = await liveList(client, { columnId: column.id, cursor: cursor ?? undefined, pageSize: COLUMN_PAGE_SIZE });
  tags.push(...page.items.map((item) => cacheTags.linksTo(item.id)));
  return html(
    ColumnPage({ site, columns, prefs, column, items: page.items, before: before ?? undefined, next: page.next }),
    tags,
  );
}

export async function renderHome(client: PublicDb, prefs: ReaderPrefs): Promise<RenderedPage> {
  const [site, columns, latest, slots] = await Promise.all([
    siteInfo(client),
    visibleColumns(client),
    liveList(client, { pageSize: HOME_LATEST }),
    homeSlots(client),
  ]);
  const featured = await Promise.all(
    columns.map(async (column) => ({
      column,
      items: (await liveList(client, { columnId: column.id, pageSize: HOME_FEATURED })).items,
    })),
  );
  return html(HomePage({ site, columns, prefs, latest: latest.items, featured, slots }), [
    ...SHARED_TAGS,
    cacheTags.home,
  ]);
}

/** Search results: cached apart (lib/public/cache/cache-store.ts) and evicted by every publication change. */
export async function renderSearch(
  client: PublicDb,
  rawQuery: string,
  page: number,
  prefs: ReaderPrefs,
): Promise<RenderedPage> {
  const query = normaliseQuery(rawQuery);
  try {
    // The chrome (settings, columns) changes with the navigation: kept with the results, not read per query.
    const [[site, columns], result] = await Promise.all([
      cachedForSearch("chrome", () => Promise.all([siteInfo(client), visibleColumns(client)])),
      cachedSearchArticles(client, query, page),
    ]);
    // The site's document from its shell: only the results are rendered per search.
    const props = { site, columns, prefs, query, result };
    const { title, path } = searchDocumentFields(props);
    const frame = { site, columns, prefs, description: SEARCH_DESCRIPTION, noindex: true };
    return html(renderInDocument(frame, title, path, SearchResults(props)), [...SHARED_TAGS, cacheTags.search]);
  } catch (error) {
    // Cancelled by the statement timeout, or no search connection free (lib/public/data/search.ts): a 503
    // the reader can retry, never cached (the search cache keeps 200s only).
    if (!isSearchBusy(error)) throw error;
    return {
      status: 503,
      contentType: HTML,
      body: renderDocument(SearchBusyPage({ query })),
      tags: [cacheTags.search],
      headers: { "retry-after": "5", "cache-control": "no-store" },
    };
  }
}

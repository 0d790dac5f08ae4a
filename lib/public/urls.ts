/** The public URL scheme, in one place: the renderer, feeds, the sitemap and the static publisher use it. */
export const publicUrls = {
  home: () => "/",
  column: (columnSlug: string) => `/columns/${columnSlug}`,
  columnPage: (columnSlug: string, before?: string) =>
    before ? `/columns/${columnSlug}?before=${encodeURIComponent(before)}` : `/columns/${columnSlug}`,
  columnFeed: (columnSlug: string) => `/columns/${columnSlug}/rss.xml`,
  article: (articleSlug: string) => `/articles/${articleSlug}.html`,
  apiArticle: (articleSlug: string) => `/api/v1/articles/${articleSlug}`,
  search: (query?: string, page?: number) =>
    query ? `/search?q=${encodeURIComponent(query)}${page && page > 1 ? `&page=${page}` : ""}` : "/search",
  siteFeed: () => "/rss.xml",
  sitemap: () => "/sitemap.xml",
  media: (storageKey: string) => `/media/${storageKey}`,
  asset: (name: string) => `/assets/${name}`,
  /** The reading-count beacon (app/api/views/[articleId]). */
  viewBeacon: (articleId: string) => `/api/views/${articleId}`,
};

/** `path` with one more query parameter, whether or not it already has a query string. */
export function withQuery(path: string, name: string, value: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
}

/** Cache tags: what a cached public page shows, so a publish can evict exactly the pages it touches. */
export const cacheTags = {
  /** The article's own page. */
  article: (articleId: string) => `article:${articleId}`,
  /** Whatever answers the article's URL (the page, or its 404 / 410 before and after it is live). */
  url: (articleSlug: string) => `url:${articleSlug}`,
  /** Any page that links to or lists the article (neighbours' prev/next, column pages, home). */
  linksTo: (articleId: string) => `link:${articleId}`,
  /** The column's list pages and its feed. */
  column: (columnId: string) => `column:${columnId}`,
  home: "home",
  /** Every HTML page shows the column navigation: a column added, renamed or hidden changes them all. */
  navigation: "nav",
  siteFeed: "feed:site",
  sitemap: "sitemap",
  search: "search",
  api: "api",
} as const;

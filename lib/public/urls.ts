/** The public URL scheme, in one place: the renderer, feeds, the sitemap and the static publisher use it. */
export const publicUrls = {
  home: () => "/",
  column: (columnSlug: string) => `/columns/${columnSlug}/`,
  article: (articleSlug: string) => `/articles/${articleSlug}.html`,
  media: (storageKey: string) => `/media/${storageKey}`,
  asset: (name: string) => `/assets/${name}`,
};

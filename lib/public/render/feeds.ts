import "server-only";
import { env } from "@/lib/env";
import { publicText as t } from "./messages";
import type { RenderedPage } from "../cache/page-cache";
import { LIVE } from "@/lib/articles/live";
import { columnBySlug, liveList, visibleColumns, type PublicDb, type PublicListItem } from "../data/queries";
import { siteInfo } from "../data/site";
import { cacheTags } from "../cache/tags";
import { publicUrls } from "@/lib/urls";

/** RSS 2.0 feeds, sitemap.xml and robots.txt: the machine-readable side of the public site. */

const FEED_ITEMS = 20;
/** The sitemap protocol's limit for one file. */
export const SITEMAP_MAX_URLS = 50_000;
const XML = "application/xml; charset=utf-8";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped rather than escaped (they cannot be escaped).
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

function rss(
  channel: { title: string; link: string; description: string; self: string },
  items: readonly PublicListItem[],
): string {
  const origin = env().SITE_URL;
  const entries = items
    .map((item) => {
      const link = `${origin}${publicUrls.article(item.slug)}`;
      return [
        "<item>",
        // 主标题——副题, as the lists print it; the 引题 leads the description.
        `<title>${escapeXml(`${item.seriesMark}${item.title}${item.subtitle ? `——${item.subtitle}` : ""}`)}</title>`,
        `<link>${escapeXml(link)}</link>`,
        `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
        `<pubDate>${item.publishedAt.toUTCString()}</pubDate>`,
        `<category>${escapeXml(item.column.name)}</category>`,
        `<description>${escapeXml([item.overTitle, item.summary].filter(Boolean).join(" "))}</description>`,
        "</item>",
      ].join("");
    })
    .join("\n");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.link)}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    "<language>zh-cn</language>",
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    entries,
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}

export async function renderSiteFeed(client: PublicDb): Promise<RenderedPage> {
  const [site, page] = await Promise.all([siteInfo(client), liveList(client, { pageSize: FEED_ITEMS })]);
  const body = rss(
    {
      title: t.siteFeedTitle(site.name),
      link: `${site.url}/`,
      description: t.siteFeedTitle(site.name),
      self: `${site.url}${publicUrls.siteFeed()}`,
    },
    page.items,
  );
  return {
    status: 200,
    contentType: "application/rss+xml; charset=utf-8",
    body,
    tags: [cacheTags.siteFeed, cacheTags.navigation],
  };
}

export async function renderColumnFeed(client: PublicDb, slug: string): Promise<RenderedPage | null> {
  const [site, column] = await Promise.all([siteInfo(client), columnBySlug(client, slug)]);
  if (!column) return null;
  const page = await liveList(client, { columnId: column.id, pageSize: FEED_ITEMS });
  const body = rss(
    {
      title: t.columnFeedTitle(site.name, column.name),
      link: `${site.url}${publicUrls.column(column.slug)}`,
      description: column.description || column.name,
      self: `${site.url}${publicUrls.columnFeed(column.slug)}`,
    },
    page.items,
  );
  // link:<id> of every item, like the column pages: an article whose published move takes it to
  // another column leaves this feed too (its new column is what afterPublicationChange knows).
  const tags = [
    cacheTags.column(column.id),
    cacheTags.navigation,
    ...page.items.map((item) => cacheTags.linksTo(item.id)),
  ];
  return { status: 200, contentType: "application/rss+xml; charset=utf-8", body, tags };
}

export async function renderSitemap(client: PublicDb): Promise<RenderedPage> {
  const origin = env().SITE_URL;
  const [columns, articles] = await Promise.all([
    visibleColumns(client),
    client.article.findMany({
      where: { ...LIVE, publishedColumn: { is: { hidden: false } } },
      orderBy: [{ publishedDisplayDate: "desc" }, { id: "desc" }],
      take: SITEMAP_MAX_URLS - 100,
      select: { slug: true, publishedAt: true, publishedRevision: { select: { createdAt: true } } },
    }),
  ]);
  const url = (path: string, lastmod?: Date) =>
    `<url><loc>${escapeXml(`${origin}${path}`)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</url>`;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(publicUrls.home()),
    ...columns.map((column) => url(publicUrls.column(column.slug))),
    ...articles.map((article) => {
      const dates = [article.publishedAt, article.publishedRevision?.createdAt].filter((d): d is Date => !!d);
      const lastmod = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : undefined;
      return url(publicUrls.article(article.slug), lastmod);
    }),
    "</urlset>",
    "",
  ].join("\n");
  return { status: 200, contentType: XML, body, tags: [cacheTags.sitemap, cacheTags.navigation] };
}

export function renderRobots(): RenderedPage {
  const origin = env().SITE_URL;
  const body = [
    "User-agent: *",
    "Disallow: /admin",
    "Disallow: /search",
    "Allow: /",
    `Sitemap: ${origin}${publicUrls.sitemap()}`,
    "",
  ].join("\n");
  return { status: 200, contentType: "text/plain; charset=utf-8", body, tags: [] };
}

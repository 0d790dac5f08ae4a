import "server-only";
import { renderBody } from "@/lib/articles/render-body";
import { env } from "@/lib/env";
import { mediaLookup, renderedMedia } from "@/lib/media/rendered";
import type { RenderedPage } from "../cache/page-cache";
import { cleanText } from "@/lib/http/params";
import { canonicalCursor, liveCursor } from "../data/cursors";
import {
  articleBySlug,
  liveList,
  visibleColumns,
  type PublicDb,
  type PublicListItem,
  type PublicMedia,
} from "../data/queries";
import { cacheTags } from "../cache/tags";
import { publicUrls } from "@/lib/urls";

/**
 * The read-only JSON API under /api/v1 (documented in lib/public/render/openapi.ts): live content only,
 * keyset-paginated with the same `before` cursors as the column pages, cached like the pages.
 */

const JSON_TYPE = "application/json; charset=utf-8";
export const API_DEFAULT_LIMIT = 20;
export const API_MAX_LIMIT = 100;

function json(status: number, data: unknown, tags: readonly string[]): RenderedPage {
  return {
    status,
    contentType: JSON_TYPE,
    body: JSON.stringify(data),
    tags,
    headers: { "access-control-allow-origin": "*" },
  };
}

export function apiError(status: number, code: string, message: string): RenderedPage {
  return json(status, { error: { code, message } }, [cacheTags.api]);
}

function mediaJson(media: PublicMedia | null) {
  if (!media) return null;
  const rendered = renderedMedia(media);
  const origin = env().SITE_URL;
  return {
    url: `${origin}${rendered.src}`,
    width: rendered.width,
    height: rendered.height,
    alt: media.alt,
    srcset: rendered.srcset
      .split(", ")
      .filter(Boolean)
      .map((entry) => `${origin}${entry}`)
      .join(", "),
  };
}

function itemJson(item: PublicListItem) {
  return {
    id: item.id,
    slug: item.slug,
    title: item.title,
    overTitle: item.overTitle,
    subtitle: item.subtitle,
    seriesMark: item.seriesMark,
    summary: item.summary,
    publishedAt: item.publishedAt.toISOString(),
    url: `${env().SITE_URL}${publicUrls.article(item.slug)}`,
    column: { slug: item.column.slug, name: item.column.name },
    cover: mediaJson(item.cover),
    profile: item.profile
      ? { name: item.profile.name, honour: item.profile.honour, portrait: mediaJson(item.profile.portrait) }
      : null,
  };
}

/** `limit` as one spelling (`05`, `5.0` → `5`), so every spelling of one request shares one cache entry. */
function canonicalLimit(raw: string): string {
  const limit = Number(raw);
  return Number.isInteger(limit) ? String(limit) : raw;
}

/** The query of the list endpoints (/api/v1/articles, /api/v1/profiles), read into one spelling. */
export const LIST_QUERY = {
  column: cleanText(64),
  before: cleanText(60).transform(canonicalCursor),
  limit: cleanText(10).transform(canonicalLimit),
};

export interface ListQuery {
  column?: string | null;
  before?: string | null;
  limit?: string | null;
}

function parseLimit(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw === "") return API_DEFAULT_LIMIT;
  const limit = Number(raw);
  return Number.isInteger(limit) && limit >= 1 && limit <= API_MAX_LIMIT ? limit : undefined;
}

async function listing(client: PublicDb, query: ListQuery, withProfile: boolean): Promise<RenderedPage> {
  const limit = parseLimit(query.limit);
  if (limit === undefined) return apiError(400, "BAD_LIMIT", `limit 必须是 1 到 ${API_MAX_LIMIT} 之间的整数`);
  let columnId: string | undefined;
  if (query.column) {
    const column = (await visibleColumns(client)).find((candidate) => candidate.slug === query.column);
    if (!column) return apiError(404, "NOT_FOUND", "栏目不存在");
    columnId = column.id;
  }
  // Only cursors this API handed out (a live article's position) page on; see lib/public/data/cursors.ts.
  const cursor = query.before ? await liveCursor(client, query.before, columnId) : undefined;
  if (query.before && !cursor) return apiError(400, "BAD_CURSOR", "before 参数无效");
  const page = await liveList(client, { columnId, cursor: cursor ?? undefined, pageSize: limit, withProfile });
  return json(200, { data: page.items.map(itemJson), next: page.next ?? null }, [cacheTags.api]);
}

export function articlesJson(client: PublicDb, query: ListQuery): Promise<RenderedPage> {
  return listing(client, query, false);
}

export async function profilesJson(client: PublicDb, query: ListQuery): Promise<RenderedPage> {
  const page = await listing(client, query, true);
  if (page.status !== 200) return page;
  const parsed = JSON.parse(page.body) as { data: ReturnType<typeof itemJson>[]; next: string | null };
  const data = parsed.data.flatMap((item) =>
    item.profile
      ? [
          {
            ...item.profile,
            article: { slug: item.slug, title: item.title, url: item.url, publishedAt: item.publishedAt },
          },
        ]
      : [],
  );
  return json(200, { data, next: parsed.next }, page.tags);
}

export async function articleJson(client: PublicDb, slug: string): Promise<RenderedPage> {
  const found = await articleBySlug(client, slug);
  // Not-found and withdrawn answers carry the `api` tag, which every publication change evicts.
  if (found.kind === "missing") return apiError(404, "NOT_FOUND", "文章不存在");
  if (found.kind === "withdrawn") return apiError(410, "WITHDRAWN", "此文章已撤回");
  if (found.kind === "moved") {
    return {
      ...json(301, { error: { code: "MOVED", message: "文章网址已更改" } }, [
        cacheTags.api,
        cacheTags.article(found.articleId),
      ]),
      headers: { "access-control-allow-origin": "*", location: publicUrls.apiArticle(found.slug) },
    };
  }
  const article = found.article;
  const item = itemJson({ ...article, column: article.column });
  return json(
    200,
    {
      data: {
        ...item,
        source: article.source,
        byline: article.byline,
        responsibleEditor: article.responsibleEditor,
        lead: article.lead,
        profile: article.profile
          ? {
              kind: article.profile.kind,
              name: article.profile.name,
              honour: article.profile.honour,
              position: article.profile.position,
              organisation: article.profile.organisation,
              portrait: mediaJson(article.profile.portrait),
            }
          : null,
        html: renderBody(article.body, { media: mediaLookup(article.media) }),
        text: article.plainText,
        previous: article.previous ? { slug: article.previous.slug, title: article.previous.title } : null,
        next: article.next ? { slug: article.next.slug, title: article.next.title } : null,
      },
    },
    [cacheTags.api, cacheTags.article(article.id)],
  );
}

export async function columnsJson(client: PublicDb): Promise<RenderedPage> {
  const columns = await visibleColumns(client);
  const origin = env().SITE_URL;
  return json(
    200,
    {
      data: columns.map((column) => ({
        slug: column.slug,
        name: column.name,
        description: column.description,
        seriesMark: column.seriesMark,
        listStyle: column.listStyle,
        url: `${origin}${publicUrls.column(column.slug)}`,
        feed: `${origin}${publicUrls.columnFeed(column.slug)}`,
      })),
    },
    [cacheTags.api, cacheTags.navigation],
  );
}

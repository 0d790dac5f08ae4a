import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseRenditions } from "@/lib/media/renditions";
import { inspectionText } from "./messages";

/**
 * Resolves the site's own links against what is live, in bulk: one query per kind of target for a
 * whole batch of pages, never one per link. A link is fine when a reader following it would get the
 * page or file: a live article in a visible column or a visible column (either also by an old slug
 * that redirects to it), a stored photo or rendition, a file under public/assets, or a fixed route.
 */

export type InternalTarget =
  | { type: "ok" }
  | { type: "article"; slug: string }
  | { type: "column"; slug: string }
  | { type: "media"; key: string }
  | { type: "asset"; name: string }
  | { type: "unknown" };

const FIXED_ROUTES = new Set([
  "/",
  "/search",
  "/rss.xml",
  "/sitemap.xml",
  "/robots.txt",
  "/api/v1/openapi.json",
  "/api/v1/articles",
  "/api/v1/columns",
  "/api/v1/profiles",
]);

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** What an internal path points at, from the URL scheme of lib/urls.ts. */
export function classifyPath(pathname: string): InternalTarget {
  if (FIXED_ROUTES.has(pathname)) return { type: "ok" };
  let match = /^\/articles\/([^/]+)\.html$/.exec(pathname);
  if (match) {
    const slug = decode(match[1]);
    return slug ? { type: "article", slug } : { type: "unknown" };
  }
  match = /^\/columns\/([^/]+)(?:\/|\/rss\.xml)?$/.exec(pathname);
  if (match) {
    const slug = decode(match[1]);
    return slug ? { type: "column", slug } : { type: "unknown" };
  }
  match = /^\/media\/(.+)$/.exec(pathname);
  if (match) return { type: "media", key: match[1] };
  match = /^\/assets\/([^/]+)$/.exec(pathname);
  if (match) return { type: "asset", name: match[1] };
  // The reading-count beacon and the public API's per-item URLs answer for any id they know; the
  // pages only ever emit them for the article on the page.
  if (/^\/api\/(views|v1\/(articles|profiles))\/[^/]+$/.test(pathname)) return { type: "ok" };
  return { type: "unknown" };
}

export interface ColumnInfo {
  id: string;
  slug: string;
  name: string;
  hidden: boolean;
}

const e = inspectionText.evidence;
/** Bounded cache of resolved targets, so 100,000 links to the same few pages cost a few lookups. */
const CACHE_LIMIT = 50_000;

export class InternalLinkResolver {
  private readonly cache = new Map<string, string | null>();
  private assets: Set<string> | null = null;
  /** Hidden columns that live pages link to: column id → pages (count and one example). */
  readonly hiddenLinked = new Map<string, { count: number; example: string }>();

  constructor(
    private readonly db: Pick<PrismaClient, "article" | "articleSlugRedirect" | "media">,
    private readonly columnsBySlug: ReadonlyMap<string, ColumnInfo>,
    private readonly redirects: ReadonlyMap<string, string>,
    private readonly assetDir = path.join(process.cwd(), "public", "assets"),
  ) {}

  private cacheKey(target: InternalTarget): string {
    switch (target.type) {
      case "article":
        return `a:${target.slug}`;
      case "column":
        return `c:${target.slug}`;
      case "media":
        return `m:${target.key}`;
      case "asset":
        return `f:${target.name}`;
      default:
        return target.type;
    }
  }

  private remember(key: string, problem: string | null): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, problem);
  }

  private columnProblem(slug: string, page: string): string | null {
    const column = this.columnsBySlug.get(slug) ?? this.columnsBySlug.get(this.redirects.get(slug) ?? "");
    if (!column) return e.columnMissing;
    if (column.hidden) {
      const seen = this.hiddenLinked.get(column.id);
      this.hiddenLinked.set(column.id, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? page });
      return e.columnHidden;
    }
    return null;
  }

  /**
   * The problem with each target ("" never; null = fine), in input order. `pages[i]` is the page
   * that links targets[i] (for the hidden-column report).
   */
  async resolve(targets: readonly InternalTarget[], pages: readonly string[]): Promise<(string | null)[]> {
    const articles = new Set<string>();
    const media = new Set<string>();
    let needAssets = false;
    for (const target of targets) {
      if (this.cache.has(this.cacheKey(target))) continue;
      if (target.type === "article") articles.add(target.slug);
      else if (target.type === "media") media.add(target.key);
      else if (target.type === "asset") needAssets = true;
    }
    if (articles.size > 0) await this.loadArticles([...articles]);
    if (media.size > 0) await this.loadMedia([...media]);
    if (needAssets && !this.assets) this.assets = new Set(await readdir(this.assetDir).catch(() => []));

    return targets.map((target, index) => {
      switch (target.type) {
        case "ok":
          return null;
        case "unknown":
          return e.pathUnknown;
        case "column":
          // Not cached: every link to a hidden column counts towards its report.
          return this.columnProblem(target.slug, pages[index] ?? "");
        case "asset":
          return this.assets?.has(target.name) ? null : e.assetMissing;
        default:
          return this.cache.get(this.cacheKey(target)) ?? null;
      }
    });
  }

  /**
   * As the public article route answers (lib/public/data/queries.ts articleBySlug): an old address
   * redirects to the article's current one, and the column that counts is the one its live revision
   * is published in — not the working copy of its newest draft.
   */
  private async loadArticles(slugs: string[]): Promise<void> {
    const select = {
      slug: true,
      publishedRevisionId: true,
      publishedDisplayDate: true,
      withdrawnAt: true,
      publishedColumn: { select: { hidden: true } },
    } as const;
    const rows = await this.db.article.findMany({ where: { slug: { in: slugs } }, select });
    const bySlug = new Map(rows.map((row) => [row.slug, row]));
    const unknown = slugs.filter((slug) => !bySlug.has(slug));
    const moved = unknown.length
      ? await this.db.articleSlugRedirect.findMany({
          where: { slug: { in: unknown } },
          select: { slug: true, article: { select } },
        })
      : [];
    for (const redirect of moved) bySlug.set(redirect.slug, redirect.article);
    for (const slug of slugs) {
      const row = bySlug.get(slug);
      const problem = !row
        ? e.articleMissing
        : row.withdrawnAt
          ? e.articleWithdrawn
          : !row.publishedRevisionId || !row.publishedDisplayDate || !row.publishedColumn
            ? e.articleUnpublished
            : row.publishedColumn.hidden
              ? e.articleHiddenColumn
              : null;
      this.remember(`a:${slug}`, problem);
    }
  }

  /** Storage keys are `<sha256>/<variant>.<ext>`: the photo is found by its hash, the key among its files. */
  private async loadMedia(keys: string[]): Promise<void> {
    const hashes = [...new Set(keys.map((key) => key.split("/")[0]).filter((hash) => /^[a-f0-9]{64}$/.test(hash)))];
    const rows = hashes.length
      ? await this.db.media.findMany({
          where: { sha256: { in: hashes } },
          select: { sha256: true, storageKey: true, renditions: true },
        })
      : [];
    const files = new Set<string>();
    for (const row of rows) {
      files.add(row.storageKey);
      for (const rendition of parseRenditions(row.renditions)) files.add(rendition.key);
    }
    for (const key of keys) this.remember(`m:${key}`, files.has(key) ? null : e.mediaMissing);
  }
}

import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CACHE_CHANNEL, invalidationPayload } from "../cache/cache-bus";
import { evictOnEveryWorker } from "../cache/cache-store";
import { afterCommit, recordPublicationChange, recordSiteChange, type AfterCommit } from "./outbox";
import { cacheTags } from "../cache/tags";

type Db = Pick<PrismaClient, "article">;

/**
 * The tags of every public page that changes when what is live of `articleIds` changes: the article,
 * every page that lists or links it (old column pages, neighbours, home — they carry `link:<id>`), its
 * current column's pages and feed, the pages that become its neighbours now, and the site-wide pages.
 */
export async function affectedTags(client: Db, articleIds: readonly string[]): Promise<string[]> {
  const tags = new Set<string>([
    cacheTags.home,
    cacheTags.siteFeed,
    cacheTags.sitemap,
    cacheTags.search,
    cacheTags.api,
  ]);
  const articles = await client.article.findMany({
    where: { id: { in: [...articleIds] } },
    select: { id: true, slug: true, columnId: true, publishedColumnId: true, publishedDisplayDate: true },
  });
  for (const id of articleIds) {
    tags.add(cacheTags.article(id));
    tags.add(cacheTags.linksTo(id));
  }
  for (const article of articles) {
    tags.add(cacheTags.url(article.slug));
    tags.add(cacheTags.column(article.columnId));
    // Public lists place a live article by its published revision's column (docs/public-site.md).
    if (article.publishedColumnId) tags.add(cacheTags.column(article.publishedColumnId));
    if (!article.publishedDisplayDate || !article.publishedColumnId) continue;
    // The live articles on either side of it in its column: their prev/next link changes.
    const live = {
      publishedColumnId: article.publishedColumnId,
      publishedRevisionId: { not: null },
      withdrawnAt: null,
      id: { not: article.id },
    };
    const at = article.publishedDisplayDate;
    const [before, after] = await Promise.all([
      client.article.findFirst({
        where: {
          ...live,
          publishedDisplayDate: { lte: at },
          OR: [{ publishedDisplayDate: { lt: at } }, { publishedDisplayDate: at, id: { lt: article.id } }],
        },
        orderBy: [{ publishedDisplayDate: "desc" }, { id: "desc" }],
        select: { id: true },
      }),
      client.article.findFirst({
        where: {
          ...live,
          publishedDisplayDate: { gte: at },
          OR: [{ publishedDisplayDate: { gt: at } }, { publishedDisplayDate: at, id: { gt: article.id } }],
        },
        orderBy: [{ publishedDisplayDate: "asc" }, { id: "asc" }],
        select: { id: true },
      }),
    ]);
    if (before) tags.add(cacheTags.article(before.id));
    if (after) tags.add(cacheTags.article(after.id));
  }
  return [...tags];
}

/**
 * A publication change made outside a transaction of its own (tests, scripts): records it as the
 * workflow does inside its transaction (lib/public/publish/outbox.ts), then carries it out. Commands call
 * recordPublicationChange in their transaction and afterCommit after it instead.
 */
export async function afterPublicationChange(articleIds: string[], client: PrismaClient = db): Promise<AfterCommit> {
  const id = await client.$transaction((tx) => recordPublicationChange(tx, articleIds));
  return afterCommit([id], client);
}

/** The same for a site-wide change that every public page shows (site settings, columns). */
export async function afterSiteChange(client: PrismaClient = db): Promise<AfterCommit> {
  const id = await client.$transaction((tx) => recordSiteChange(tx));
  return afterCommit([id], client);
}

/** After the search synonyms change: cached search pages answer with the old list until evicted. */
export async function afterSearchSettingsChange(client: Pick<PrismaClient, "$executeRaw"> = db): Promise<void> {
  // Every instance hears it through the cache bus; this one evicts at once.
  await client.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${invalidationPayload([cacheTags.search])})`;
  await evictOnEveryWorker([cacheTags.search]);
}

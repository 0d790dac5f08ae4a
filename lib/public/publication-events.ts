import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { publishStaticSite, updateStaticSite } from "./static-site";
import { cacheTags } from "./tags";
import { invalidationPayload, CACHE_CHANNEL } from "./cache-bus";
import { clearCachedPages, invalidateCachedPages } from "./cache-store";

type Db = Pick<PrismaClient, "article" | "$executeRaw">;

/** pg_advisory_xact_lock key serialising static-site writes across instances. */
const STATIC_LOCK = 51_471_001;

/**
 * The tags of every public page that changes when what is live of `articleIds` changes: the article,
 * every page that lists or links it (old column pages, neighbours, home — they carry `link:<id>`), its
 * current column's pages and feed, the pages that become its neighbours now, and the site-wide pages.
 */
export async function affectedTags(client: Db, articleIds: readonly string[]): Promise<string[]> {
  const tags = new Set<string>([cacheTags.home, cacheTags.siteFeed, cacheTags.sitemap, cacheTags.search, cacheTags.api]);
  const articles = await client.article.findMany({
    where: { id: { in: [...articleIds] } },
    select: { id: true, slug: true, columnId: true, publishedAt: true },
  });
  for (const id of articleIds) {
    tags.add(cacheTags.article(id));
    tags.add(cacheTags.linksTo(id));
  }
  for (const article of articles) {
    tags.add(cacheTags.url(article.slug));
    tags.add(cacheTags.column(article.columnId));
    if (!article.publishedAt) continue;
    // The live articles on either side of it in its column: their prev/next link changes.
    const live = { columnId: article.columnId, publishedRevisionId: { not: null }, withdrawnAt: null, id: { not: article.id } };
    const at = article.publishedAt;
    const [before, after] = await Promise.all([
      client.article.findFirst({
        where: { ...live, publishedAt: { lte: at }, OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: article.id } }] },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        select: { id: true },
      }),
      client.article.findFirst({
        where: { ...live, publishedAt: { gte: at }, OR: [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: article.id } }] },
        orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
        select: { id: true },
      }),
    ]);
    if (before) tags.add(cacheTags.article(before.id));
    if (after) tags.add(cacheTags.article(after.id));
  }
  return [...tags];
}

/**
 * Called by the workflow AFTER its transaction commits, whenever what is live changes (publish,
 * withdraw, scheduled job, home-slot change). Evicts exactly the affected pages here, tells every
 * other instance through PostgreSQL NOTIFY.
 */
export async function afterPublicationChange(articleIds: string[], client: Db = db): Promise<void> {
  const tags = await affectedTags(client, articleIds);
  await invalidate(client, tags);
  const staticDir = env().STATIC_DIR;
  if (staticDir) await updateStaticSiteLocked(staticDir, { articleIds, tags });
}

async function updateStaticSiteLocked(dir: string, change: { articleIds: readonly string[]; tags: readonly string[] }): Promise<void> {
  await writeStaticSiteLocked(() => updateStaticSite(db, dir, env().AUTH_SECRET, change));
}

/** One instance at a time writes the static site (its manifest is one file). */
async function writeStaticSiteLocked(write: () => Promise<unknown>): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STATIC_LOCK})`;
      await write();
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

async function invalidate(client: Db, tags: readonly string[]): Promise<void> {
  invalidateCachedPages(tags);
  await client.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${invalidationPayload(tags)})`;
}

/**
 * Called after a site-wide change that every public page shows (site settings, footer, column names,
 * order or visibility, home-page slots): empties the page cache here and, through the "everything"
 * notification ("{}"), on every other instance. Added by the site-administration work.
 */
export async function afterSiteChange(client: Pick<PrismaClient, "$executeRaw"> = db): Promise<void> {
  clearCachedPages();
  await client.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${"{}"})`;
  const staticDir = env().STATIC_DIR;
  if (staticDir) await writeStaticSiteLocked(() => publishStaticSite(db, staticDir, env().AUTH_SECRET));
}

/** After the search synonyms change: cached search pages answer with the old list until evicted. */
export async function afterSearchSettingsChange(client: Db = db): Promise<void> {
  await invalidate(client, [cacheTags.search]);
}

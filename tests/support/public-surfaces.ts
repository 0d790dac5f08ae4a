import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MediaStorage } from "@/lib/media/storage";
import { articleJson, articlesJson, profilesJson } from "@/lib/public/render/api";
import { renderColumnFeed, renderSiteFeed, renderSitemap } from "@/lib/public/render/feeds";
import { renderArticle, renderColumn, renderHome, renderSearch } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { MANIFEST_FILE, publishStaticSite } from "@/lib/public/publish/static-site";

/**
 * Everything the public side shows, rendered afresh from the database (no cache): the article page,
 * every column page and feed, home, search results for the given queries, RSS, sitemap, /api/v1 and
 * the static site as `npm run publish:static` writes it (file → sha-256). Two snapshots are equal
 * exactly when no reader could tell the difference.
 */
export interface PublicSurfaces {
  [surface: string]: string;
}

async function staticFiles(db: PrismaClient, storage: MediaStorage): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "surfaces-static-"));
  try {
    await publishStaticSite(db, dir, "surface-secret-surface-secret-0123456789", storage);
    const files: Record<string, string> = {};
    const walk = async (base: string) => {
      for (const entry of await readdir(path.join(dir, base), { withFileTypes: true })) {
        const relative = base ? `${base}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(relative);
        // The manifest holds the time it was written; every file it lists is compared itself.
        else if (relative !== MANIFEST_FILE)
          files[`static:${relative}`] = createHash("sha256")
            .update(await readFile(path.join(dir, relative)))
            .digest("hex");
      }
    };
    await walk("");
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function publicSurfaces(
  db: PrismaClient,
  options: { slugs: readonly string[]; searches: readonly string[]; storage: MediaStorage },
): Promise<PublicSurfaces> {
  const surfaces: PublicSurfaces = {};
  const columns = await db.column.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  for (const slug of options.slugs) {
    surfaces[`article:${slug}`] = (await renderArticle(db, slug, DEFAULT_PREFS)).body;
    surfaces[`api:article:${slug}`] = (await articleJson(db, slug)).body;
  }
  for (const { slug } of columns) {
    surfaces[`column:${slug}`] = (await renderColumn(db, slug, null, DEFAULT_PREFS)).body;
    surfaces[`feed:${slug}`] = (await renderColumnFeed(db, slug))?.body ?? "";
    surfaces[`api:articles:${slug}`] = (await articlesJson(db, { column: slug })).body;
  }
  surfaces.home = (await renderHome(db, DEFAULT_PREFS)).body;
  surfaces.rss = (await renderSiteFeed(db)).body;
  surfaces.sitemap = (await renderSitemap(db)).body;
  surfaces["api:articles"] = (await articlesJson(db, {})).body;
  surfaces["api:profiles"] = (await profilesJson(db, {})).body;
  for (const query of options.searches)
    surfaces[`search:${query}`] = (await renderSearch(db, query, 1, DEFAULT_PREFS)).body;
  // The static site includes the photo files live pages show.
  Object.assign(surfaces, await staticFiles(db, options.storage));
  return surfaces;
}

/** The surfaces that differ between two snapshots (empty when a reader sees no change). */
export function changedSurfaces(before: PublicSurfaces, after: PublicSurfaces): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]).sort();
}

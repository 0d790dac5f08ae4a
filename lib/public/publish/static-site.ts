import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mediaStorage, type MediaStorage } from "@/lib/media/storage";
import { renderColumnFeed, renderRobots, renderSiteFeed, renderSitemap } from "../render/feeds";
import type { RenderedPage } from "../cache/page-cache";
import { COLUMN_PAGE_SIZE, renderArticle, renderColumn, renderGone, renderHome, renderNotFound } from "../render/pages";
import { DEFAULT_PREFS } from "../render/prefs";
import { decodeCursor, liveList, visibleColumns, type PublicDb } from "../data/queries";
import { photoFile, syncStaticPhotos } from "./static-photos";
import { asStaticTarget, type StaticTarget } from "./static-target";
import { publicUrls } from "@/lib/urls";

/**
 * 静态发布: the public site written as plain files that nginx or a CDN serves directly, the same bytes
 * the app serves (rendered with the default 字号; reader.js applies a reader's stored choice), into a
 * directory or an S3 bucket (./static-target.ts). A
 * signed manifest records every file's sha-256, so `npm run verify:static` reports any file changed,
 * added or removed behind the CMS's back (网页防篡改).
 */

export const MANIFEST_FILE = ".cms-manifest.json";
/**
 * One empty marker file per withdrawn URL (`.withdrawn/articles/<slug>.html`), which nginx tests on
 * every request (`if (-f $document_root/.withdrawn$uri) { return 410; }`, deploy/nginx-static.conf):
 * a withdrawal answers 410 without a reload, and a re-publication removes the marker before nginx
 * could answer 410 for a live page.
 */
export const WITHDRAWN_DIR = ".withdrawn";

/** The marker file of a withdrawn URL path, relative to the static directory. */
export function withdrawnMarker(urlPath: string): string {
  return `${WITHDRAWN_DIR}${urlPath}`;
}

type Source =
  | { kind: "home" }
  | { kind: "article"; slug: string }
  | { kind: "column"; slug: string; before?: string }
  | { kind: "columnFeed"; slug: string }
  | { kind: "siteFeed" }
  | { kind: "sitemap" }
  | { kind: "robots" }
  | { kind: "notFound" }
  | { kind: "gone" }
  | { kind: "asset"; name: string }
  /** A stored photo file live pages show (./static-photos.ts); copied, never rendered. */
  | { kind: "photo"; key: string };

interface ManifestEntry {
  sha256: string;
  tags: readonly string[];
  source: Source;
  /** For an article page: the published revision it shows (verify compares it with the database). */
  revisionId?: string;
}

interface Manifest {
  generatedAt: string;
  files: Record<string, ManifestEntry>;
  /** URL paths of withdrawn articles, answered 410 by nginx through their marker files (WITHDRAWN_DIR). */
  withdrawn: string[];
}

interface SignedManifest extends Manifest {
  signature: string;
}

/** Where each public URL lives in the copy. */
export function fileFor(source: Source): string {
  switch (source.kind) {
    case "home":
      return "index.html";
    case "article":
      return `articles/${source.slug}.html`;
    case "column":
      return source.before ? `columns/${source.slug}/before/${source.before}.html` : `columns/${source.slug}.html`;
    case "columnFeed":
      return `columns/${source.slug}/rss.xml`;
    case "siteFeed":
      return "rss.xml";
    case "sitemap":
      return "sitemap.xml";
    case "robots":
      return "robots.txt";
    case "notFound":
      return "404.html";
    case "gone":
      return "410.html";
    case "asset":
      return `assets/${source.name}`;
    case "photo":
      return photoFile(source.key);
  }
}

const ASSET_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "public", "assets");

async function render(client: PublicDb, source: Source): Promise<RenderedPage | null> {
  switch (source.kind) {
    case "home":
      return renderHome(client, DEFAULT_PREFS);
    case "article":
      return renderArticle(client, source.slug, DEFAULT_PREFS);
    case "column":
      return renderColumn(client, source.slug, source.before ?? null, DEFAULT_PREFS);
    case "columnFeed":
      return renderColumnFeed(client, source.slug);
    case "siteFeed":
      return renderSiteFeed(client);
    case "sitemap":
      return renderSitemap(client);
    case "robots":
      return renderRobots();
    case "notFound":
      return renderNotFound(client, DEFAULT_PREFS, "/404.html");
    case "gone":
      return renderGone(client, DEFAULT_PREFS);
    case "asset": {
      const body = await readFile(path.join(/* turbopackIgnore: true */ ASSET_DIR, source.name), "utf8");
      return { status: 200, contentType: "", body, tags: [] };
    }
    case "photo":
      return null;
  }
}

function sign(manifest: Manifest, secret: string): string {
  return createHmac("sha256", secret).update(JSON.stringify(manifest)).digest("hex");
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

class StaticWriter {
  constructor(
    private readonly client: PublicDb,
    private readonly target: StaticTarget,
    readonly manifest: Manifest,
  ) {}

  /** Renders `source` and writes it (200), or removes it (anything else); returns the status. */
  async refresh(source: Source): Promise<number> {
    const file = fileFor(source);
    const page = await render(this.client, source);
    const expected = source.kind === "notFound" ? 404 : source.kind === "gone" ? 410 : 200;
    const urlPath = source.kind === "article" ? publicUrls.article(source.slug) : undefined;
    if (!page || page.status !== expected) {
      // Withdrawn: the marker first, so nginx answers 410 from the moment the page is gone.
      if (urlPath && page?.status === 410) await this.markWithdrawn(urlPath, true);
      await this.remove(file);
      if (urlPath && page?.status !== 410) await this.markWithdrawn(urlPath, false);
      return page?.status ?? 404;
    }
    const body = Buffer.from(page.body, "utf8");
    await this.target.write(file, body);
    const revisionId = source.kind === "article" ? await this.publishedRevision(source.slug) : undefined;
    this.manifest.files[file] = {
      sha256: sha256(body),
      tags: page.tags,
      source,
      ...(revisionId ? { revisionId } : {}),
    };
    // Live again: the page is in place before its marker goes, so nginx never answers 410 for it.
    if (urlPath) await this.markWithdrawn(urlPath, false);
    return page.status;
  }

  private async publishedRevision(slug: string): Promise<string | undefined> {
    const row = await this.client.article.findUnique({ where: { slug }, select: { publishedRevisionId: true } });
    return row?.publishedRevisionId ?? undefined;
  }

  /** Adds or removes the URL's withdrawal marker, and keeps the manifest's list in step. */
  async markWithdrawn(urlPath: string, withdrawn: boolean): Promise<void> {
    const marker = withdrawnMarker(urlPath);
    const list = new Set(this.manifest.withdrawn);
    if (withdrawn) {
      await this.target.write(marker, "");
      list.add(urlPath);
    } else {
      await this.target.remove(marker);
      list.delete(urlPath);
    }
    this.manifest.withdrawn = [...list].sort();
  }

  async remove(file: string): Promise<void> {
    delete this.manifest.files[file];
    await this.target.remove(file);
  }

  /** Every page of a column: the first, then each older page by its keyset cursor. */
  async refreshColumn(slug: string, columnId: string | null): Promise<void> {
    const wanted = new Set<string>();
    const first = { kind: "column", slug } as const;
    await this.refresh(first);
    wanted.add(fileFor(first));
    if (columnId) {
      let cursor: string | undefined;
      for (;;) {
        const page = await liveList(this.client, {
          columnId,
          cursor: decodeCursor(cursor),
          pageSize: COLUMN_PAGE_SIZE,
        });
        if (!page.next) break;
        cursor = page.next;
        const source = { kind: "column", slug, before: cursor } as const;
        await this.refresh(source);
        wanted.add(fileFor(source));
      }
    }
    const prefix = `columns/${slug}/before/`;
    for (const file of Object.keys(this.manifest.files)) {
      if (file.startsWith(prefix) && !wanted.has(file)) await this.remove(file);
    }
    await this.refresh({ kind: "columnFeed", slug });
  }

  async save(secret: string): Promise<void> {
    this.manifest.generatedAt = new Date().toISOString();
    const signed: SignedManifest = { ...this.manifest, signature: sign(this.manifest, secret) };
    // Markers for exactly the withdrawn URLs (a whole-site publish sets the list at once).
    const wanted = new Set(this.manifest.withdrawn.map(withdrawnMarker));
    for (const urlPath of this.manifest.withdrawn) await this.target.write(withdrawnMarker(urlPath), "");
    for (const file of await this.target.list(`${WITHDRAWN_DIR}/`)) {
      if (!wanted.has(file)) await this.target.remove(file);
    }
    await this.target.write(MANIFEST_FILE, JSON.stringify(signed, null, 1));
    // Before markers there was one map file that nginx read only at reload.
    await this.target.remove(".withdrawn.map");
  }
}

async function readManifest(target: StaticTarget): Promise<SignedManifest | null> {
  const data = await target.read(MANIFEST_FILE);
  return data ? (JSON.parse(data.toString("utf8")) as SignedManifest) : null;
}

/** Writes the whole public site into `to` (a directory or s3:// location); files the new site no longer has are removed. */
export async function publishStaticSite(
  client: PublicDb,
  to: StaticTarget | string,
  secret: string,
  storage: MediaStorage = mediaStorage(),
): Promise<{ files: number; withdrawn: number }> {
  const target = asStaticTarget(to);
  const previous = await readManifest(target);
  const writer = new StaticWriter(client, target, { generatedAt: "", files: {}, withdrawn: [] });
  for (const source of [
    { kind: "home" },
    { kind: "siteFeed" },
    { kind: "sitemap" },
    { kind: "robots" },
    { kind: "notFound" },
    { kind: "gone" },
  ] as const) {
    await writer.refresh(source);
  }
  for (const name of await readdir(ASSET_DIR)) await writer.refresh({ kind: "asset", name });
  for (const column of await visibleColumns(client)) await writer.refreshColumn(column.slug, column.id);
  // Live articles a page at a time, then the withdrawn ones (their URLs answer 410).
  let cursor: string | undefined;
  for (;;) {
    const page = await liveList(client, { cursor: decodeCursor(cursor), pageSize: 200 });
    for (const item of page.items) await writer.refresh({ kind: "article", slug: item.slug });
    if (!page.next) break;
    cursor = page.next;
  }
  const withdrawn = await client.article.findMany({
    where: { publishedRevisionId: { not: null }, withdrawnAt: { not: null } },
    select: { slug: true },
  });
  writer.manifest.withdrawn = withdrawn.map((row) => publicUrls.article(row.slug)).sort();
  // Photos already copied are kept (content-addressed); the sync removes those no longer live.
  for (const [file, entry] of Object.entries(previous?.files ?? {}))
    if (entry.source.kind === "photo") writer.manifest.files[file] = entry;
  await syncStaticPhotos(client, storage, target, writer.manifest.files);
  for (const file of Object.keys(previous?.files ?? {})) {
    if (!writer.manifest.files[file]) await target.remove(file);
  }
  await writer.save(secret);
  return { files: Object.keys(writer.manifest.files).length, withdrawn: writer.manifest.withdrawn.length };
}

/**
 * After a publish or withdrawal: re-writes the changed articles, every page of their columns and
 * every file whose tags were invalidated (neighbours, home, feeds, sitemap). Without a manifest the
 * whole site is written.
 */
export async function updateStaticSite(
  client: PublicDb,
  to: StaticTarget | string,
  secret: string,
  change: { articleIds: readonly string[]; tags: readonly string[] },
  storage: MediaStorage = mediaStorage(),
): Promise<void> {
  const target = asStaticTarget(to);
  const previous = await readManifest(target);
  if (!previous) {
    await publishStaticSite(client, target, secret, storage);
    return;
  }
  const writer = new StaticWriter(client, target, {
    generatedAt: previous.generatedAt,
    files: previous.files,
    withdrawn: previous.withdrawn,
  });
  const tags = new Set(change.tags);
  const articles = await client.article.findMany({
    where: { id: { in: [...change.articleIds] } },
    select: {
      slug: true,
      column: { select: { slug: true, id: true } },
      publishedColumn: { select: { slug: true, id: true } },
    },
  });
  const done = new Set<string>();
  for (const article of articles) {
    const source = { kind: "article", slug: article.slug } as const;
    await writer.refresh(source);
    done.add(fileFor(source));
  }
  // The published revision's column is where the article is listed; the working one, for an article never published.
  const columns = new Map(
    articles
      .flatMap((article) => [article.column, ...(article.publishedColumn ? [article.publishedColumn] : [])])
      .map((column) => [column.slug, column.id]),
  );
  for (const [slug, id] of columns) {
    await writer.refreshColumn(slug, id);
  }
  for (const [file, entry] of Object.entries(writer.manifest.files)) {
    if (done.has(file) || entry.source.kind === "asset") continue;
    if (entry.source.kind === "column" && columns.has(entry.source.slug)) continue;
    if (entry.tags.some((tag) => tags.has(tag))) await writer.refresh(entry.source);
  }
  await syncStaticPhotos(client, storage, target, writer.manifest.files);
  await writer.save(secret);
}

export interface VerifyReport {
  manifestValid: boolean;
  modified: string[];
  missing: string[];
  unexpected: string[];
  /**
   * Where the copy disagrees with what the DATABASE says is live (only when a database is given):
   * a withdrawn article still there or without its marker, a live one missing or showing another
   * revision, a page still listing a withdrawn article, publication effects not yet carried out.
   */
  stale: string[];
}

type VerifyDb = Pick<PublicDb, "article"> & {
  publicEffect: { count(args: { where: { doneAt: null } }): Promise<number> };
};

/** The copy against the database: what is live must be there at its published revision, nothing else. */
async function staleAgainstDatabase(client: VerifyDb, target: StaticTarget, manifest: Manifest): Promise<string[]> {
  const stale: string[] = [];
  const published = await client.article.findMany({
    where: { publishedRevisionId: { not: null } },
    select: { id: true, slug: true, publishedRevisionId: true, withdrawnAt: true },
  });
  for (const article of published) {
    const file = fileFor({ kind: "article", slug: article.slug });
    const urlPath = publicUrls.article(article.slug);
    const onDisk = await target.exists(file);
    if (article.withdrawnAt) {
      if (onDisk) stale.push(`已撤稿仍在静态网站 / withdrawn but still published: ${file}`);
      if (!(await target.exists(withdrawnMarker(urlPath))))
        stale.push(`已撤稿缺少 410 标记 / withdrawn without its 410 marker: ${urlPath}`);
      continue;
    }
    if (!onDisk) stale.push(`已发布但缺失 / live but missing: ${file}`);
    else if (manifest.files[file]?.revisionId !== article.publishedRevisionId)
      stale.push(`不是已发布的版本 / not the published revision: ${file}`);
    if (await target.exists(withdrawnMarker(urlPath)))
      stale.push(`已发布却标记为撤稿 / live but marked withdrawn: ${urlPath}`);
  }
  // Pages that still link a withdrawn article (home, column pages, neighbours, feeds, sitemap).
  const goneUrls = new Set(
    published.filter((article) => article.withdrawnAt).map((article) => publicUrls.article(article.slug)),
  );
  for (const [file, entry] of Object.entries(manifest.files)) {
    if (entry.source.kind === "asset" || goneUrls.size === 0) continue;
    const text = (await target.read(file).catch(() => null))?.toString("utf8") ?? "";
    const linked = [...text.matchAll(/\/articles\/[a-z0-9-]+\.html/g)].some((match) => goneUrls.has(match[0]));
    if (linked) stale.push(`仍列出已撤稿的文章 / still lists a withdrawn article: ${file}`);
  }
  const pending = await client.publicEffect.count({ where: { doneAt: null } });
  if (pending > 0) stale.push(`尚有 ${pending} 项发布任务未完成 / ${pending} publication effects pending`);
  return [...new Set(stale)].sort();
}

/**
 * 网页防篡改: compares every file with the signed manifest the CMS wrote, and — given the database —
 * the whole copy with what is live (see VerifyReport.stale).
 */
export async function verifyStaticSite(
  from: StaticTarget | string,
  secret: string,
  client?: VerifyDb,
): Promise<VerifyReport> {
  const target = asStaticTarget(from);
  const signed = await readManifest(target);
  if (!signed) return { manifestValid: false, modified: [], missing: [], unexpected: await target.list(), stale: [] };
  const { signature, ...manifest } = signed;
  const expected = Buffer.from(sign(manifest, secret), "hex");
  const given = Buffer.from(typeof signature === "string" ? signature : "", "hex");
  const manifestValid = given.length === expected.length && timingSafeEqual(given, expected);
  const modified: string[] = [];
  const missing: string[] = [];
  for (const [file, entry] of Object.entries(manifest.files)) {
    const data = await target.read(file);
    if (!data) missing.push(file);
    else if (sha256(data) !== entry.sha256) modified.push(file);
  }
  const markers = new Set(manifest.withdrawn.map(withdrawnMarker));
  for (const marker of markers) if (!(await target.exists(marker))) missing.push(marker);
  const known = new Set([...Object.keys(manifest.files), ...markers, MANIFEST_FILE]);
  const unexpected = (await target.list()).filter((file) => !known.has(file));
  const stale = client ? await staleAgainstDatabase(client, target, manifest) : [];
  return { manifestValid, modified: modified.sort(), missing: missing.sort(), unexpected: unexpected.sort(), stale };
}

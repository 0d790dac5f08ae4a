import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ImportFormat } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { saveMedia } from "@/lib/media/save";
import type { MediaStorage } from "@/lib/media/storage";
import { getSiteSettings } from "@/lib/settings/queries";
import { convertBody, type ResolvedPhoto } from "./convert";
import { importText } from "./messages";
import { parseFeed } from "./parse-feed";
import { parseHtmlFolder } from "./parse-html";
import { parseWxr } from "./parse-wxr";
import { PhotoFiles } from "./photos";
import { importOptionsSchema, type ImportOptions, type PreparedItem } from "./schemas";
import { clip, splitSeriesMark } from "./text";
import type { ParsedArticle, ParseResult, SourceFile } from "./types";

/**
 * The dry run of a batch: read the source, convert every body through the paste cleaner, put every
 * photo through the photo pipeline, and write one ImportItem per article — READY with what will be
 * published, or FAILED with the reason. Nothing is published and no article is written: the 终审
 * approves the preview first (lib/import/commands.ts). An item's failure never stops the others.
 */

const XML_FILE = /\.(xml|rss|atom)$/i;

/** Reads the source in the batch's format. Throws (Chinese message) only when nothing can be read at all. */
export function parseSource(
  format: ImportFormat,
  files: readonly SourceFile[],
  options: ImportOptions,
  timeZone: string,
): ParseResult {
  if (files.length === 0) throw new Error(importText.parse.noFiles);
  if (format === "HTML") return parseHtmlFolder(files, options, timeZone);
  const xmlFiles = files.filter((file) => XML_FILE.test(file.path));
  if (xmlFiles.length === 0) throw new Error(importText.parse.noFiles);
  const result: ParseResult = { items: [], skipped: 0 };
  for (const file of xmlFiles) {
    const text = file.data.toString("utf8");
    const one = format === "WXR" ? parseWxr(text, timeZone) : parseFeed(text, timeZone);
    result.items.push(...one.items);
    result.skipped += one.skipped;
  }
  return result;
}

/** Guesses the format of a source: a folder of pages, a WordPress export, or a feed. */
export function detectFormat(files: readonly SourceFile[]): ImportFormat {
  const xml = files.find((file) => XML_FILE.test(file.path));
  if (xml) {
    const head = xml.data.subarray(0, 4096).toString("utf8");
    if (
      /xmlns:wp=|<wp:wxr_version/.test(head) ||
      /<wp:wxr_version/.test(xml.data.toString("utf8", 0, Math.min(xml.data.length, 65536)))
    )
      return "WXR";
    if (/<(rss|feed)[\s>]/.test(head)) return "FEED";
  }
  if (files.some((file) => /\.s?html?$/i.test(file.path))) return "HTML";
  throw new Error(importText.parse.unknownFormat);
}

interface ColumnRow {
  id: string;
  slug: string;
  name: string;
}

/** The column an item's hints name (slug or name, most specific last), else the batch's default. */
export function columnFor(hints: readonly string[], columns: readonly ColumnRow[], fallback: string): string {
  for (const hint of [...hints].reverse()) {
    const wanted = hint.trim().toLowerCase();
    const column = columns.find((row) => row.slug.toLowerCase() === wanted || row.name.trim().toLowerCase() === wanted);
    if (column) return column.id;
  }
  return fallback;
}

export interface PrepareContext {
  db: PrismaClient;
  storage: MediaStorage;
  /** Writes progress (and proves the runner alive) as items are done. */
  onProgress?: (done: number, total: number) => Promise<void>;
}

async function preparedItem(
  context: PrepareContext,
  article: ParsedArticle,
  photos: PhotoFiles,
  uploaderId: string,
): Promise<{ ok: true; data: PreparedItem } | { ok: false; reason: string }> {
  const warnings: string[] = [];
  const missingAlt: PreparedItem["missingAlt"] = [];
  const t = importText.convert;

  async function photo(src: string, alt: string): Promise<ResolvedPhoto | null> {
    const found = photos.find(src, article.baseUrl);
    const shown = src.startsWith("data:") ? "data:…" : clip(src, 300);
    if (!found) {
      warnings.push(t.photoMissing(shown));
      return null;
    }
    try {
      const media = await saveMedia(context.db, context.storage, found.data, {
        originalName: found.name,
        alt: clip(alt, 300),
        altLater: true,
        uploaderId,
      });
      const text = alt.trim() ? clip(alt.trim(), 300) : media.alt;
      if (!text) {
        missingAlt.push({ mediaId: media.id, src: shown });
        warnings.push(t.photoNoAlt(shown));
      }
      return { mediaId: media.id, alt: text };
    } catch (error) {
      warnings.push(t.photoUnreadable(shown, error instanceof AppError ? error.message : "无法读取图像"));
      return null;
    }
  }

  const converted = await convertBody(article.bodyHtml, photo);
  if (!converted.ok) return { ok: false, reason: converted.reason };
  const cover = article.coverUrl ? await photo(article.coverUrl, "") : null;
  const { seriesMark, title } = splitSeriesMark(article.title);
  return {
    ok: true,
    data: {
      title: clip(title, 200),
      seriesMark: clip(seriesMark, 20),
      source: clip(article.source, 100),
      byline: clip(article.byline, 100),
      summary: clip(article.summary, 500),
      publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
      oldUrl: article.oldUrl,
      body: converted.body,
      coverId: cover?.mediaId ?? null,
      warnings,
      missingAlt,
      photos: converted.photos + (cover ? 1 : 0),
    },
  };
}

function failureReason(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? clip(error.message, 500) : String(error);
}

/**
 * Prepares `batchId` from `files` (the job runner passes the stored upload; the CLI the folder it
 * read). Safe to run again after an interruption: the batch's items are rewritten.
 */
export async function prepareBatch(
  context: PrepareContext,
  batchId: string,
  files: readonly SourceFile[],
): Promise<{ ready: number; failed: number; skipped: number }> {
  const { db } = context;
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  const options = importOptionsSchema.parse(batch.options);
  const { timeZone } = await getSiteSettings(db);
  let parsed: ParseResult;
  try {
    parsed = parseSource(batch.format, files, options, timeZone);
  } catch (error) {
    await db.importBatch.update({
      where: { id: batchId },
      data: { status: "FAILED", error: failureReason(error), progressDone: 0, progressTotal: 0 },
    });
    return { ready: 0, failed: 0, skipped: 0 };
  }
  const columns = await db.column.findMany({ select: { id: true, slug: true, name: true } });
  const keyOf = (item: ParseResult["items"][number]) => (item.ok ? item.article.key : item.key);
  const keys = parsed.items.map(keyOf).filter(Boolean);
  const earlier = new Map(
    (await db.articleImport.findMany({ where: { key: { in: keys } }, select: { key: true, articleId: true } })).map(
      (row) => [row.key, row.articleId],
    ),
  );
  const photos = new PhotoFiles(files);
  await db.importItem.deleteMany({ where: { batchId } });
  await db.importBatch.update({
    where: { id: batchId },
    data: { progressDone: 0, progressTotal: parsed.items.length, heartbeatAt: new Date() },
  });

  const seen = new Set<string>();
  let ready = 0;
  let failed = 0;
  for (const [index, item] of parsed.items.entries()) {
    const base = { batchId, sequence: index, title: clip(item.ok ? item.article.title : item.title, 200) };
    const key = clip(keyOf(item) || `(无网址) #${index + 1}`, 1000);
    let row: Prisma.ImportItemUncheckedCreateInput;
    if (!item.ok) {
      row = {
        ...base,
        key: seen.has(key) ? clip(`${key}#${index + 1}`, 1000) : key,
        status: "FAILED",
        reason: item.reason,
      };
    } else if (seen.has(key)) {
      row = {
        ...base,
        key: clip(`${key}#${index + 1}`, 1000),
        status: "FAILED",
        reason: importText.parse.duplicateKey,
      };
    } else {
      const columnId = columnFor(item.article.columnHints, columns, batch.columnId);
      try {
        const prepared = await preparedItem(context, item.article, photos, batch.createdById);
        row = prepared.ok
          ? {
              ...base,
              title: prepared.data.title,
              key,
              status: "READY",
              columnId,
              articleId: earlier.get(key) ?? null,
              data: prepared.data as unknown as Prisma.InputJsonValue,
            }
          : { ...base, key, status: "FAILED", columnId, reason: prepared.reason };
      } catch (error) {
        row = { ...base, key, status: "FAILED", columnId, reason: failureReason(error) };
      }
    }
    seen.add(key);
    await db.importItem.create({ data: row });
    if (row.status === "READY") ready++;
    else failed++;
    await db.importBatch.update({ where: { id: batchId }, data: { progressDone: index + 1, heartbeatAt: new Date() } });
    await context.onProgress?.(index + 1, parsed.items.length);
  }
  await db.importBatch.update({ where: { id: batchId }, data: { status: "READY", error: null } });
  return { ready, failed, skipped: parsed.skipped };
}

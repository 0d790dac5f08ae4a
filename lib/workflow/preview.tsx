/** @jsxImportSource preact */
import "server-only";
import { render } from "preact-render-to-string";
import { ArticleView } from "@/lib/public/render/ArticleView";
import { readRevisionMeta } from "@/lib/articles/revision-meta";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { revisionArticle } from "@/lib/public/data/queries";
import { getSiteSettings } from "@/lib/settings/queries";

/**
 * A revision as the public will see it: the PUBLIC-SITE's own ArticleView (Preact) rendered to a
 * complete HTML document with the public stylesheet, for an <iframe srcdoc> in the review screen —
 * what the reviewer approves is what readers get, without the admin's styles leaking in.
 */
export async function revisionPreviewDocument(db: PrismaClient, revisionId: string): Promise<string | null> {
  const revision = await db.revision.findUnique({
    where: { id: revisionId },
    select: {
      title: true,
      body: true,
      plainText: true,
      meta: true,
      article: { select: { id: true, slug: true, publishedAt: true, publisherName: true } },
    },
  });
  const meta = revision ? readRevisionMeta(revision.meta) : null;
  if (!revision || !meta) return null;
  const { article } = revision;
  const [column, settings] = await Promise.all([
    db.column.findUnique({
      where: { id: meta.columnId },
      select: { id: true, slug: true, name: true, description: true, seriesMark: true, listStyle: true },
    }),
    getSiteSettings(db),
  ]);
  if (!column) return null;
  // The same model the public page is built from: what the reviewer approves is what readers get.
  const shownDate = meta.displayDate ? new Date(meta.displayDate) : article.publishedAt;
  const model = await revisionArticle(
    db,
    {
      id: article.id,
      slug: article.slug,
      publishedAt: shownDate ?? new Date(),
      publisherName: article.publisherName,
      column,
    },
    revision,
    meta,
  );
  const view = ArticleView({
    article: { ...model, publishedAt: shownDate },
    path: `/articles/${article.slug}`,
    prefs: DEFAULT_PREFS,
    timeZone: settings.timeZone,
  });
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="stylesheet" href="/assets/site.css"><base target="_blank"></head><body><main class="main">${render(view)}</main></body></html>`;
}

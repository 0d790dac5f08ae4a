import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ArticlePage } from "@/lib/public/render/ArticlePage";
import { renderDocument } from "@/lib/public/render/html-response";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { qrSvg } from "@/lib/public/render/qr";
import { publicColumnSelect, revisionArticle, visibleColumns } from "@/lib/public/data/queries";
import { siteInfo } from "@/lib/public/data/site";
import { publicUrls } from "@/lib/urls";
import { readRevisionMeta } from "@/lib/articles/revision-meta";

/**
 * The staff preview, the only one: the current (draft or submitted) revision of an article as the
 * complete public page, for the sandboxed `srcdoc` frames of the preview page and the review screen.
 * It is the same Preact page the public route serves for a published revision, built by the same
 * function (`revisionArticle`) from the revision and its recorded meta and the same photo bytes, so
 * what staff preview and what the reviewer approves is exactly what readers will get. Staff previews
 * carry no view beacon (they are not readings).
 * A never-published article without a 发布日期 shows today's date, the date it would carry if published now.
 */
export async function renderArticlePreview(
  db: PrismaClient,
  articleId: string,
  now = new Date(),
): Promise<string | null> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      slug: true,
      publishedAt: true,
      publisherName: true,
      currentRevision: { select: { title: true, body: true, plainText: true, meta: true } },
    },
  });
  const revision = article?.currentRevision;
  const meta = revision ? readRevisionMeta(revision.meta) : null;
  if (!article || !revision || !meta) return null;
  const [site, columns, column] = await Promise.all([
    siteInfo(db),
    visibleColumns(db),
    db.column.findUnique({ where: { id: meta.columnId }, select: publicColumnSelect }),
  ]);
  if (!column) return null;
  // The date it would show: the recorded 发布日期, else the first publication, else today.
  const shownDate = meta.displayDate ? new Date(meta.displayDate) : (article.publishedAt ?? now);
  const model = await revisionArticle(
    db,
    { id: article.id, slug: article.slug, publishedAt: shownDate, publisherName: article.publisherName, column },
    revision,
    meta,
  );
  const qr = await qrSvg(`${site.url}${publicUrls.article(article.slug)}`);
  return renderDocument(ArticlePage({ site, columns, article: model, prefs: DEFAULT_PREFS, qrSvg: qr }));
}

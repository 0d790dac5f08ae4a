import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ArticlePage } from "@/components/public/ArticlePage";
import { renderDocument } from "@/lib/public/html-response";
import { DEFAULT_PREFS } from "@/lib/public/prefs";
import { qrSvg } from "@/lib/public/qr";
import { visibleColumns, type PublicArticle } from "@/lib/public/queries";
import { siteInfo } from "@/lib/public/site";
import { publicUrls } from "@/lib/public/urls";
import { figureMediaIds } from "./body-media";
import { storedBodyOrEmpty } from "./body-schema";
import { publishableArticleFieldsSelect } from "./publishable";

const mediaSelect = { id: true, storageKey: true, width: true, height: true, renditions: true, alt: true } as const;

/**
 * The current (draft) revision of an article as the complete public page: the same Preact page the
 * public route serves for a published revision, so staff preview exactly what readers will get.
 * A never-published article shows today's date, the date it would carry if published now.
 */
export async function renderArticlePreview(db: PrismaClient, articleId: string, now = new Date()): Promise<string | null> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      slug: true,
      ...publishableArticleFieldsSelect,
      publishedAt: true,
      column: { select: { id: true, slug: true, name: true, description: true, seriesMark: true, listStyle: true } },
      currentRevision: { select: { title: true, body: true, plainText: true } },
    },
  });
  if (!article?.currentRevision) return null;
  const body = storedBodyOrEmpty(article.currentRevision.body);
  const [site, columns, media, profile, cover] = await Promise.all([
    siteInfo(db),
    visibleColumns(db),
    db.media.findMany({ where: { id: { in: figureMediaIds(body) } }, select: mediaSelect }),
    article.profileId
      ? db.profile.findUnique({
          where: { id: article.profileId },
          select: { kind: true, name: true, honour: true, position: true, organisation: true, portrait: { select: mediaSelect } },
        })
      : null,
    article.coverId ? db.media.findUnique({ where: { id: article.coverId }, select: mediaSelect }) : null,
  ]);
  const model: PublicArticle = {
    id: article.id,
    slug: article.slug,
    title: article.currentRevision.title,
    seriesMark: article.seriesMark,
    source: article.source,
    byline: article.byline,
    lead: article.lead,
    summary: article.summary,
    publishedAt: article.publishedAt ?? now,
    column: article.column,
    profile,
    cover,
    body,
    plainText: article.currentRevision.plainText,
    media,
    previous: null,
    next: null,
  };
  const qr = await qrSvg(`${site.url}${publicUrls.article(article.slug)}`);
  return renderDocument(ArticlePage({ site, columns, article: model, prefs: DEFAULT_PREFS, qrSvg: qr }));
}

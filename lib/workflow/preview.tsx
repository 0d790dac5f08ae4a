/** @jsxImportSource preact */
import "server-only";
import { render } from "preact-render-to-string";
import { ArticleView } from "@/components/public/ArticleView";
import { figureMediaIds } from "@/lib/articles/body-media";
import { storedBodyOrEmpty } from "@/lib/articles/body-schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_PREFS } from "@/lib/public/prefs";
import { getSiteSettings } from "@/lib/settings/queries";

const mediaSelect = { id: true, storageKey: true, width: true, height: true, renditions: true, alt: true } as const;

function recorded(meta: unknown, key: string, fallback: string): string {
  if (typeof meta === "object" && meta !== null && key in meta) {
    const value = (meta as Record<string, unknown>)[key];
    if (typeof value === "string") return value;
  }
  return fallback;
}

function recordedId(meta: unknown, key: "profileId", fallback: string | null): string | null {
  if (typeof meta === "object" && meta !== null && key in meta) {
    const value = (meta as Record<string, unknown>)[key];
    if (typeof value === "string" || value === null) return value;
  }
  return fallback;
}

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
      meta: true,
      article: { select: { seriesMark: true, source: true, byline: true, lead: true, profileId: true, publishedAt: true, slug: true } },
    },
  });
  if (!revision) return null;
  const body = storedBodyOrEmpty(revision.body);
  const article = revision.article;
  const profileId = recordedId(revision.meta, "profileId", article.profileId);
  const [media, profile, settings] = await Promise.all([
    db.media.findMany({ where: { id: { in: figureMediaIds(body) } }, select: mediaSelect }),
    profileId ? db.profile.findUnique({ where: { id: profileId }, select: { name: true, honour: true, portrait: { select: mediaSelect } } }) : null,
    getSiteSettings(db),
  ]);
  const view = ArticleView({
    article: {
      title: revision.title,
      seriesMark: recorded(revision.meta, "seriesMark", article.seriesMark),
      source: recorded(revision.meta, "source", article.source),
      byline: recorded(revision.meta, "byline", article.byline),
      lead: recorded(revision.meta, "lead", article.lead),
      publishedAt: article.publishedAt,
      profile: profile ? { name: profile.name, honour: profile.honour, portrait: profile.portrait } : null,
      body,
      media,
    },
    path: `/articles/${article.slug}`,
    prefs: DEFAULT_PREFS,
    timeZone: settings.timeZone,
  });
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="stylesheet" href="/assets/site.css"><base target="_blank"></head><body><main class="main">${render(view)}</main></body></html>`;
}

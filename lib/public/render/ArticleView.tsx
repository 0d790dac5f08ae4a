/** @jsxImportSource preact */
import type { BodyDocument } from "@/lib/articles/body";
import { renderBody } from "@/lib/articles/render-body";
import { formatDate } from "@/lib/format/date";
import { importText } from "@/lib/import/messages";
import { mediaLookup, type MediaForDisplay } from "@/lib/media/rendered";
import { publicText as t } from "@/lib/public/render/messages";
import type { FontSize, ReaderPrefs } from "@/lib/public/render/prefs";
import type { PublicMedia } from "@/lib/public/data/queries";
import { withQuery } from "@/lib/urls";
import { Photo } from "./Photo";

/**
 * The article itself — title, meta line, lead, profile subject and body — exactly as the public page
 * shows it. The editor's and reviewer's previews render this same component, so what is approved is
 * what readers see.
 */
export interface ArticleViewModel {
  title: string;
  /** 引题 above the title, 副题 beneath it ("" = none). */
  overTitle: string;
  subtitle: string;
  /** 责任编辑 at the foot of the article ("" = none). */
  responsibleEditor: string;
  seriesMark: string;
  source: string;
  byline: string;
  lead: string;
  /** null in a preview of an unpublished article (shown as "—"). */
  publishedAt: Date | null;
  profile: { name: string; honour: string; portrait: PublicMedia | null } | null;
  body: BodyDocument;
  media: readonly MediaForDisplay[];
  /** Brought in from the old site (历史稿件导入, lib/import): said in the meta line. */
  historical?: boolean;
}

const FONT_SIZES: readonly FontSize[] = ["l", "m", "s"];

export function ArticleView(props: {
  article: ArticleViewModel;
  path: string;
  prefs: ReaderPrefs;
  /** IANA zone of 发布日期 (the site setting). */
  timeZone: string;
  /** 浏览次数 when the site shows it; omitted in previews. */
  views?: number;
}) {
  const { article, prefs } = props;
  const bodyHtml = renderBody(article.body, {
    media: mediaLookup(article.media),
    eagerFigures: article.profile?.portrait ? 0 : 1,
  });
  return (
    <article class="article" aria-labelledby="article-title">
      <header class="article-header">
        {article.overTitle ? <p class="article-over-title">{article.overTitle}</p> : null}
        <h1 id="article-title" class="article-title">
          {article.seriesMark ? <span class="series-mark">{article.seriesMark}</span> : null}
          {article.title}
        </h1>
        {article.subtitle ? <p class="article-subtitle">{article.subtitle}</p> : null}
        <div class="article-meta">
          <span class="meta-source">
            {t.source}：{article.source}
          </span>
          <span class="meta-date">
            {t.published}：
            {article.publishedAt ? (
              <time dateTime={article.publishedAt.toISOString()}>
                {formatDate(article.publishedAt, props.timeZone)}
              </time>
            ) : (
              "—"
            )}
          </span>
          {article.historical ? <span class="meta-historical">{importText.historical}</span> : null}
          {props.views !== undefined ? (
            <span class="meta-views">
              {t.views}：{props.views}
            </span>
          ) : null}
          <span class="font-switch" role="group" aria-label={t.fontSize}>
            <span aria-hidden="true">{t.fontSize}：</span>
            {FONT_SIZES.map((size) => (
              <a
                key={size}
                href={withQuery(props.path, "fs", size)}
                data-fs={size}
                class="fs-option"
                aria-label={t.fontSizeLabel[size]}
                aria-current={prefs.fontSize === size ? "true" : undefined}
                rel="nofollow"
              >
                {t.fontSizes[size]}
              </a>
            ))}
          </span>
        </div>
        {article.byline ? <p class="article-byline">{article.byline}</p> : null}
      </header>
      {article.lead ? <p class="article-lead">{article.lead}</p> : null}
      {article.profile ? (
        <section class="profile-subject" aria-label={article.profile.name}>
          <p class="profile-name">{article.profile.name}</p>
          {article.profile.honour ? <p class="profile-honour">（{article.profile.honour}）</p> : null}
          {article.profile.portrait ? (
            <Photo
              class="profile-portrait"
              media={article.profile.portrait}
              alt={article.profile.portrait.alt || t.portraitOf(article.profile.name)}
              sizes="(max-width: 480px) 60vw, 280px"
              eager
            />
          ) : null}
        </section>
      ) : null}
      <div class="article-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {article.responsibleEditor ? (
        <p class="article-editor">
          {t.responsibleEditor}：{article.responsibleEditor}
        </p>
      ) : null}
    </article>
  );
}

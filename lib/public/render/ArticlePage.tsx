/** @jsxImportSource preact */
import { publicText as t } from "@/lib/public/render/messages";
import type { ReaderPrefs } from "@/lib/public/render/prefs";
import type { PublicArticle } from "@/lib/public/data/queries";
import { publicUrls } from "@/lib/urls";
import { renderedMedia } from "@/lib/media/rendered";
import { ArticleView } from "./ArticleView";
import { Breadcrumb } from "./Breadcrumb";
import { Document, type NavColumn, type SiteInfo } from "./Document";

export interface ArticlePageProps {
  site: SiteInfo;
  columns: readonly NavColumn[];
  /** `historical`: an article from the old site (lib/import), said in the meta line. */
  article: PublicArticle & { historical?: boolean };
  prefs: ReaderPrefs;
  /** The QR code of the page URL, an SVG document generated on the server. */
  qrSvg: string;
  /**
   * 浏览次数 as of this render, when the site shows it. Public pages are cached until the next
   * publication or site change, so a cached page shows the figure from when it was rendered.
   */
  views?: number;
  /** The reading-count beacon: on public pages, never in staff previews (they are not readings). */
  countView?: boolean;
}

export function ArticlePage({ site, columns, article, prefs, qrSvg, views, countView }: ArticlePageProps) {
  const path = publicUrls.article(article.slug);
  const url = `${site.url}${path}`;
  const image = article.cover ?? article.profile?.portrait ?? null;
  const fullTitle = `${article.seriesMark}${article.title}`;
  return (
    <Document
      site={site}
      title={`${fullTitle} - ${site.name}`}
      description={article.summary}
      path={path}
      prefs={prefs}
      columns={columns}
      currentColumn={article.column.slug}
      og={{ type: "article", image: image ? `${site.url}${renderedMedia(image).src}` : undefined }}
      readerScript
    >
      <Breadcrumb items={[{ name: article.column.name, href: publicUrls.column(article.column.slug) }]} />
      <ArticleView article={article} path={path} prefs={prefs} timeZone={site.timeZone} views={views} />
      <p class="print-url">
        {t.pageUrl}：{url}
      </p>
      <aside class="article-tools" aria-label={t.articleTools}>
        <div class="tool-buttons">
          <button type="button" class="tool-button" data-action="print" hidden>
            {t.print}
          </button>
          <a class="tool-button" href={publicUrls.column(article.column.slug)} data-action="back">
            {t.back}
          </a>
          <button type="button" class="tool-button" data-action="close" hidden>
            {t.close}
          </button>
        </div>
        <figure class="qr-code">
          <img
            src={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}`}
            width={120}
            height={120}
            alt={t.qrAlt}
          />
          <figcaption>{t.qr}</figcaption>
        </figure>
      </aside>
      <nav class="sibling-nav" aria-label={t.siblingNav}>
        <p>
          <span class="sibling-label">{t.previous}：</span>
          {article.previous ? <a href={publicUrls.article(article.previous.slug)}>{article.previous.title}</a> : t.none}
        </p>
        <p>
          <span class="sibling-label">{t.next}：</span>
          {article.next ? <a href={publicUrls.article(article.next.slug)}>{article.next.title}</a> : t.none}
        </p>
      </nav>
      {/* Counts one reading without cookies or JavaScript (app/api/views); excluded from layout and print. */}
      {countView ? (
        <img
          src={publicUrls.viewBeacon(article.id)}
          width={1}
          height={1}
          alt=""
          aria-hidden="true"
          class="view-beacon"
          decoding="async"
        />
      ) : null}
    </Document>
  );
}

/** @jsxImportSource preact */
import type { ArticleListItem } from "@/lib/articles/public-queries";
import { formatDate } from "@/lib/format/date";
import { zhCN } from "@/lib/i18n/zh-CN";
import { publicUrls } from "@/lib/public/urls";
import { Document, type SiteInfo } from "./Document";

export function HomePage({ site, articles }: { site: SiteInfo; articles: ArticleListItem[] }) {
  const t = zhCN.site;
  return (
    <Document site={site} title={site.name} description={`${site.name} — ${t.latest}`}>
      <section class="article-list" aria-labelledby="latest-heading">
        <h1 id="latest-heading">{t.latest}</h1>
        {articles.length === 0 ? (
          <p class="empty">{t.empty}</p>
        ) : (
          <ul>
            {articles.map((article) => (
              <li key={article.id}>
                <a href={publicUrls.article(article.slug)}>
                  {article.seriesMark}
                  {article.title}
                </a>
                <span class="list-meta">
                  <a href={publicUrls.column(article.column.slug)}>{article.column.name}</a>
                  <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
                </span>
                {article.summary ? <p class="list-summary">{article.summary}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Document>
  );
}

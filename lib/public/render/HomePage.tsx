/** @jsxImportSource preact */
import { formatDate } from "@/lib/format/date";
import { publicText as t } from "@/lib/public/render/messages";
import type { ReaderPrefs } from "@/lib/public/render/prefs";
import type { PublicColumn, PublicListItem } from "@/lib/public/data/queries";
import { publicUrls } from "@/lib/urls";
import { Document, type SiteInfo } from "./Document";
import { Photo } from "./Photo";
import { ListSubtitle } from "./ArticleList";

export interface HomePageProps {
  site: SiteInfo;
  columns: readonly PublicColumn[];
  prefs: ReaderPrefs;
  latest: readonly PublicListItem[];
  featured: readonly { column: PublicColumn; items: readonly PublicListItem[] }[];
  /** 首页推荐: 头条 and 焦点图 chosen in the admin. */
  slots: { headline: readonly PublicListItem[]; focus: readonly PublicListItem[] };
}

export function HomePage({ site, columns, prefs, latest, featured, slots }: HomePageProps) {
  return (
    <Document
      site={site}
      title={site.name}
      description={`${site.name} — ${t.latest}`}
      path={publicUrls.home()}
      prefs={prefs}
      columns={columns}
    >
      <h1 class="visually-hidden">{site.name}</h1>
      {slots.headline.length > 0 ? (
        <section class="headline" aria-label={t.headline}>
          {slots.headline.map((item) => (
            <p key={item.id} class="headline-item">
              {item.overTitle ? <span class="list-over-title">{item.overTitle}</span> : null}
              <a href={publicUrls.article(item.slug)}>
                {item.seriesMark}
                {item.title}
              </a>
              <ListSubtitle subtitle={item.subtitle} />
            </p>
          ))}
        </section>
      ) : null}
      {slots.focus.length > 0 ? (
        <section class="focus-row" aria-label={t.focus}>
          <ul>
            {slots.focus.map((item) => {
              const picture = item.cover ?? item.profile?.portrait ?? null;
              return (
                <li key={item.id}>
                  <a href={publicUrls.article(item.slug)}>
                    {picture ? (
                      <Photo class="focus-photo" media={picture} alt="" sizes="(max-width: 480px) 100vw, 300px" eager />
                    ) : null}
                    <span class="focus-title">
                      {item.seriesMark}
                      {item.title}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <div class="home-grid">
        <section class="article-list" aria-labelledby="latest-heading">
          <h2 id="latest-heading">{t.latest}</h2>
          {latest.length === 0 ? (
            <p class="empty">{t.empty}</p>
          ) : (
            <ul>
              {latest.map((article) => (
                <li key={article.id}>
                  <a href={publicUrls.article(article.slug)}>
                    {article.seriesMark}
                    {article.title}
                  </a>
                  <ListSubtitle subtitle={article.subtitle} />
                  <span class="list-meta">
                    <a href={publicUrls.column(article.column.slug)}>{article.column.name}</a>
                    <time dateTime={article.publishedAt.toISOString()}>
                      {formatDate(article.publishedAt, site.timeZone)}
                    </time>
                  </span>
                  {article.summary ? <p class="list-summary">{article.summary}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        {featured
          .filter((block) => block.items.length > 0)
          .map(({ column, items }) => (
            <section key={column.id} class="column-block" aria-labelledby={`col-${column.slug}`}>
              <h2 id={`col-${column.slug}`}>
                <a href={publicUrls.column(column.slug)}>{column.name}</a>
              </h2>
              <ul>
                {items.map((item) => (
                  <li key={item.id}>
                    <a href={publicUrls.article(item.slug)}>
                      {item.seriesMark}
                      {item.title}
                    </a>
                    <ListSubtitle subtitle={item.subtitle} />
                    <time dateTime={item.publishedAt.toISOString()}>{formatDate(item.publishedAt, site.timeZone)}</time>
                  </li>
                ))}
              </ul>
              <p class="more">
                <a href={publicUrls.column(column.slug)} aria-label={`${column.name}${t.more}`}>
                  {t.more}
                </a>
              </p>
            </section>
          ))}
      </div>
    </Document>
  );
}

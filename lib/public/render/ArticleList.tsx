/** @jsxImportSource preact */
import { formatDate } from "@/lib/format/date";
import type { PublicListItem } from "@/lib/public/data/queries";
import { publicUrls } from "@/lib/urls";
import { Photo } from "./Photo";

/**
 * 副题 after the title in a list, as Chinese news lists print it (主标题——副题); the 引题 goes on a
 * line of its own above the title where the list has room for it (the news list, search results).
 */
export function ListSubtitle({ subtitle }: { subtitle: string }) {
  return subtitle ? <span class="list-subtitle">——{subtitle}</span> : null;
}

/** The news-list style: title, date, summary and a thumbnail when the article has a picture. */
export function ArticleList({
  items,
  showColumn,
  timeZone,
}: {
  items: readonly PublicListItem[];
  showColumn: boolean;
  timeZone: string;
}) {
  return (
    <ul class="news-list">
      {items.map((item) => {
        const thumb = item.cover ?? item.profile?.portrait ?? null;
        return (
          <li key={item.id} class={thumb ? "has-thumb" : undefined}>
            {item.overTitle ? <span class="list-over-title">{item.overTitle}</span> : null}
            <a href={publicUrls.article(item.slug)}>
              {item.seriesMark}
              {item.title}
            </a>
            <ListSubtitle subtitle={item.subtitle} />
            <span class="list-meta">
              {showColumn ? <a href={publicUrls.column(item.column.slug)}>{item.column.name}</a> : null}
              <time dateTime={item.publishedAt.toISOString()}>{formatDate(item.publishedAt, timeZone)}</time>
            </span>
            {item.summary ? <p class="list-summary">{item.summary}</p> : null}
            {thumb ? <Photo class="list-thumb" media={thumb} alt="" sizes="120px" /> : null}
          </li>
        );
      })}
    </ul>
  );
}

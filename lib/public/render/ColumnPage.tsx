/** @jsxImportSource preact */
import { publicText as t } from "@/lib/public/render/messages";
import type { ReaderPrefs } from "@/lib/public/render/prefs";
import type { PublicColumn, PublicListItem } from "@/lib/public/data/queries";
import { publicUrls } from "@/lib/urls";
import { ArticleList } from "./ArticleList";
import { Breadcrumb } from "./Breadcrumb";
import { Document, type SiteInfo } from "./Document";
import { Photo } from "./Photo";

export interface ColumnPageProps {
  site: SiteInfo;
  columns: readonly PublicColumn[];
  prefs: ReaderPrefs;
  column: PublicColumn;
  /** News-list style: one keyset page. */
  items: readonly PublicListItem[];
  before?: string;
  next?: string;
  /** Profile-grid style: the portraits grouped by honour. */
  groups?: readonly { honour: string; items: readonly PublicListItem[] }[];
}

/** The honours the 先锋 series groups by, in this order; any other honour gets its own group after. */
export const HONOUR_GROUPS = ["优秀共产党员", "优秀党务工作者", "先进基层党组织"] as const;

export function groupByHonour(items: readonly PublicListItem[], fallback: string) {
  const groups = new Map<string, PublicListItem[]>(HONOUR_GROUPS.map((honour) => [honour, []]));
  for (const item of items) {
    const honour = item.profile?.honour ?? "";
    const key = HONOUR_GROUPS.find((group) => honour.endsWith(group)) ?? (honour || fallback);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([honour, list]) => ({ honour, items: list }));
}

export function ColumnPage(props: ColumnPageProps) {
  const { column } = props;
  const path = props.before ? publicUrls.columnPage(column.slug, props.before) : publicUrls.column(column.slug);
  return (
    <Document
      site={props.site}
      title={`${column.name} - ${props.site.name}`}
      description={column.description || column.name}
      path={path}
      prefs={props.prefs}
      columns={props.columns}
      currentColumn={column.slug}
      feed={{ title: t.columnFeedTitle(props.site.name, column.name), href: publicUrls.columnFeed(column.slug) }}
    >
      <Breadcrumb items={[{ name: column.name, href: publicUrls.column(column.slug) }]} />
      <section class="column-page" aria-labelledby="column-title">
        <h1 id="column-title">{column.name}</h1>
        {column.description ? <p class="column-description">{column.description}</p> : null}
        {props.groups ? (
          props.groups.length === 0 ? (
            <p class="empty">{t.empty}</p>
          ) : (
            props.groups.map((group, index) => (
              <section key={group.honour} class="profile-group" aria-labelledby={`honour-${index}`}>
                <h2 id={`honour-${index}`}>{group.honour}</h2>
                <ul class="profile-grid">
                  {group.items.map((item) => (
                    <li key={item.id}>
                      <a href={publicUrls.article(item.slug)}>
                        {item.profile?.portrait ? (
                          <Photo
                            class="grid-portrait"
                            media={item.profile.portrait}
                            alt=""
                            sizes="(max-width: 480px) 45vw, 180px"
                          />
                        ) : (
                          <span class="grid-portrait placeholder" aria-hidden="true" />
                        )}
                        <span class="grid-name">{item.profile?.name}</span>
                        <span class="grid-honour">{item.profile?.honour}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )
        ) : props.items.length === 0 ? (
          <p class="empty">{t.empty}</p>
        ) : (
          <ArticleList items={props.items} showColumn={false} timeZone={props.site.timeZone} />
        )}
        {props.before || props.next ? (
          <nav class="pagination" aria-label={t.pagination}>
            {props.before ? <a href={publicUrls.column(column.slug)}>{t.newestPage}</a> : null}
            {props.next ? (
              <a href={publicUrls.columnPage(column.slug, props.next)} rel="next">
                {t.olderPage}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Document>
  );
}

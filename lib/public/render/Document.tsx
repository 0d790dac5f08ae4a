/** @jsxImportSource preact */
import type { ComponentChildren } from "preact";
import { publicText as t } from "@/lib/public/render/messages";
import { htmlClass, type ReaderPrefs } from "@/lib/public/render/prefs";
import { publicUrls, withQuery } from "@/lib/urls";
import type { SiteFooter, SiteInfo } from "@/lib/public/data/site";

// The site identity is data (lib/public/data/site.ts builds it); the page components name it from here.
export type { SiteFooter, SiteInfo } from "@/lib/public/data/site";

export interface NavColumn {
  slug: string;
  name: string;
}

export interface DocumentProps {
  site: SiteInfo;
  title: string;
  description: string;
  /** This page's path (canonical URL, and the base of the no-JS preference links). */
  path: string;
  prefs: ReaderPrefs;
  columns: readonly NavColumn[];
  /** Open Graph type and image (absolute URL). */
  og?: { type: "website" | "article"; image?: string };
  feed?: { title: string; href: string };
  /** Only pages with the 字号 switch load the reader script; every other page ships no JavaScript. */
  readerScript?: boolean;
  /** Current column slug, marked in the navigation. */
  currentColumn?: string;
  noindex?: boolean;
  children: ComponentChildren;
}

/** The complete HTML document every public page shares: no client runtime, one stylesheet. */
export function Document(props: DocumentProps) {
  const canonical = `${props.site.url}${props.path}`;
  const contrastHref = withQuery(props.path, "hc", props.prefs.contrast ? "0" : "1");
  return (
    <html lang="zh-CN" class={htmlClass(props.prefs)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        {props.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
        <meta property="og:site_name" content={props.site.name} />
        <meta property="og:title" content={props.title} />
        <meta property="og:description" content={props.description} />
        <meta property="og:type" content={props.og?.type ?? "website"} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content="zh_CN" />
        {props.og?.image ? <meta property="og:image" content={props.og.image} /> : null}
        <link rel="stylesheet" href={publicUrls.asset("site.css")} />
        <link
          rel="alternate"
          type="application/rss+xml"
          title={t.siteFeedTitle(props.site.name)}
          href={publicUrls.siteFeed()}
        />
        {props.feed ? (
          <link rel="alternate" type="application/rss+xml" title={props.feed.title} href={props.feed.href} />
        ) : null}
        {props.readerScript ? <script src={publicUrls.asset("reader.js")} defer /> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-name" href={publicUrls.home()}>
              <SiteName site={props.site} />
            </a>
            <div class="header-tools">
              <form class="search-form" role="search" action={publicUrls.search()} method="get">
                <label class="visually-hidden" for="site-search">
                  {t.searchLabel}
                </label>
                <input id="site-search" type="search" name="q" placeholder={t.searchPlaceholder} maxLength={100} />
                <button type="submit">{t.search}</button>
              </form>
              <a
                class="contrast-toggle"
                href={contrastHref}
                data-hc={props.prefs.contrast ? "0" : "1"}
                data-on-label={t.contrast}
                data-off-label={t.contrastOff}
                rel="nofollow"
              >
                {props.prefs.contrast ? t.contrastOff : t.contrast}
              </a>
            </div>
          </div>
          {props.columns.length > 0 ? (
            <nav class="column-nav" aria-label={t.mainNav}>
              <ul class="wrap">
                <li>
                  <a href={publicUrls.home()} aria-current={props.path === publicUrls.home() ? "page" : undefined}>
                    {t.home}
                  </a>
                </li>
                {props.columns.map((column) => (
                  <li key={column.slug}>
                    <a
                      href={publicUrls.column(column.slug)}
                      aria-current={props.currentColumn === column.slug ? "page" : undefined}
                    >
                      {column.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p class="footer-name">{props.site.name}</p>
            <FooterInfo footer={props.site.footer} />
            <p>
              <a href={publicUrls.siteFeed()}>{t.rss}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The logo, or the name (the short name replaces it on narrow screens, for sighted readers only). */
function SiteName({ site }: { site: SiteInfo }) {
  if (site.logo) {
    return (
      <img
        class="site-logo"
        src={site.logo.src}
        srcset={site.logo.srcset || undefined}
        sizes={site.logo.srcset ? "(max-width: 480px) 90vw, 480px" : undefined}
        width={site.logo.width}
        height={site.logo.height}
        alt={site.name}
      />
    );
  }
  if (!site.shortName || site.shortName === site.name) return <>{site.name}</>;
  return (
    <>
      <span class="name-full">{site.name}</span>
      <span class="name-short" aria-hidden="true">
        {site.shortName}
      </span>
    </>
  );
}

/** 主办 / 承办 / 联系 / 网站标识码 / ICP 备案号 / 公安备案, in that conventional order, only what is set. */
function FooterInfo({ footer }: { footer: SiteFooter }) {
  const labelled = (
    [
      ["sponsor", t.footer.sponsor, footer.sponsor],
      ["organizer", t.footer.organizer, footer.organizer],
      ["contact", t.footer.contact, footer.contact],
      ["site-code", t.footer.siteCode, footer.siteCode],
    ] as const
  ).filter(([, , value]) => value);
  if (labelled.length === 0 && !footer.icp && !footer.police) return null;
  return (
    <ul class="footer-info">
      {labelled.map(([key, label, value]) => (
        <li key={key} class={`footer-${key}`}>
          {label}
          {t.footer.colon}
          {value}
        </li>
      ))}
      {footer.icp ? (
        <li class="footer-icp">
          {footer.icp.link ? <a href={footer.icp.link}>{footer.icp.number}</a> : footer.icp.number}
        </li>
      ) : null}
      {footer.police ? (
        <li class="footer-police">
          {footer.police.link ? <a href={footer.police.link}>{footer.police.number}</a> : footer.police.number}
        </li>
      ) : null}
    </ul>
  );
}

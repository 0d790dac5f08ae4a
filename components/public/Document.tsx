/** @jsxImportSource preact */
import type { ComponentChildren } from "preact";
import { zhCN } from "@/lib/i18n/zh-CN";
import { publicUrls } from "@/lib/public/urls";

export interface SiteInfo {
  name: string;
}

/** The complete HTML document every public page shares: no client runtime, one stylesheet. */
export function Document(props: { site: SiteInfo; title: string; description: string; children: ComponentChildren }) {
  const t = zhCN.site;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <link rel="stylesheet" href={publicUrls.asset("site.css")} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href={publicUrls.home()}>
              {props.site.name}
            </a>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">{props.site.name}</div>
        </footer>
      </body>
    </html>
  );
}

import { renderInDocument, escapeAsPreact } from "@/lib/public/render/document-shell";
import { renderDocument } from "@/lib/public/render/html-response";
import {
  SEARCH_DESCRIPTION,
  SearchPage,
  SearchResults,
  searchDocumentFields,
  type SearchPageProps,
} from "@/lib/public/render/SearchPage";
import type { SiteInfo } from "@/lib/public/render/Document";
import type { PublicColumn } from "@/lib/public/data/queries";
import type { SearchResult } from "@/lib/public/data/search";
import type { ReaderPrefs } from "@/lib/public/render/prefs";

const PLAIN_SITE: SiteInfo = {
  name: "测试党建网",
  shortName: "",
  url: "https://www.example.gov.cn",
  logo: null,
  footer: { sponsor: "", organizer: "", contact: "", siteCode: "", icp: null, police: null },
  timeZone: "Asia/Shanghai",
  showViewCount: false,
};

const FULL_SITE: SiteInfo = {
  name: "中共某某区委宣传部 & “党建”<网>",
  shortName: "某某宣传",
  url: "http://127.0.0.1:3000",
  logo: { src: "/media/logo.png", width: 480, height: 80, srcset: "/media/logo-480.webp 480w" },
  footer: {
    sponsor: "中共某某区委宣传部",
    organizer: "区融媒体中心",
    contact: "010-12345678",
    siteCode: "1101000001",
    icp: { number: "京ICP备12345678号", link: "https://beian.miit.gov.cn/" },
    police: { number: "京公网安备 11010502000001号", link: "" },
  },
  timeZone: "Asia/Shanghai",
  showViewCount: true,
};

const COLUMNS: PublicColumn[] = [
  { id: "c1", slug: "xianfeng", name: "先锋", description: "", seriesMark: "【先锋】", listStyle: "PROFILE_GRID" },
  { id: "c2", slug: "gongzuo-dongtai", name: "工作动态", description: "", seriesMark: "", listStyle: "NEWS_LIST" },
];

const EMPTY: SearchResult = { terms: [], hits: [], total: 0, capped: false, page: 1, pages: 0, partial: false };

function result(query: string, page: number): SearchResult {
  return {
    terms: query.split(" "),
    total: 31,
    capped: false,
    partial: page === 2,
    suggestion: page === 3 ? `${query}建议` : undefined,
    page,
    pages: 4,
    hits: [1, 2].map((n) => ({
      id: `a${n}`,
      slug: `article-${n}`,
      title: [
        { text: `标题<${n}>&“`, hit: false },
        { text: query, hit: true },
      ],
      overTitle: n === 1 ? "引题" : "",
      subtitle: n === 2 ? '副题 "x"' : "",
      snippet: [
        { text: "……正文", hit: false },
        { text: query, hit: true },
        { text: "。", hit: false },
      ],
      publishedAt: new Date(Date.UTC(2026, 0, n)),
      column: { slug: "gongzuo-dongtai", name: "工作动态" },
      ...(page === 2 ? { matchedTerms: 1 } : {}),
    })),
  };
}

const QUERIES = [
  "乡村振兴",
  "李炯 化工区",
  '<script>alert("x")</script>',
  "a&b'c\"d",
  "&amp; &lt;",
  "党建🌸引领",
  "\u200b台\u200b独",
  "?q=x&page=2",
  "十三五规划 ISO 9001 3,000万元",
  "x".repeat(50),
];

const PREFS: ReaderPrefs[] = [
  { fontSize: "m", contrast: false },
  { fontSize: "l", contrast: true },
  { fontSize: "s", contrast: false },
];

function shellRender(props: SearchPageProps): string {
  const { title, path } = searchDocumentFields(props);
  const frame = {
    site: props.site,
    columns: props.columns,
    prefs: props.prefs,
    description: SEARCH_DESCRIPTION,
    noindex: true,
  };
  return renderInDocument(frame, title, path, SearchResults(props));
}

describe("the search page rendered in its document's shell", () => {
  it("is byte for byte the page Preact renders whole, for any query, page, site and display choice", () => {
    let compared = 0;
    for (const site of [PLAIN_SITE, FULL_SITE])
      for (const columns of [COLUMNS, []])
        for (const prefs of PREFS)
          for (const query of QUERIES)
            for (const page of [1, 2, 3]) {
              const props: SearchPageProps = { site, columns, prefs, query, result: result(query, page) };
              expect(shellRender(props)).toBe(renderDocument(SearchPage(props)));
              compared++;
            }
    expect(compared).toBe(2 * 2 * 3 * QUERIES.length * 3);
  });

  it("renders the empty search page (no query: a path without one) the same way", () => {
    for (const prefs of PREFS) {
      const props: SearchPageProps = { site: FULL_SITE, columns: COLUMNS, prefs, query: "", result: EMPTY };
      expect(searchDocumentFields(props).path).not.toContain("?");
      expect(shellRender(props)).toBe(renderDocument(SearchPage(props)));
    }
  });

  it("follows a change of the site's settings or navigation (new objects), not an old shell", () => {
    const props: SearchPageProps = {
      site: PLAIN_SITE,
      columns: COLUMNS,
      prefs: PREFS[0],
      query: "乡村",
      result: result("乡村", 1),
    };
    expect(shellRender(props)).toContain("测试党建网");
    const renamed = { ...props, site: { ...PLAIN_SITE, name: "新名称网" }, columns: [COLUMNS[1]] };
    const html = shellRender(renamed);
    expect(html).toBe(renderDocument(SearchPage(renamed)));
    expect(html).not.toContain("测试党建网");
    expect(html).not.toContain("/columns/xianfeng");
  });

  it("escapes as Preact does, and leaves nothing of its slots in the page", () => {
    expect(escapeAsPreact(`<a href="x">&</a>'>`)).toBe("&lt;a href=&quot;x&quot;>&amp;&lt;/a>'>");
    const props: SearchPageProps = {
      site: FULL_SITE,
      columns: COLUMNS,
      prefs: PREFS[1],
      query: "\u0000title\u0000",
      result: result("x", 1),
    };
    // A query cannot carry NUL (lib/http/params.ts refuses it); even so the page equals the whole render.
    expect(shellRender(props)).toBe(renderDocument(SearchPage(props)));
  });
});

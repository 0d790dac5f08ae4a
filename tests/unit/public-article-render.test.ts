import { JSDOM } from "jsdom";
import { ArticlePage } from "@/lib/public/render/ArticlePage";
import type { SiteInfo } from "@/lib/public/render/Document";
import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body/schema";
import { renderDocument } from "@/lib/public/render/html-response";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import type { PublicArticle, PublicMedia } from "@/lib/public/data/queries";

const FIG = "11111111-1111-4111-8111-111111111111";
const PORTRAIT = "22222222-2222-4222-8222-222222222222";
const HASHES: Record<string, string> = { [FIG]: "a".repeat(64), [PORTRAIT]: "b".repeat(64) };

const photo = (id: string, width = 1200, height = 800): PublicMedia => {
  const hash = HASHES[id] ?? "c".repeat(64);
  return {
    id,
    storageKey: `${hash}/original.jpg`,
    width,
    height,
    alt: "近照",
    caption: "",
    credit: "",
    renditions: [
      { width: 480, format: "webp", key: `${hash}/w480.webp`, bytes: 1000 },
      { width: 960, format: "jpeg", key: `${hash}/w960.jpg`, bytes: 2000 },
    ],
  };
};
const A = "a".repeat(64);
const B = "b".repeat(64);

const SITE: SiteInfo = {
  name: "测试党建网",
  shortName: "",
  url: "https://www.example.gov.cn",
  logo: null,
  footer: { sponsor: "", organizer: "", contact: "", siteCode: "", icp: null, police: null },
  timeZone: "Asia/Shanghai",
  showViewCount: false,
};
const COLUMNS = [
  {
    id: "c1",
    slug: "xianfeng",
    name: "先锋",
    description: "",
    seriesMark: "【先锋】",
    listStyle: "PROFILE_GRID" as const,
  },
];

function demoLike(overrides: Partial<PublicArticle> = {}): PublicArticle {
  const body: BodyDocument = {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "李明，某街道社区党总支书记。" }] },
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "坚持党建引领" }] },
      {
        type: "figure",
        attrs: { mediaId: FIG, alt: "开会的场景" },
        content: [{ type: "text", text: "指导成立党支部" }],
      },
      { type: "paragraph", content: [{ type: "text", text: "党的建设有成效。" }] },
    ],
  };
  return {
    id: "a1",
    slug: "demo-li-ming",
    title: "社区里的“老黄牛”——李明",
    overTitle: "",
    subtitle: "",
    responsibleEditor: "",
    seriesMark: "【先锋】",
    source: "区委组织部",
    byline: "",
    lead: "系列导语：集中展示先进典型的风采。",
    summary: "李明，某街道社区党总支书记。",
    publishedAt: new Date("2021-07-27T02:00:00Z"),
    column: COLUMNS[0] ?? (undefined as never),
    profile: {
      kind: "PERSON",
      name: "李明",
      honour: "上海市优秀党务工作者",
      position: "",
      organisation: "",
      portrait: photo(PORTRAIT, 600, 800),
    },
    cover: null,
    body,
    plainText: "",
    media: [photo(FIG)],
    previous: { id: "a0", slug: "newer-one", title: "【先锋】较新的一篇" },
    next: null,
    ...overrides,
  };
}

function page(article: PublicArticle): string {
  return renderDocument(
    ArticlePage({
      site: SITE,
      columns: COLUMNS,
      article,
      prefs: DEFAULT_PREFS,
      qrSvg: "<svg xmlns='http://www.w3.org/2000/svg'></svg>",
    }),
  );
}

describe("the public article page", () => {
  it("renders the demo-like profile with every element of the seed page, in order", () => {
    const html = page(demoLike());
    const markers = [
      '<nav class="breadcrumb"',
      '<a href="/">首页</a>',
      '<a href="/columns/xianfeng">先锋</a>',
      '<span class="series-mark">【先锋】</span>社区里的“老黄牛”——李明</h1>',
      "来源：区委组织部",
      '发布日期：<time datetime="2021-07-27T02:00:00.000Z">2021-07-27</time>',
      "字号：",
      ">大</a>",
      ">中</a>",
      ">小</a>",
      '<p class="article-lead">系列导语',
      '<p class="profile-name">李明</p>',
      '<p class="profile-honour">（上海市优秀党务工作者）</p>',
      'class="profile-portrait"',
      '<div class="article-body"><p>李明，',
      "<h2>坚持党建引领</h2>",
      `<figure class="figure"><img src="/media/${A}/w960.jpg"`,
      "<figcaption>指导成立党支部</figcaption></figure>",
      "<p>党的建设有成效。</p>",
      ">打印本页</button>",
      ">返回上页</a>",
      'alt="本页网址的二维码"',
      "上一篇：",
      'href="/articles/newer-one.html"',
      "下一篇：",
    ];
    let from = 0;
    for (const marker of markers) {
      const at = html.indexOf(marker, from);
      if (at < 0) throw new Error(`missing or out of order: ${marker}`);
      from = at + marker.length;
    }
    expect(html).toContain(`srcset="/media/${B}/w480.webp 480w"`);
    expect(html).toContain('width="600" height="800"');
    expect(html).toContain('<script src="/assets/reader.js" defer></script>');
    expect(html).toContain("本文网址：https://www.example.gov.cn/articles/demo-li-ming.html");
    expect(html).toContain('<link rel="canonical" href="https://www.example.gov.cn/articles/demo-li-ming.html"/>');
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain('<meta name="description" content="李明，某街道社区党总支书记。"/>');
  });

  it("renders every allowed body node to the expected HTML", () => {
    const parsed = parseBody({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "粗", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "斜", marks: [{ type: "italic" }] },
            { type: "text", text: "下", marks: [{ type: "underline" }] },
            { type: "text", text: "链", marks: [{ type: "link", attrs: { href: "https://www.gov.cn/" } }] },
          ],
        },
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "小标题" }] },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "甲" }] }] }],
        },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "乙" }] }] }],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "引文" }] }] },
        { type: "horizontalRule" },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "表头" }] }] },
                {
                  type: "tableCell",
                  attrs: { colspan: 2 },
                  content: [{ type: "paragraph", content: [{ type: "text", text: "单元格" }] }],
                },
              ],
            },
          ],
        },
        {
          type: "figure",
          attrs: { mediaId: FIG, alt: "图", align: "left" },
          content: [{ type: "text", text: "说明" }],
        },
      ],
    });
    if (!parsed.ok) throw new Error(`${parsed.path}: ${parsed.message}`);
    const html = page(demoLike({ body: parsed.body, profile: null }));
    const body = html.slice(html.indexOf('<div class="article-body">'), html.indexOf("</article>"));
    expect(body).toBe(
      '<div class="article-body">' +
        '<p><strong>粗</strong><br><em>斜</em><u>下</u><a href="https://www.gov.cn/" rel="noopener noreferrer">链</a></p>\n' +
        "<h3>小标题</h3>\n" +
        "<ul><li><p>甲</p></li></ul>\n" +
        '<ol start="3"><li><p>乙</p></li></ol>\n' +
        "<blockquote><p>引文</p></blockquote>\n" +
        "<hr>\n" +
        '<div class="table-wrap"><table><tbody><tr><th>表头</th><td colspan="2">单元格</td></tr></tbody></table></div>\n' +
        `<figure class="figure figure-left"><img src="/media/${A}/w960.jpg" srcset="/media/${A}/w480.webp 480w" sizes="(max-width: 760px) 100vw, 720px" width="1200" height="800" alt="图" decoding="async"><figcaption>说明</figcaption></figure>` +
        "</div>",
    );
  });

  it("cannot be made to carry a script by hostile stored content", () => {
    const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const hostileBody = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: evil },
            { type: "text", text: "链", marks: [{ type: "link", attrs: { href: "javascript:alert(3)" } }] },
          ],
        },
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: evil }] },
        { type: "figure", attrs: { mediaId: FIG, alt: evil }, content: [{ type: "text", text: evil }] },
        { type: "script", content: [{ type: "text", text: "alert(4)" }] },
        { type: "paragraph", content: [{ type: "html", text: "<script>alert(5)</script>" }] },
      ],
    } as unknown as BodyDocument;
    const html = page(
      demoLike({
        title: evil,
        seriesMark: evil,
        source: evil,
        byline: evil,
        lead: evil,
        summary: evil,
        body: hostileBody,
        profile: {
          kind: "PERSON",
          name: evil,
          honour: evil,
          position: "",
          organisation: "",
          portrait: { ...photo(PORTRAIT), alt: evil },
        },
        previous: { id: "x", slug: "x", title: evil },
      }),
    );
    const dom = new JSDOM(html).window.document;
    expect([...dom.querySelectorAll("script")].map((script) => script.outerHTML)).toEqual([
      '<script src="/assets/reader.js" defer=""></script>',
    ]);
    const handlers = [...dom.querySelectorAll("*")].flatMap((element) =>
      element.getAttributeNames().filter((name) => name.startsWith("on")),
    );
    expect(handlers).toEqual([]);
    const urls = [...dom.querySelectorAll("[href], [src], [srcset], [action]")].flatMap((element) =>
      ["href", "src", "srcset", "action"].map((name) => element.getAttribute(name) ?? ""),
    );
    expect(urls.filter((url) => /^\s*(javascript|vbscript|data:text)/i.test(url))).toEqual([]);
    expect(dom.querySelectorAll("iframe, object, embed, style, base").length).toBe(0);
    expect(html).not.toContain("alert(4)");
    expect(html).not.toContain("alert(5)");
  });
});

/** What 网站体检 reads off a rendered page: every URL a browser would fetch or follow, and the 发布日期. */
import { ArticlePage } from "@/lib/public/render/ArticlePage";
import type { SiteInfo } from "@/lib/public/render/Document";
import { renderDocument } from "@/lib/public/render/html-response";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import type { PublicArticle, PublicColumn } from "@/lib/public/data/queries";
import { pageLinks, showsPublishedDate } from "@/lib/inspection/page-links";

const COLUMN: PublicColumn = {
  id: "c1",
  slug: "yaowen",
  name: "要闻",
  description: "",
  seriesMark: "",
  listStyle: "NEWS_LIST",
};
const SITE: SiteInfo = {
  name: "测试党建网",
  shortName: "",
  url: "https://www.example.gov.cn",
  logo: null,
  footer: { sponsor: "", organizer: "", contact: "", siteCode: "", icp: null, police: null },
  timeZone: "Asia/Shanghai",
  showViewCount: false,
};

function articlePage(publishedAt: Date | null): string {
  const article: PublicArticle = {
    id: "a1",
    slug: "news-1",
    title: "标题",
    overTitle: "",
    subtitle: "",
    responsibleEditor: "",
    seriesMark: "",
    source: "区委宣传部",
    byline: "",
    lead: "",
    summary: "",
    // The public lookup never yields a live article without a date; the view prints a dash for one.
    publishedAt: publishedAt as Date,
    column: COLUMN,
    profile: null,
    cover: null,
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "正文" }] }] },
    plainText: "正文",
    media: [],
    previous: null,
    next: null,
  };
  return renderDocument(
    ArticlePage({ site: SITE, columns: [COLUMN], article, prefs: DEFAULT_PREFS, qrSvg: "<svg></svg>" }),
  );
}

describe("the 发布日期 of an article page", () => {
  it("is there when the page shows the date itself, not when it shows only the label", () => {
    expect(showsPublishedDate(articlePage(new Date("2026-11-30T02:00:00Z")))).toBe(true);
    const dateless = articlePage(null);
    expect(dateless).toContain("发布日期");
    expect(showsPublishedDate(dateless)).toBe(false);
  });
});

describe("the links of a page", () => {
  it("reads every href, src and srcset URL of every kind of element, and skips anchors and mail", () => {
    const html = [
      '<link rel="stylesheet" href="/assets/site.css">',
      '<script src="/assets/reader.js" defer></script>',
      '<a href="/articles/a.html">a</a><a href="#main">skip</a><a href="mailto:x@example.org">mail</a>',
      '<img src="/media/x/w480.jpg" srcset="/media/x/w480.webp 480w, /media/x/w960.webp 960w" alt="图">',
      '<picture><source srcset="/media/y/w480.webp 480w" type="image/webp"></picture>',
      '<iframe src="https://video.example.org/embed/1"></iframe>',
      '<video src="/media/z/clip.mp4"></video><audio src="/media/z/a.mp3"></audio>',
      '<embed src="/assets/map.svg"><object data="/x"></object><area href="/columns/yaowen">',
    ].join("");
    expect(pageLinks(html).links.map((link) => `${link.tag} ${link.attribute} ${link.url}`)).toEqual([
      "link href /assets/site.css",
      "script src /assets/reader.js",
      "a href /articles/a.html",
      "img src /media/x/w480.jpg",
      "img srcset /media/x/w480.webp",
      "img srcset /media/x/w960.webp",
      "source srcset /media/y/w480.webp",
      "iframe src https://video.example.org/embed/1",
      "video src /media/z/clip.mp4",
      "audio src /media/z/a.mp3",
      "embed src /assets/map.svg",
      "area href /columns/yaowen",
    ]);
  });
});

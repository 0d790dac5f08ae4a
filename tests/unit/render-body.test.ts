import type { BodyDocument } from "@/lib/articles/body";
import { bodyPlainText, renderBody } from "@/lib/articles/render-body";

const media = (id: string) =>
  id === "m1" ? { src: "/media/a/w960.webp", width: 960, height: 720, srcset: "/media/a/w480.webp 480w" } : undefined;

describe("body renderer", () => {
  it("renders headings, marks, figures with captions and lists", () => {
    const doc: BodyDocument = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "坚持党建引领" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "党建", marks: [{ type: "bold" }] },
            { type: "text", text: "有成效。" },
          ],
        },
        { type: "figure", attrs: { mediaId: "m1", alt: "走访企业" }, content: [{ type: "text", text: "走访企业" }] },
        { type: "figure", attrs: { mediaId: "m1", alt: "第二张" } },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "一" }] }] }],
        },
      ],
    };
    const html = renderBody(doc, { media });
    expect(html).toContain("<h2>坚持党建引领</h2>");
    expect(html).toContain("<p><strong>党建</strong>有成效。</p>");
    expect(html).toContain('<figure class="figure"><img src="/media/a/w960.webp" srcset="/media/a/w480.webp 480w"');
    expect(html).toContain("<figcaption>走访企业</figcaption>");
    // The first figure loads eagerly; later ones are below the fold.
    expect(html.match(/loading="lazy"/g)).toHaveLength(1);
    expect(html).toContain("<ul><li><p>一</p></li></ul>");
    expect(bodyPlainText(doc)).toBe("坚持党建引领\n党建有成效。\n走访企业\n一");
  });

  it("escapes text and drops unsafe links and unknown nodes", () => {
    const hostile = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "<script>alert(1)</script>" },
            { type: "text", text: "点我", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
            { type: "text", text: "官网", marks: [{ type: "link", attrs: { href: 'https://a.cn/"onmouseover="x' } }] },
          ],
        },
        { type: "rawHtml", content: "<img src=x onerror=alert(1)>" },
        { type: "figure", attrs: { mediaId: "missing", alt: "x" } },
      ],
    } as unknown as BodyDocument;
    const html = renderBody(hostile, { media });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("onerror");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('href="https://a.cn/&quot;onmouseover=&quot;x"');
    expect(html).toContain("点我");
  });
});

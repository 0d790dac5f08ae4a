import { JSDOM } from "jsdom";
import { parseBody } from "@/lib/articles/body/schema";
import { toStoredBody } from "@/lib/articles/editor-json";
import { cleanPastedHtml } from "@/lib/articles/paste-clean";

const parser = new new JSDOM("").window.DOMParser();
const clean = (html: string) => cleanPastedHtml(html, parser);

/** A fragment the way Word (and WPS, which copies it) puts it on the clipboard. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{font-family:宋体；color:red}</style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<h1 style='mso-pagination:widow-orphan'><span style='font-family:黑体；color:#C00000'>坚持党建引领，强化政治担当<o:p></o:p></span></h1>
<p class=MsoNormal style='text-indent:21.0pt'><span style='font-size:14.0pt;font-family:仿宋_GB2312'>　　2021年7月，他带领团队<b>成立党支部</b>,并<span style='font-weight:bold'>推动</span>“双强六好”建设。<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>第一条措施</span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]><span>第二条措施</span></p>
<p class=MsoNormal style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore;font-family:Symbol'>·<span>&nbsp;&nbsp;</span></span><![endif]>要点一</p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr><td width=200 valign=top style='width:150pt;background:yellow'><p class=MsoNormal><b>姓名</b></p></td><td colspan=2 style='color:blue'><p class=MsoNormal>李明</p></td></tr></table>
<p class=MsoNormal><span style='font-size:12pt'><img width=300 height=200 src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" alt="照片" v:shapes="Picture_x0020_1"></span></p>
<p><a href="javascript:alert(1)" onclick="x()">恶意链接</a> 与 <a href="https://www.gov.cn/" target="_blank" class="x" style="color:red">中国政府网</a></p>
<!--EndFragment-->
</body></html>`;

describe("paste from Word / WPS", () => {
  const result = clean(WORD_HTML);

  it("drops styles, classes, fonts, colours and Word's XML and comments", () => {
    expect(result.html).not.toMatch(/style=|class=|font|color|mso|o:p|<xml|<!--|<span|width=|valign|lang=/i);
  });

  it("keeps headings (h1 becomes the body's level-2 heading)", () => {
    expect(result.html).toContain("<h2>坚持党建引领，强化政治担当</h2>");
  });

  it("keeps bold, written as a tag or as a style, and the full-width punctuation, without the typed indent", () => {
    expect(result.html).toContain(
      "<p>2021年7月，他带领团队<strong>成立党支部</strong>,并<strong>推动</strong>“双强六好”建设。</p>",
    );
  });

  it("drops empty paragraphs", () => {
    expect(result.html).not.toMatch(/<p>\s*<\/p>/);
    expect(result.html).not.toContain("&nbsp;");
  });

  it("turns Word's numbered and bulleted paragraphs into real lists without the typed markers", () => {
    expect(result.html).toContain("<ol><li><p>第一条措施</p></li><li><p>第二条措施</p></li></ol>");
    expect(result.html).toContain("<ul><li><p>要点一</p></li></ul>");
  });

  it("keeps tables with their spans but no widths or colours", () => {
    expect(result.html).toContain(
      '<table><tbody><tr><td><p><strong>姓名</strong></p></td><td colspan="2"><p>李明</p></td></tr></tbody></table>',
    );
  });

  it("reports images from the author's disk instead of keeping a broken address, when their bytes are not on the clipboard", () => {
    expect(result.droppedImages).toBe(1);
    expect(result.images).toEqual([]);
    expect(result.html).not.toMatch(/file:|<figure|<img/);
  });

  it("keeps safe links without target or class and unwraps script links", () => {
    expect(result.html).toContain('<a href="https://www.gov.cn/">中国政府网</a>');
    expect(result.html).not.toMatch(/javascript|onclick/);
    expect(result.html).toContain("恶意链接");
  });

  it("never keeps a web image's address: it is reported, not fetched", () => {
    const web = clean('<p>前文</p><img src="https://example.org/a.jpg" alt="甲"><p>后文</p>');
    expect(web.images).toEqual([]);
    expect(web.droppedImages).toBe(1);
    expect(web.html).toBe("<p>前文</p><p>后文</p>");
  });

  it("nests Word's level-2 list paragraphs inside the previous item", () => {
    const nested = clean(
      `<p style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·</span>甲</p>` +
        `<p style='mso-list:l0 level2 lfo1'><span style='mso-list:Ignore'>o</span>甲一</p>` +
        `<p style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·</span>乙</p>`,
    );
    expect(nested.html).toBe("<ul><li><p>甲</p><ul><li><p>甲一</p></li></ul></li><li><p>乙</p></li></ul>");
  });
});

const PNG_URI = "data:image/png;base64,iVBORw0KGgo=";

describe("images in pasted HTML", () => {
  it("puts a placeholder figure where a data: image stood, splitting the paragraph around it", () => {
    const pasted = clean(`<p>第一句。<span><img src="${PNG_URI}" width=300></span>第二句。</p><p>末段。</p>`);
    expect(pasted.html).toBe('<p>第一句。</p><figure data-paste-image="0"></figure><p>第二句。</p><p>末段。</p>');
    expect(pasted.images).toEqual([{ key: "0", source: { kind: "data", src: PNG_URI } }]);
    expect(pasted.droppedImages).toBe(0);
  });

  it("lifts a placeholder out of bold text and links, and leaves no empty paragraph behind", () => {
    const pasted = clean(
      `<p><b><a href="https://www.gov.cn/">甲<img src="${PNG_URI}"></a></b></p><p><img src="${PNG_URI}"></p>`,
    );
    expect(pasted.html).toBe(
      '<p><strong><a href="https://www.gov.cn/">甲</a></strong></p><figure data-paste-image="0"></figure><figure data-paste-image="1"></figure>',
    );
  });

  it("moves a photo out of a table cell to just after the table, in order", () => {
    const pasted = clean(
      `<table><tr><td><p>甲<img src="${PNG_URI}"></p></td><td><img src="${PNG_URI}"></td></tr></table><p>后文</p>`,
    );
    expect(pasted.html).toBe(
      '<table><tbody><tr><td><p>甲</p></td><td></td></tr></tbody></table><figure data-paste-image="0"></figure><figure data-paste-image="1"></figure><p>后文</p>',
    );
  });

  it("keeps a photo in a list item as a block of that item", () => {
    const pasted = clean(`<ul><li><p>要点<img src="${PNG_URI}"></p></li></ul>`);
    expect(pasted.html).toBe('<ul><li><p>要点</p><figure data-paste-image="0"></figure></li></ul>');
  });

  it("pairs Word's file: images with the clipboard's image files when there is one file for each", () => {
    const word = `<p>前文<img src="file:///C:/Temp/clip_image002.png"></p><p><img src="${PNG_URI}"></p><p><img src="file:///C:/Temp/clip_image004.jpg">后文</p>`;
    const keys = (n: number) => `k${n}`;
    const paired = cleanPastedHtml(word, parser, { clipboardFiles: 2, imageKey: keys });
    expect(paired.images).toEqual([
      { key: "k0", source: { kind: "file", index: 0 } },
      { key: "k1", source: { kind: "data", src: PNG_URI } },
      { key: "k2", source: { kind: "file", index: 1 } },
    ]);
    expect(paired.html).toBe(
      '<p>前文</p><figure data-paste-image="k0"></figure><figure data-paste-image="k1"></figure><figure data-paste-image="k2"></figure><p>后文</p>',
    );
    expect(paired.droppedImages).toBe(0);

    // One file for two file: images is something else (a picture of the selection): both are reported.
    const unpaired = cleanPastedHtml(word, parser, { clipboardFiles: 1, imageKey: keys });
    expect(unpaired.images).toEqual([{ key: "k1", source: { kind: "data", src: PNG_URI } }]);
    expect(unpaired.html).toBe('<p>前文</p><figure data-paste-image="k1"></figure><p>后文</p>');
    expect(unpaired.droppedImages).toBe(2);
  });

  it("refuses data: URIs that are not photos the site accepts", () => {
    const pasted = clean(
      '<p>甲<img src="data:image/svg+xml;base64,PHN2Zz4="><img src="data:text/html;base64,PGI+"></p>',
    );
    expect(pasted.images).toEqual([]);
    expect(pasted.droppedImages).toBe(2);
    expect(pasted.html).toBe("<p>甲</p>");
  });
});

describe("editor JSON → stored body", () => {
  it("strips the attributes Tiptap adds and the strict schema refuses", () => {
    const editorJson = {
      type: "doc",
      content: [
        {
          type: "orderedList",
          attrs: { start: 1, type: null },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "一" }] }] }],
        },
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "链接",
              marks: [
                {
                  type: "link",
                  attrs: {
                    href: "https://www.gov.cn/",
                    target: "_blank",
                    rel: "noopener noreferrer nofollow",
                    class: null,
                  },
                },
              ],
            },
          ],
        },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                {
                  type: "tableHeader",
                  attrs: { colspan: 1, rowspan: 1, colwidth: null },
                  content: [{ type: "paragraph" }],
                },
                {
                  type: "tableCell",
                  attrs: { colspan: 2, rowspan: 1, colwidth: [100, 120] },
                  content: [{ type: "paragraph", content: [{ type: "text", text: "格" }] }],
                },
              ],
            },
          ],
        },
        {
          type: "figure",
          attrs: { mediaId: "00000000-0000-4000-8000-0000000000aa", alt: "照片", align: "center" },
          content: [{ type: "text", text: "说明" }],
        },
        { type: "figure", attrs: { mediaId: null, alt: "", align: "center" } },
        { type: "paragraph", content: [] },
      ],
    };
    const stored = toStoredBody(editorJson);
    const parsed = parseBody(stored);
    expect(parsed).toEqual({ ok: true, body: stored });
    expect(JSON.stringify(stored)).not.toMatch(/target|rel|colwidth|"type":null|"start":1|"class"/);
    expect(JSON.stringify(stored)).toContain('"attrs":{"colspan":2}');
  });
});

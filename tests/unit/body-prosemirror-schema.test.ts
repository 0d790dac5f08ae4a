import { getSchema } from "@tiptap/core";
import { DOMParser as ProseMirrorParser, DOMSerializer, type Schema } from "@tiptap/pm/model";
import { JSDOM } from "jsdom";
import { bodySchema } from "@/lib/articles/body/prosemirror-schema";
import { parseBody } from "@/lib/articles/body/schema";
import { toStoredBody } from "@/lib/articles/editor-json";
import { cleanPastedHtml } from "@/lib/articles/paste-clean";
import { bodyExtensions } from "../support/tiptap-body/extensions";

// The body's ProseMirror schema against the Tiptap extensions the stored bodies were made with: the
// same HTML (pasted, imported, copied inside the editor) must give the same stored body.
const dom = new JSDOM("<!doctype html><html><body></body></html>");
const tiptap = getSchema(bodyExtensions());

function parse(schema: Schema, html: string): unknown {
  const container = dom.window.document.createElement("div");
  container.innerHTML = html;
  return toStoredBody(ProseMirrorParser.fromSchema(schema).parse(container).toJSON());
}

const HTML: Record<string, string> = {
  "headings of every level": "<h1>一级</h1><h2>二级</h2><h3>三级</h3><h4>四级</h4><p>正文</p>",
  marks:
    '<p><strong>粗</strong><b>粗b</b><b style="font-weight:normal">不粗</b><span style="font-weight:700">粗700</span>' +
    '<span style="font-weight:400"><b>清</b></span><em>斜</em><i style="font-style:normal">不斜</i>' +
    '<span style="font-style:italic">斜体</span><u>下划</u><span style="text-decoration: underline">线</span></p>',
  "nested marks": "<p><strong><em><u>三重</u></em></strong>和<a href='https://www.gov.cn'><b>链接粗</b></a></p>",
  links:
    '<p><a href="https://www.gov.cn/a?b=1">政府网</a><a href="mailto:x@example.org">邮件</a>' +
    '<a href="javascript:alert(1)">脚本</a><a href="/relative">相对</a><a href=" https://x.org">空格</a></p>',
  lists:
    "<ul><li>一</li><li><p>二</p><ul><li>二点一</li></ul></li></ul><ol start='3'><li>三</li></ol>" +
    "<ol type='a' style='list-style-type: lower-alpha'><li>甲</li></ol><ol start='1'><li>一</li></ol>",
  "quotes and rules": "<blockquote><p>引用</p><blockquote>嵌套</blockquote></blockquote><hr><p>后</p>",
  "line breaks": "<p>第一行<br>第二行<br><br>第三行</p>",
  tables:
    '<table><tr><th colspan="2">表头</th></tr><tr><td rowspan="2">甲</td><td><p>乙</p><p>丙</p></td></tr>' +
    '<tr><td colspan="1" colwidth="120">丁</td></tr><tr><td></td><td><ul><li>表中列表</li></ul></td></tr></table>',
  figures:
    '<figure data-media-id="m1" data-alt="说明" data-align="left"><img src="/x.jpg"><figcaption>图注<b>粗</b></figcaption></figure>' +
    '<figure data-media-id="m2"><figcaption></figcaption></figure><figure><img src="/y.jpg"><figcaption>无编号</figcaption></figure>',
  "loose inline text and unknown blocks": "裸文本<div>块<span>内联</span></div><section><p>段</p></section>",
  "empty document": "",
};

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<h1 style='color:#C00000'><span style='font-family:黑体'>二、强化政治担当<o:p></o:p></span></h1>
<p class=MsoNormal style='text-indent:21pt'><span style='font-size:14pt'>　　全年开展<b>主题党日</b>活动。<o:p></o:p></span></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]>建强组织</p>
<table class=MsoTableGrid border=1><tr><td width=200><p class=MsoNormal>支部</p></td><td><p class=MsoNormal>党员</p></td></tr></table>
<!--EndFragment--></body></html>`;

describe("the body's ProseMirror schema", () => {
  it("has Tiptap's nodes and marks, in Tiptap's order, with the same content, groups and flags", () => {
    expect(Object.keys(bodySchema.nodes)).toEqual(Object.keys(tiptap.nodes));
    expect(Object.keys(bodySchema.marks)).toEqual(Object.keys(tiptap.marks));
    for (const [name, type] of Object.entries(tiptap.nodes)) {
      const ours = bodySchema.nodes[name]!.spec;
      for (const key of [
        "content",
        "group",
        "inline",
        "defining",
        "isolating",
        "draggable",
        "marks",
        "tableRole",
      ] as const)
        expect([name, key, ours[key] ?? null]).toEqual([name, key, type.spec[key] ?? null]);
    }
    expect(bodySchema.marks.link!.spec.inclusive).toBe(false);
    expect(bodySchema.topNodeType.contentMatch.defaultType?.name).toBe("paragraph");
  });

  it.each(Object.entries(HTML))("parses %s into the stored body Tiptap gave", (_name, html) => {
    expect(parse(bodySchema, html)).toEqual(parse(tiptap, html));
  });

  it("parses a cleaned Word paste into the stored body Tiptap gave, and a valid one", () => {
    const cleaned = cleanPastedHtml(WORD, new dom.window.DOMParser()).html;
    const ours = parse(bodySchema, cleaned);
    expect(ours).toEqual(parse(tiptap, cleaned));
    expect(parseBody(ours).ok).toBe(true);
  });

  it("copies as HTML that parses back to the same body (a copy and paste inside the editor)", () => {
    for (const html of Object.values(HTML)) {
      const container = dom.window.document.createElement("div");
      container.innerHTML = html;
      const doc = ProseMirrorParser.fromSchema(bodySchema).parse(container);
      const copied = dom.window.document.createElement("div");
      copied.appendChild(
        DOMSerializer.fromSchema(bodySchema).serializeFragment(doc.content, { document: dom.window.document }),
      );
      expect(parse(bodySchema, copied.innerHTML)).toEqual(toStoredBody(doc.toJSON()));
    }
  });

  it("copies a figure with its Media id, alt text, alignment and thumbnail, and a placeholder without any", () => {
    const { figure } = bodySchema.nodes;
    const html = (node: ReturnType<typeof figure.create>) => {
      const out = dom.window.document.createElement("div");
      out.appendChild(DOMSerializer.fromSchema(bodySchema).serializeNode(node, { document: dom.window.document }));
      return out.innerHTML;
    };
    expect(
      html(figure.create({ mediaId: "m1", alt: "说明", align: "right", src: "/t.jpg" }, bodySchema.text("注"))),
    ).toBe(
      '<figure data-alt="说明" data-align="right" data-media-id="m1" data-src="/t.jpg"><figcaption>注</figcaption></figure>',
    );
    expect(html(figure.create({ uploadKey: "k" }))).toBe(
      '<figure data-alt="" data-align="center"><figcaption></figcaption></figure>',
    );
  });
});

import { z } from "zod";
import type { BodyDocument } from "@/lib/articles/body";
import {
  BODY_LIMITS,
  bodyPlainText,
  bodySchema,
  countCharacters,
  figuresWithoutAlt,
  parseBody,
} from "@/lib/articles/body/schema";

const MEDIA_ID = "550e8400-e29b-41d4-a716-446655440000";

const text = (value: string) => ({ type: "text", text: value });
const paragraph = (value: string) => ({ type: "paragraph", content: [text(value)] });
const doc = (...content: unknown[]) => ({ type: "doc", content });
const linked = (href: string) =>
  doc({
    type: "paragraph",
    content: [{ type: "text", text: "市政府网站", marks: [{ type: "link", attrs: { href } }] }],
  });

/** Parses and expects a rejection, so each test reads as "this input → this message". */
function rejection(input: unknown): { message: string; path: string } {
  const result = parseBody(input);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.body).slice(0, 200)}`);
  return { message: result.message, path: result.path };
}

/** `levels` blockquotes around one paragraph, built as text so no recursion is needed to make it. */
function nestedBlockquotes(levels: number): string {
  return (
    '{"type":"doc","content":[' +
    '{"type":"blockquote","content":['.repeat(levels) +
    '{"type":"paragraph"}' +
    "]}".repeat(levels) +
    "]}"
  );
}

const everyNode: BodyDocument = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "坚持党建引领，强化政治担当" }] },
    { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "一、夯实基础" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "党建", marks: [{ type: "bold" }, { type: "italic" }, { type: "underline" }] },
        { type: "hardBreak" },
        { type: "text", text: "官网", marks: [{ type: "link", attrs: { href: "https://www.sheitc.sh.gov.cn/" } }] },
        { type: "text", text: "来信", marks: [{ type: "link", attrs: { href: "mailto:dangjian@example.cn" } }] },
      ],
    },
    { type: "paragraph" },
    {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "一" }] },
            {
              type: "orderedList",
              attrs: { start: 3 },
              content: [
                { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "三" }] }] },
              ],
            },
          ],
        },
      ],
    },
    {
      type: "orderedList",
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "甲" }] }] }],
    },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "不忘初心" }] }] },
    { type: "horizontalRule" },
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            {
              type: "tableHeader",
              attrs: { colspan: 2 },
              content: [{ type: "paragraph", content: [{ type: "text", text: "指标" }] }],
            },
          ],
        },
        {
          type: "tableRow",
          content: [
            {
              type: "tableCell",
              attrs: { rowspan: 1 },
              content: [{ type: "paragraph", content: [{ type: "text", text: "党支部" }] }],
            },
            { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "12 个" }] }] },
          ],
        },
      ],
    },
    {
      type: "figure",
      attrs: { mediaId: MEDIA_ID, alt: "走访企业", align: "left" },
      content: [{ type: "text", text: "指导推动园区非公企业成立党支部" }],
    },
    { type: "figure", attrs: { mediaId: MEDIA_ID.toUpperCase(), alt: "第二张" } },
  ],
};

describe("article body schema", () => {
  describe("accepts what the editor produces", () => {
    it("accepts a document using every node, mark and attribute", () => {
      const result = parseBody(everyNode);
      expect(result).toEqual({ ok: true, body: everyNode });
    });

    it("accepts the same document as JSON text, as a form field sends it", () => {
      expect(parseBody(JSON.stringify(everyNode))).toEqual({ ok: true, body: everyNode });
    });

    it("accepts the empty document of a new article", () => {
      expect(parseBody(doc({ type: "paragraph" })).ok).toBe(true);
      expect(parseBody(doc()).ok).toBe(true);
    });

    it.each(["https://www.gov.cn/", "http://example.cn/a?b=1#c", "HTTPS://EXAMPLE.CN", "mailto:office@example.cn"])(
      "accepts the link %s",
      (href) => {
        expect(parseBody(linked(href)).ok).toBe(true);
      },
    );

    it("returns a body built only from known keys", () => {
      const result = parseBody(JSON.parse(JSON.stringify(everyNode)));
      expect(result.ok && JSON.stringify(result.body)).toBe(JSON.stringify(everyNode));
    });
  });

  describe("rejects hostile or foreign content", () => {
    it.each([
      "javascript:alert(1)",
      " JAVASCRIPT:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "\u0000javascript:alert(1)",
      "javascript://example.cn/%0Aalert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "vbscript:msgbox(1)",
      "//evil.example/",
      "/admin",
      "https://",
      "https://example.cn/ x",
      "https://example.cn/\n",
      "mailto:",
    ])("rejects the link %j", (href) => {
      const { message, path } = rejection(linked(href));
      expect(message).toBe(
        "正文包含不支持的内容：第 1 段“市政府网站”处的链接地址只能是以 http://、https:// 或 mailto: 开头的完整地址，且不能包含空格",
      );
      expect(path).toBe("content[0].content[0].marks[0].attrs.href");
    });

    it("names an unknown node type and where it is", () => {
      expect(rejection(doc(paragraph("一"), paragraph("二"), { type: "script", content: [] }))).toEqual({
        message: "正文包含不支持的内容：第 3 段的节点类型 script",
        path: "content[2].type",
      });
    });

    it("finds an unknown node type inside a list", () => {
      const nested = doc({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "iframe" }] }] });
      expect(rejection(nested).message).toBe("正文包含不支持的内容：第 1 段（列表）第 1 项第 1 段的节点类型 iframe");
    });

    it("rejects an onerror attribute on a figure", () => {
      const figure = doc({ type: "figure", attrs: { mediaId: MEDIA_ID, alt: "照片", onerror: "alert(1)" } });
      expect(rejection(figure)).toEqual({
        message: "正文包含不支持的内容：第 1 段（图片）的属性 onerror",
        path: "content[0].attrs.onerror",
      });
    });

    it("rejects a style attribute wherever it appears", () => {
      expect(rejection(doc({ type: "paragraph", attrs: { style: "color:red" } })).message).toBe(
        "正文包含不支持的内容：第 1 段的属性 style",
      );
      expect(rejection(doc({ type: "paragraph", content: [{ ...text("红字"), style: "color:red" }] })).message).toBe(
        "正文包含不支持的内容：第 1 段“红字”处的属性 style",
      );
    });

    it("rejects an onclick key on a node", () => {
      expect(rejection(doc({ ...paragraph("点我"), onclick: "alert(1)" })).path).toBe("content[0].onclick");
    });

    it("rejects a __proto__ key instead of copying it", () => {
      const polluted = JSON.parse('{"type":"doc","content":[],"__proto__":{"isAdmin":true}}') as unknown;
      expect(rejection(polluted).message).toBe("正文包含不支持的内容：正文的属性 __proto__");
    });

    it("rejects marks the page does not render, and attributes Tiptap adds by default", () => {
      const colored = doc({
        type: "paragraph",
        content: [{ ...text("红"), marks: [{ type: "textStyle", attrs: { color: "red" } }] }],
      });
      expect(rejection(colored).message).toBe("正文包含不支持的内容：第 1 段“红”处的格式 textStyle");
      const targeted = doc({
        type: "paragraph",
        content: [{ ...text("官网"), marks: [{ type: "link", attrs: { href: "https://a.cn", target: "_blank" } }] }],
      });
      expect(rejection(targeted).message).toBe("正文包含不支持的内容：第 1 段“官网”处的属性 target");
    });

    it.each([1, 4, "2", null])("rejects heading level %j", (level) => {
      expect(rejection(doc({ type: "heading", attrs: { level }, content: [text("标题")] }))).toEqual({
        message: "正文格式有误：第 1 段（标题）的标题级别只能是 2 或 3（二级或三级标题）",
        path: "content[0].attrs.level",
      });
    });

    it.each(["1", "../../etc/passwd", "https://evil.example/x.png", `${MEDIA_ID} `, MEDIA_ID.replace(/-/g, "")])(
      "rejects the mediaId %j",
      (mediaId) => {
        expect(rejection(doc({ type: "figure", attrs: { mediaId, alt: "照片" } }))).toEqual({
          message: "正文格式有误：第 1 段（图片）的图片编号无效，请从图片库重新插入图片",
          path: "content[0].attrs.mediaId",
        });
      },
    );

    it("stores a figure whose alt text is still empty (submission requires it), but never one without the attribute", () => {
      expect(() => parseBody(doc({ type: "figure", attrs: { mediaId: MEDIA_ID, alt: "" } }))).not.toThrow();
      expect(
        figuresWithoutAlt(
          doc(
            { type: "figure", attrs: { mediaId: MEDIA_ID, alt: "  " } },
            { type: "figure", attrs: { mediaId: MEDIA_ID, alt: "照片" } },
          ),
        ),
      ).toBe(1);
      expect(rejection(doc({ type: "figure", attrs: { mediaId: MEDIA_ID } })).message).toBe(
        "正文格式有误\uff1a第 1 段\uff08图片\uff09缺少图片替代文字",
      );
    });

    it("rejects empty and overlong text", () => {
      expect(rejection(doc({ type: "paragraph", content: [text("")] })).message).toBe(
        "正文格式有误：第 1 段第 1 处的文字不能为空",
      );
      expect(rejection(doc(paragraph("字".repeat(BODY_LIMITS.maxTextLength + 1)))).path).toBe(
        "content[0].content[0].text",
      );
    });

    it("rejects repeated marks", () => {
      const doubled = doc({
        type: "paragraph",
        content: [{ ...text("重"), marks: [{ type: "bold" }, { type: "bold" }] }],
      });
      expect(rejection(doubled).message).toBe("正文格式有误：第 1 段“重”处的格式不能重复");
    });

    it.each([0, -1, 1.5, BODY_LIMITS.maxCellSpan + 1, "2"])("rejects colspan %j", (colspan) => {
      const table = doc({
        type: "table",
        content: [
          { type: "tableRow", content: [{ type: "tableCell", attrs: { colspan }, content: [paragraph("格")] }] },
        ],
      });
      expect(rejection(table)).toEqual({
        message: "正文格式有误：第 1 段（表格）第 1 行第 1 格的合并列数必须是 1 到 50 之间的整数",
        path: "content[0].content[0].content[0].attrs.colspan",
      });
    });

    it("rejects a node in a place the editor cannot put it", () => {
      expect(rejection(doc(text("裸文字"))).message).toBe("正文结构有误：第 1 段的位置不能放 text 节点");
      expect(rejection(doc({ type: "table", content: [paragraph("不是行")] })).message).toBe(
        "正文结构有误：第 1 段（表格）第 1 行的位置不能放 paragraph 节点",
      );
    });

    it("rejects input that is not a document", () => {
      expect(rejection(null).message).toBe("正文格式有误：不是有效的正文文档");
      expect(rejection([]).message).toBe("正文格式有误：不是有效的正文文档");
      expect(rejection("{not json").message).toBe("正文格式有误：不是有效的 JSON 数据");
      expect(rejection({ type: "doc" }).message).toBe("正文格式有误：正文缺少内容");
    });
  });

  describe("guards against oversized input before validating it", () => {
    it("rejects a megabyte of nested blockquotes quickly, as text and as an object", () => {
      const json = nestedBlockquotes(31_000);
      expect(json.length).toBeGreaterThan(1_000_000);
      const expected = "正文嵌套层级过深：第 1 段（引用）的列表或引用嵌套超过 20 层，请减少嵌套";

      const started = performance.now();
      expect(rejection(json).message).toBe(expected);
      const parsed = JSON.parse(json) as unknown;
      expect(rejection(parsed).message).toBe(expected);
      // Generous for a loaded CI machine; it takes tens of milliseconds, nearly all in JSON.parse.
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it("allows exactly the maximum depth", () => {
      // doc + blockquotes + paragraph: 18 blockquotes make 20 levels.
      expect(parseBody(nestedBlockquotes(BODY_LIMITS.maxDepth - 2)).ok).toBe(true);
      expect(rejection(nestedBlockquotes(BODY_LIMITS.maxDepth - 1)).message).toContain("嵌套层级过深");
    });

    it("rejects deep nesting hidden in an attribute, where no node is", () => {
      const hidden = `{"type":"doc","content":[{"type":"horizontalRule","attrs":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`;
      expect(rejection(hidden).message).toContain("嵌套层级过深");
    });

    it("rejects 100,000 nodes", () => {
      const many = doc({ type: "paragraph", content: Array.from({ length: 100_000 }, () => ({ type: "hardBreak" })) });
      const started = performance.now();
      expect(rejection(many).message).toBe("正文内容过多：超过 50000 个元素（段落、文字片段等），请拆分为多篇文章");
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it("rejects more than 2 MB, as text before parsing it and as an object", () => {
      const huge = doc(paragraph("党".repeat(800_000))); // 3 bytes each in UTF-8
      const message = "正文过长：数据超过 2 MB，请拆分为多篇文章";
      expect(rejection(huge).message).toBe(message);
      expect(rejection(JSON.stringify(huge)).message).toBe(message);
      const wide = doc(
        ...Array.from({ length: 40_000 }, () => paragraph("一段足够长的文字，用来把正文撑到两兆以上。")),
      );
      expect(rejection(wide).message).toBe(message);
    });
  });

  describe("as a field of a form schema", () => {
    it("carries the Chinese message on the body field", () => {
      const form = z.object({ title: z.string(), body: bodySchema });
      const result = form.safeParse({ title: "标题", body: doc({ type: "script" }) });
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ path: ["body"], message: "正文包含不支持的内容：第 1 段的节点类型 script" }),
      ]);
      const ok = form.safeParse({ title: "标题", body: JSON.stringify(everyNode) });
      expect(ok.success && ok.data.body).toEqual(everyNode);
    });
  });
});

describe("body plain text", () => {
  it("puts each paragraph on its own line, with captions and table cells", () => {
    expect(bodyPlainText(everyNode).split("\n")).toEqual([
      "坚持党建引领，强化政治担当",
      "一、夯实基础",
      "党建 官网来信",
      "一",
      "三",
      "甲",
      "不忘初心",
      "指标",
      "党支部",
      "12 个",
      "指导推动园区非公企业成立党支部",
    ]);
  });
});

describe("character count (字数, as Word and WPS count it)", () => {
  it.each([
    ["", 0],
    ["党建引领", 4],
    // Escapes make the full-width (\uff0c ,  \uff1a :) and half-width forms visible in review.
    ["坚持党建引领\uff0c强化政治担当\u3002", 14],
    ["坚持党建引领,强化政治担当\u3002", 13],
    ["\u201c拓荒牛\u201d\u2014\u2014李炯", 9],
    ["\u300a中国共产党章程\u300b", 9],
    ["发布日期\uff1a2021-07-27", 6],
    ["发布日期:2021-07-27", 5],
    ["2021年7月27日", 6],
    ["COVID-19 疫情", 3],
    ["Hello, world.", 2],
    ["iPhone15 和 5G", 3],
    ["  \n\t", 0],
    ["党建\u3000引领", 4],
    ["ＡＢＣ", 3],
    [" - ... ", 0],
    ['化工区党建的"拓荒牛"', 9],
  ])("counts %j as %i", (input, expected) => {
    expect(countCharacters(input)).toBe(expected);
  });

  it("counts the plain text of a body without its line breaks", () => {
    const body = parseBody(doc(paragraph("坚持党建引领"), paragraph("强化政治担当")));
    expect(body.ok && countCharacters(bodyPlainText(body.body))).toBe(12);
  });
});

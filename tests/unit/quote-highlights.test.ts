import type { BodyDocument } from "@/lib/articles/body";
import type { BodyEditor } from "@/components/editor/body-editor";
import { createBodyEditor, editorDom } from "../support/body-editor";
import { quoteDecorations, setReviewQuotes } from "@/components/editor/quote-highlights";
import { quotedPassages } from "@/lib/workflow/quotes";

// The admin's real editor on a jsdom document: a reviewer's quoted passage must be marked on exactly
// that text, across marks and line breaks, and stop being marked once the author rewrites it.
editorDom();

const BODY: BodyDocument = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "坚持党建引领" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "第一行" },
        { type: "hardBreak" },
        { type: "text", text: "全年开展" },
        { type: "text", text: "主题党日", marks: [{ type: "bold" }] },
        { type: "text", text: "活动十二次，主题党日很成功。" },
      ],
    },
  ],
};

function editor() {
  return createBodyEditor(BODY);
}

const marked = (instance: BodyEditor, quotes: string[]) =>
  quoteDecorations(
    instance.state.doc,
    quotes.map((quote) => ({ quote, note: "意见" })),
  )
    .find()
    .map((decoration) => instance.state.doc.textBetween(decoration.from, decoration.to));

describe("quoted passages in the body", () => {
  it("marks every occurrence of a quote, across marks, and nothing that is not in the text", () => {
    const instance = editor();
    expect(marked(instance, ["开展主题党日活动"])).toEqual(["开展主题党日活动"]);
    expect(marked(instance, ["主题党日"])).toEqual(["主题党日", "主题党日"]);
    expect(marked(instance, ["  党建引领 "])).toEqual(["党建引领"]);
    expect(marked(instance, ["不在文中的话", ""])).toEqual([]);
    instance.destroy();
  });

  it("follows the author's edits: a rewritten passage is no longer marked", () => {
    const instance = editor();
    instance.view.dispatch(setReviewQuotes(instance.state.tr, [{ quote: "活动十二次", note: "请核实次数" }]));
    const highlighted = () =>
      [...instance.view.dom.querySelectorAll("[data-review-quote]")].map((element) => element.textContent);
    expect(highlighted()).toEqual(["活动十二次"]);
    expect(instance.view.dom.querySelector("[data-review-quote]")?.getAttribute("title")).toBe("请核实次数");
    // The author turns 十二次 into 十次.
    let pos = -1;
    instance.state.doc.descendants((node, at) => {
      if (node.isText && node.text?.includes("十二次")) pos = at + (node.text.indexOf("十二次") ?? 0);
    });
    expect(pos).toBeGreaterThan(-1);
    instance.view.dispatch(instance.state.tr.insertText("十", pos, pos + 2));
    expect(highlighted()).toEqual([]);
    instance.destroy();
  });

  it("reads the passages a return comment quotes in 「」 or “”", () => {
    expect(quotedPassages("「全年开展主题党日活动」表述不准确；“十二次”请核实；「」不算")).toEqual([
      "全年开展主题党日活动",
      "十二次",
    ]);
  });
});

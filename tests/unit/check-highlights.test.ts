import type { BodyDocument } from "@/lib/articles/body";
import { compileChecks, runChecks } from "@/lib/checks/run";
import type { TermEntry } from "@/lib/checks/types";
import {
  checkDecorations,
  currentHitRanges,
  hitRange,
  setCheckHits,
  type CheckHit,
} from "@/components/editor/check-highlights";
import type { BodyEditor } from "@/components/editor/body-editor";
import { createBodyEditor, editorDom } from "../support/body-editor";

// The admin's real body editor on a jsdom document: the positions the checks report
// must land on the flagged text in the editor the staff type in.
const dom = editorDom();

const term = (value: string, level: "BLOCK" | "WARN", suggestion = ""): TermEntry => ({
  term: value,
  level,
  suggestion,
  category: "测试",
  exceptions: [],
});
const CHECKS = compileChecks([term("禁用测试词", "BLOCK", "规范说法"), term("旧提法", "WARN", "新提法")], []);

const text = (value: string, bold = false) => ({
  type: "text" as const,
  text: value,
  ...(bold ? { marks: [{ type: "bold" as const }] } : {}),
});
const paragraph = (...content: ({ type: "text"; text: string } | { type: "hardBreak" })[]) => ({
  type: "paragraph" as const,
  content,
});

/** Every kind of text block the checks read, each with a hit somewhere inside. */
const BODY: BodyDocument = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("标题里的旧提法")] },
    paragraph(text("第一行"), { type: "hardBreak" }, text("这里有禁用"), text("测试", true), text("词和旧提法。")),
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("列表中的禁用测试词"))] }] },
    { type: "blockquote", content: [paragraph(text("引文")), paragraph(text("引文里的旧提法"))] },
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            { type: "tableCell", content: [paragraph(text("单元格"))] },
            { type: "tableCell", content: [paragraph(text("单元格的禁用测试词"))] },
          ],
        },
      ],
    },
    {
      type: "figure",
      attrs: { mediaId: "00000000-0000-4000-8000-000000000001", alt: "照片", align: "center" },
      content: [text("图注中的旧提法")],
    },
  ],
};

const editors: BodyEditor[] = [];
function editorWith(body: BodyDocument): BodyEditor {
  const editor = createBodyEditor(body, dom.window.document.createElement("div"));
  editors.push(editor);
  return editor;
}
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

const bodyHits = (body: BodyDocument): CheckHit[] =>
  runChecks(CHECKS, { title: "", body }).hits.filter((hit) => hit.location.field === "body");

describe("content-check highlights in the editor", () => {
  it("maps every body hit (path + offset) onto the flagged text in the editor's document", () => {
    const editor = editorWith(BODY);
    const hits = bodyHits(BODY);
    expect(hits.map((hit) => hit.location.path)).toEqual([[0], [1], [1], [2, 0, 0], [3, 1], [4, 0, 1, 0], [5]]);
    for (const hit of hits) {
      const range = hitRange(editor.state.doc, hit.location);
      expect(range && editor.state.doc.textBetween(range.from, range.to, "\n", "\n")).toBe(hit.term);
    }
  });

  it("highlights BLOCK and WARN hits differently, with the message (naming the suggestion) as the title", () => {
    const editor = editorWith(BODY);
    editor.view.dispatch(setCheckHits(editor.state.tr, bodyHits(BODY)));
    const blocks = [...editor.view.dom.querySelectorAll(".check-hit-block")];
    const warns = [...editor.view.dom.querySelectorAll(".check-hit-warn")];
    // The bold part of a flagged term is a separate element of the same highlight.
    expect(blocks.map((element) => element.textContent).join("|")).toBe("禁用|测试|词|禁用测试词|禁用测试词");
    // The fourth is in the figure's caption, the node view's own <figcaption> (figure-node.tsx).
    expect(warns.map((element) => element.textContent)).toEqual(["旧提法", "旧提法", "旧提法", "旧提法"]);
    expect(warns[3]?.closest("figcaption")).not.toBeNull();
    expect(currentHitRanges(editor.state).size).toBe(bodyHits(BODY).length);
    expect(blocks[0]?.getAttribute("title")).toBe("禁用：建议改为「规范说法」");
    expect(warns[0]?.getAttribute("title")).toContain("建议改为「新提法」");
  });

  it("moves the highlights with edits until the next save, and drops one whose text is deleted", () => {
    const editor = editorWith(BODY);
    const hits = bodyHits(BODY);
    editor.view.dispatch(setCheckHits(editor.state.tr, hits));
    const before = currentHitRanges(editor.state);
    // Typing at the very start of the body shifts everything after it.
    editor.view.dispatch(editor.state.tr.insertText("新", 1));
    const after = currentHitRanges(editor.state);
    for (const [index, range] of before) expect(after.get(index)).toEqual({ from: range.from + 1, to: range.to + 1 });
    for (const [index, range] of after)
      expect(editor.state.doc.textBetween(range.from, range.to, "\n", "\n")).toBe(hits[index]?.term);

    const listHit = hits.findIndex((hit) => hit.location.path?.join() === "2,0,0");
    const listRange = after.get(listHit);
    if (!listRange) throw new Error("the list hit is highlighted");
    editor.view.dispatch(editor.state.tr.delete(listRange.from, listRange.to));
    expect(currentHitRanges(editor.state).has(listHit)).toBe(false);
    expect(currentHitRanges(editor.state).size).toBe(hits.length - 1);
  });

  it("ignores hits that no longer fit the document (edited while the save was on its way)", () => {
    const editor = editorWith(BODY);
    const [first] = bodyHits(BODY);
    if (!first) throw new Error("a hit");
    const moved = { ...first, location: { ...first.location, offset: first.location.offset + 1 } };
    const outside = { ...first, location: { ...first.location, path: [9] } };
    const tooLong = { ...first, location: { ...first.location, length: 999 } };
    expect(hitRange(editor.state.doc, outside.location)).toBeNull();
    expect(hitRange(editor.state.doc, tooLong.location)).toBeNull();
    expect(hitRange(editor.state.doc, { field: "title", offset: 0, length: 2 })).toBeNull();
    expect(checkDecorations(editor.state.doc, [moved, outside, tooLong]).find()).toEqual([]);
  });
});

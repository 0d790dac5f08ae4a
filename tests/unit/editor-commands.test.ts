import { Editor, type ChainedCommands } from "@tiptap/core";
import { redo, undo } from "@tiptap/pm/history";
import type { Command } from "@tiptap/pm/state";
import { TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import type { BodyEditor } from "@/components/editor/body-editor";
import {
  insertBlocks,
  insertHorizontalRule,
  setLink,
  setParagraph,
  toggleBlockquote,
  toggleHeading,
  toggleList,
  toggleMarkNamed,
  unsetLink,
} from "@/components/editor/commands";
import { figureNode } from "@/components/editor/figure-node";
import { toStoredBody } from "@/lib/articles/editor-json";
import { createBodyEditor, editorDom } from "../support/body-editor";
import { bodyExtensions } from "../support/tiptap-body/extensions";

// The body editor (ProseMirror, components/editor/) against the Tiptap editor it replaced, on the same
// documents, selections, keys, typing and pastes: the resulting body — as stored — and the cursor must
// be the same. The reference is the former extension list with Tiptap's own commands, typing and keys.
const dom = editorDom();

type Step =
  | { key: string; shift?: boolean; mod?: boolean }
  | { type: string }
  | { pasteHTML: string }
  | { pasteText: string }
  | { tiptap: (chain: ChainedCommands) => ChainedCommands; ours: Command };

interface Case {
  html: string;
  /** Document positions; `to` defaults to `from`. */
  from: number;
  to?: number;
  steps: Step[];
}

const open: (Editor | BodyEditor)[] = [];
afterEach(() => {
  for (const editor of open.splice(0)) editor.destroy();
});

function select(view: EditorView, from: number, to = from): void {
  if (!view.state.doc.resolve(from).parent.inlineContent || !view.state.doc.resolve(to).parent.inlineContent)
    throw new Error(`${from}–${to} is not in text`);
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)));
}

function play(view: EditorView, step: Step, run: (step: Extract<Step, { ours: Command }>) => void): void {
  if ("key" in step) {
    const event = new dom.window.KeyboardEvent("keydown", {
      key: step.key,
      shiftKey: step.shift ?? false,
      ctrlKey: step.mod ?? false,
    }) as unknown as KeyboardEvent;
    view.someProp("handleKeyDown", (handle) => handle(view, event));
  } else if ("type" in step) {
    for (const char of step.type) {
      const { from, to } = view.state.selection;
      const handled = view.someProp("handleTextInput", (handle) => handle(view, from, to, char, () => view.state.tr));
      if (!handled) view.dispatch(view.state.tr.insertText(char, from, to));
    }
  } else if ("pasteHTML" in step) view.pasteHTML(step.pasteHTML);
  else if ("pasteText" in step) view.pasteText(step.pasteText);
  else run(step);
}

function outcome(view: EditorView) {
  const { from, to } = view.state.selection;
  return { body: toStoredBody(view.state.doc.toJSON()), from, to };
}

function withTiptap({ html, from, to, steps }: Case) {
  const editor = new Editor({
    element: dom.window.document.createElement("div"),
    extensions: bodyExtensions(),
    content: html,
  });
  open.push(editor);
  select(editor.view, from, to);
  for (const step of steps) play(editor.view, step, ({ tiptap }) => tiptap(editor.chain()).run());
  return outcome(editor.view);
}

function withOurs({ html, from, to, steps }: Case) {
  const editor = createBodyEditor(html, dom.window.document.createElement("div"));
  open.push(editor);
  select(editor.view, from, to);
  for (const step of steps) play(editor.view, step, ({ ours }) => editor.run(ours, { focus: false }));
  return outcome(editor.view);
}

const P2 = "<p>第一段文字</p><p>第二段文字</p>";
const LIST = "<ul><li><p>一</p></li><li><p>二</p></li></ul><p>后</p>";
const LINKED = '<p>前<a href="https://a.gov.cn">政府网站</a>后</p>';

const CASES: Record<string, Case> = {
  "heading 2 on a paragraph": {
    html: P2,
    from: 2,
    steps: [{ tiptap: (c) => c.toggleHeading({ level: 2 }), ours: toggleHeading(2) }],
  },
  "heading 2 toggled back": {
    html: "<h2>标题</h2><p>正文</p>",
    from: 2,
    steps: [{ tiptap: (c) => c.toggleHeading({ level: 2 }), ours: toggleHeading(2) }],
  },
  "heading 3 over a heading 2": {
    html: "<h2>标题</h2>",
    from: 2,
    steps: [{ tiptap: (c) => c.toggleHeading({ level: 3 }), ours: toggleHeading(3) }],
  },
  "heading in a list item": {
    html: LIST,
    from: 3,
    steps: [{ tiptap: (c) => c.toggleHeading({ level: 2 }), ours: toggleHeading(2) }],
  },
  "paragraph from a heading": {
    html: "<h3>小标题</h3>",
    from: 2,
    steps: [{ tiptap: (c) => c.setParagraph(), ours: setParagraph }],
  },
  "bold over a selection, then off": {
    html: P2,
    from: 2,
    to: 5,
    steps: [
      { tiptap: (c) => c.toggleBold(), ours: toggleMarkNamed("bold") },
      { tiptap: (c) => c.toggleItalic(), ours: toggleMarkNamed("italic") },
      { tiptap: (c) => c.toggleBold(), ours: toggleMarkNamed("bold") },
    ],
  },
  "underline then typing": {
    html: P2,
    from: 3,
    steps: [{ tiptap: (c) => c.toggleUnderline(), ours: toggleMarkNamed("underline") }, { type: "加" }],
  },
  "bullet list over two paragraphs": {
    html: P2,
    from: 2,
    to: 10,
    steps: [{ tiptap: (c) => c.toggleBulletList(), ours: toggleList("bulletList") }],
  },
  "bullet list toggled off": {
    html: LIST,
    from: 3,
    steps: [{ tiptap: (c) => c.toggleBulletList(), ours: toggleList("bulletList") }],
  },
  "bullet list to ordered": {
    html: LIST,
    from: 3,
    steps: [{ tiptap: (c) => c.toggleOrderedList(), ours: toggleList("orderedList") }],
  },
  "ordered list from a heading": {
    html: "<h2>标题</h2><p>后</p>",
    from: 2,
    steps: [{ tiptap: (c) => c.toggleOrderedList(), ours: toggleList("orderedList") }],
  },
  "list joined with the list before": {
    html: "<ul><li><p>一</p></li></ul><p>二</p>",
    from: 8,
    steps: [{ tiptap: (c) => c.toggleBulletList(), ours: toggleList("bulletList") }],
  },
  "blockquote on and off": {
    html: P2,
    from: 2,
    steps: [
      { tiptap: (c) => c.toggleBlockquote(), ours: toggleBlockquote },
      { tiptap: (c) => c.toggleBlockquote(), ours: toggleBlockquote },
    ],
  },
  "blockquote on": { html: P2, from: 9, steps: [{ tiptap: (c) => c.toggleBlockquote(), ours: toggleBlockquote }] },
  "link over a selection": {
    html: P2,
    from: 2,
    to: 4,
    steps: [{ tiptap: (c) => c.setLink({ href: "https://www.gov.cn" }), ours: setLink("https://www.gov.cn") }],
  },
  "link changed with the cursor inside it": {
    html: LINKED,
    from: 4,
    steps: [
      {
        tiptap: (c) => c.extendMarkRange("link").setLink({ href: "https://b.gov.cn" }),
        ours: setLink("https://b.gov.cn"),
      },
    ],
  },
  "link removed with the cursor inside it": {
    html: LINKED,
    from: 4,
    steps: [{ tiptap: (c) => c.extendMarkRange("link").unsetLink(), ours: unsetLink }],
  },
  "link removed with the cursor right after it": {
    html: LINKED,
    from: 6,
    steps: [{ tiptap: (c) => c.extendMarkRange("link").unsetLink(), ours: unsetLink }],
  },
  "address inserted as its own link": {
    html: P2,
    from: 3,
    steps: [
      {
        tiptap: (c) =>
          c.insertContent({
            type: "text",
            text: "https://c.gov.cn",
            marks: [{ type: "link", attrs: { href: "https://c.gov.cn" } }],
          }),
        ours: setLink("https://c.gov.cn"),
      },
    ],
  },
  "undo and redo": {
    html: P2,
    from: 2,
    to: 4,
    steps: [
      { tiptap: (c) => c.toggleBold(), ours: toggleMarkNamed("bold") },
      { tiptap: (c) => c.undo(), ours: undo },
      { tiptap: (c) => c.redo(), ours: redo },
    ],
  },
  // Typing: the markdown-like input rules.
  "## then a space": { html: "<p></p>", from: 1, steps: [{ type: "## 标题" }] },
  "### then a space": { html: "<p></p>", from: 1, steps: [{ type: "### 小标题" }] },
  "- then a space": { html: "<p></p>", from: 1, steps: [{ type: "- 条目" }] },
  "1. then a space": { html: "<p></p>", from: 1, steps: [{ type: "3. 第三" }] },
  "> then a space": { html: "<p></p>", from: 1, steps: [{ type: "> 引文" }] },
  "**bold**": { html: "<p></p>", from: 1, steps: [{ type: "前 **加粗** 后" }] },
  "*italic* and _italic_": { html: "<p></p>", from: 1, steps: [{ type: "a *斜* b _体_ c" }] },
  "--- on its own": { html: "<p>前</p><p></p>", from: 4, steps: [{ type: "---" }, { type: "后" }] },
  "an address then a space": { html: "<p></p>", from: 1, steps: [{ type: "见 https://www.gov.cn 网站" }] },
  "an address then Enter": { html: "<p>见 www.gov.cn</p>", from: 13, steps: [{ key: "Enter" }, { type: "下" }] },
  // Keys.
  "Enter in a list item, twice": { html: LIST, from: 3, steps: [{ key: "Enter" }, { key: "Enter" }, { type: "出" }] },
  "Enter in the middle of a bold word": {
    html: "<p><strong>全年开展</strong></p>",
    from: 3,
    steps: [{ key: "Enter" }, { type: "续" }],
  },
  "Tab and Shift-Tab in a list": {
    html: LIST,
    from: 8,
    steps: [{ key: "Tab" }, { type: "深" }, { key: "Tab", shift: true }, { type: "浅" }],
  },
  "Shift-Enter": { html: P2, from: 3, steps: [{ key: "Enter", shift: true }, { type: "行" }] },
  "Shift-Enter in bold text": {
    html: "<p><strong>加粗</strong></p>",
    from: 2,
    steps: [{ key: "Enter", shift: true }, { type: "行" }],
  },
  "Enter at the end of a link": {
    html: '<p>见<a href="https://a.cn">网站</a></p>',
    from: 4,
    steps: [{ key: "Enter" }, { type: "新" }],
  },
  "Enter inside a link": {
    html: '<p>见<a href="https://a.cn">政府网站</a></p>',
    from: 4,
    steps: [{ key: "Enter" }, { type: "新" }],
  },
  "Backspace at the start of a list item": { html: LIST, from: 8, steps: [{ key: "Backspace" }] },
  "Backspace at the start of a paragraph after a list": {
    html: "<ul><li><p>一</p></li><li><p>二</p><ul><li><p>二点一</p></li></ul></li></ul><p>后</p>",
    from: 22,
    steps: [{ key: "Backspace" }, { type: "接" }],
  },
  "Backspace at the start of a list item's second paragraph": {
    html: "<ul><li><p>一</p><p>续</p></li></ul>",
    from: 6,
    steps: [{ key: "Backspace" }],
  },
  "Backspace after a quote": {
    html: "<blockquote><p>引文</p></blockquote><p>正文</p>",
    from: 7,
    steps: [{ key: "Backspace" }],
  },
  "Backspace undoes an input rule": { html: "<p></p>", from: 1, steps: [{ type: "## " }, { key: "Backspace" }] },
  "Backspace at the start of the first paragraph after a rule": {
    html: "<hr><p>后</p>",
    from: 2,
    steps: [{ key: "Backspace" }],
  },
  "Ctrl-B while typing": { html: P2, from: 3, steps: [{ key: "b", mod: true }, { type: "粗" }] },
  "Ctrl-Alt-2": { html: P2, from: 3, steps: [{ key: "2", mod: true }] },
  // Pasting.
  "pasted text with addresses": {
    html: P2,
    from: 3,
    steps: [{ pasteText: "见 https://www.gov.cn 和 mailto:a@b.cn。" }],
  },
  "pasted HTML with an address in its text": {
    html: P2,
    from: 3,
    steps: [{ pasteHTML: "<p>网址 www.gov.cn 与<a href='https://x.cn'>链接</a></p>" }],
  },
  "an address pasted over a selection": { html: P2, from: 2, to: 5, steps: [{ pasteText: "https://www.gov.cn" }] },
  // Blocks.
  "horizontal rule in a paragraph": {
    html: P2,
    from: 4,
    steps: [{ tiptap: (c) => c.setHorizontalRule(), ours: insertHorizontalRule }, { type: "后" }],
  },
  "horizontal rule at the end": {
    html: "<p>末段</p>",
    from: 3,
    steps: [{ tiptap: (c) => c.setHorizontalRule(), ours: insertHorizontalRule }, { type: "后" }],
  },
};

describe("the body editor, against the Tiptap editor it replaced", () => {
  it.each(Object.entries(CASES))("%s", (_name, example) => {
    expect(withOurs(example)).toEqual(withTiptap(example));
  });

  it("puts a photo from the library into an empty paragraph, or between the halves of a split one", () => {
    const figure = { mediaId: "m1", alt: "说明", align: "center" as const, caption: "图注", src: "/t.jpg" };
    for (const [html, from] of [
      ["<p>前</p><p></p><p>后</p>", 4],
      ["<p>前文后文</p>", 3],
      ["<p>末段</p>", 3],
    ] as const) {
      const example = { html, from, steps: [] };
      const tiptapEditor = new Editor({
        element: dom.window.document.createElement("div"),
        extensions: bodyExtensions(),
        content: html,
      });
      open.push(tiptapEditor);
      select(tiptapEditor.view, from);
      const { caption, ...attrs } = figure;
      tiptapEditor
        .chain()
        .insertContent({ type: "figure", attrs, content: [{ type: "text", text: caption }] })
        .run();
      const ours = createBodyEditor(html, dom.window.document.createElement("div"));
      open.push(ours);
      select(ours.view, from);
      const { from: at, to } = ours.state.selection;
      ours.run(insertBlocks({ from: at, to }, [figureNode(ours.schema, figure)]), { focus: false });
      expect([example.html, toStoredBody(ours.getJSON())]).toEqual([
        example.html,
        toStoredBody(tiptapEditor.getJSON()),
      ]);
    }
  });

  it("keeps a paragraph after a table or photo that ends the body", () => {
    const editor = createBodyEditor("<p>前</p>", dom.window.document.createElement("div"));
    open.push(editor);
    const table = editor.schema.nodes.table!.create(null, [
      editor.schema.nodes.tableRow!.create(null, [editor.schema.nodes.tableCell!.createAndFill()!]),
    ]);
    editor.view.dispatch(editor.state.tr.insert(editor.state.doc.content.size, table));
    expect(editor.state.doc.lastChild?.type.name).toBe("paragraph");
    expect(editor.state.doc.childCount).toBe(3);
  });

  it("says which marks and blocks the selection is in, for the toolbar", () => {
    const editor = createBodyEditor(
      '<h2>标题</h2><ul><li><p><strong>粗<a href="https://a.cn">链接</a></strong>文</p></li></ul>',
      dom.window.document.createElement("div"),
    );
    open.push(editor);
    select(editor.view, 9);
    expect(["heading", "bulletList", "paragraph", "bold", "link"].map((name) => editor.isActive(name))).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(editor.getMarkAttrs("link")).toEqual({ href: "https://a.cn" });
    select(editor.view, 2);
    expect(editor.isActive("heading", { level: 2 })).toBe(true);
    expect(editor.isActive("heading", { level: 3 })).toBe(false);
    select(editor.view, 7, 10);
    expect(editor.isActive("bold")).toBe(true);
    select(editor.view, 7, 11);
    expect(editor.isActive("bold")).toBe(false);
    // With the trailing paragraph the first transaction added after the list (as Tiptap's trailing node did).
    expect(editor.getText("\n")).toBe("标题\n粗链接文\n");
  });
});

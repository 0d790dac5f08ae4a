import { Editor } from "@tiptap/core";
import { JSDOM } from "jsdom";
import { editorValueStore } from "@/components/editor/use-editor";
import { editorExtensions } from "@/components/editor/extensions";

// The store behind the toolbar's and the character count's readings (components/editor/use-editor.ts).
const dom = new JSDOM("<!doctype html><html><body></body></html>");
const globals = globalThis as Record<string, unknown>;
const installed = ["window", "document", "navigator"] as const;

beforeAll(() => {
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.navigator = dom.window.navigator;
});
afterAll(() => {
  for (const name of installed) delete globals[name];
  dom.window.close();
});

describe("a value read from the editor", () => {
  let editor: Editor;
  beforeEach(() => {
    editor = new Editor({
      element: dom.window.document.createElement("div"),
      extensions: editorExtensions(),
      content: "<p>第一段</p>",
    });
  });
  afterEach(() => editor.destroy());

  it("is read once per editor state and tells its subscriber of each transaction", () => {
    let reads = 0;
    const store = editorValueStore(editor, (e) => {
      reads += 1;
      return e.getText();
    });
    let told = 0;
    const unsubscribe = store.subscribe(() => (told += 1));
    expect(store.get()).toBe("第一段");
    expect(store.get()).toBe("第一段");
    expect(reads).toBe(1);
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, "续");
    expect(store.get()).toBe("第一段续");
    expect(reads).toBe(2);
    expect(told).toBe(1);
    unsubscribe();
    editor.commands.insertContentAt(1, "新");
    expect(told).toBe(1);
  });

  it("keeps the same object while every key is unchanged, so the toolbar does not re-render on each keystroke", () => {
    const store = editorValueStore(editor, (e) => ({ bold: e.isActive("bold"), canUndo: e.can().undo() }));
    const first = store.get();
    editor.commands.setTextSelection(2);
    expect(store.get()).toBe(first);
    editor.commands.insertContent("字");
    const typed = store.get();
    expect(typed).not.toBe(first);
    expect(typed).toEqual({ bold: false, canUndo: true });
    editor.commands.setTextSelection(1);
    expect(store.get()).toBe(typed);
  });
});

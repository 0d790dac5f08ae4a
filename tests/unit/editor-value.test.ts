import { TextSelection } from "@tiptap/pm/state";
import { undoDepth } from "@tiptap/pm/history";
import { editorValueStore } from "@/components/editor/use-editor";
import type { BodyEditor } from "@/components/editor/body-editor";
import { createBodyEditor, editorDom } from "../support/body-editor";

// The store behind the toolbar's and the character count's readings (components/editor/use-editor.ts).
editorDom();

describe("a value read from the editor", () => {
  let editor: BodyEditor;
  beforeEach(() => {
    editor = createBodyEditor("<p>第一段</p>");
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
    editor.view.dispatch(editor.state.tr.insertText("续", editor.state.doc.content.size - 1));
    expect(store.get()).toBe("第一段续");
    expect(reads).toBe(2);
    expect(told).toBe(1);
    unsubscribe();
    editor.view.dispatch(editor.state.tr.insertText("新", 1));
    expect(told).toBe(1);
  });

  it("keeps the same object while every key is unchanged, so the toolbar does not re-render on each keystroke", () => {
    const store = editorValueStore(editor, (e) => ({ bold: e.isActive("bold"), canUndo: undoDepth(e.state) > 0 }));
    const first = store.get();
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 2)));
    expect(store.get()).toBe(first);
    editor.view.dispatch(editor.state.tr.insertText("字"));
    const typed = store.get();
    expect(typed).not.toBe(first);
    expect(typed).toEqual({ bold: false, canUndo: true });
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 1)));
    expect(store.get()).toBe(typed);
  });
});

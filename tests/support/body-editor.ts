import { JSDOM } from "jsdom";
import { BodyEditor } from "@/components/editor/body-editor";
import { bodyEditorSetup } from "@/components/editor/plugins";

/** The body editor as the article form mounts it (components/editor/plugins.ts), on the current (jsdom) document. */
export function createBodyEditor(content: unknown, element: HTMLElement = document.createElement("div")): BodyEditor {
  return new BodyEditor({ ...bodyEditorSetup(), element, content });
}

/**
 * A jsdom document installed as the browser globals the editor reads, for the file's tests.
 * Visual, for requestAnimationFrame; with a ClipboardEvent, which ProseMirror's pasteHTML / pasteText
 * make and jsdom lacks.
 */
export function editorDom(): JSDOM {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
  class ClipboardEvent extends dom.window.Event {
    readonly clipboardData = null;
  }
  const installed: Record<string, unknown> = {
    window: dom.window,
    document: dom.window.document,
    navigator: dom.window.navigator,
    requestAnimationFrame: dom.window.requestAnimationFrame,
    getComputedStyle: dom.window.getComputedStyle,
    ClipboardEvent,
  };
  const globals = globalThis as Record<string, unknown>;
  beforeAll(() => Object.assign(globals, installed));
  afterAll(async () => {
    // The figures' photos are React roots (components/editor/figure-node.tsx): React's scheduler runs
    // the work they queued (on setImmediate, in order) before the browser globals go.
    await new Promise((resolve) => setImmediate(resolve));
    for (const name of Object.keys(installed)) delete globals[name];
    dom.window.close();
  });
  return dom;
}

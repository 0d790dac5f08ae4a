import { BodyEditor } from "@/components/editor/body-editor";
import { bodyEditorSetup } from "@/components/editor/plugins";

/** The body editor as the article form mounts it (components/editor/plugins.ts), on the current (jsdom) document. */
export function createBodyEditor(content: unknown, element: HTMLElement = document.createElement("div")): BodyEditor {
  return new BodyEditor({ ...bodyEditorSetup(), element, content });
}

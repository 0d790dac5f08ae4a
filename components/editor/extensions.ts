import { Extension, type AnyExtension } from "@tiptap/core";
import { bodyExtensions } from "@/lib/articles/body/extensions";
import { CheckHighlights } from "./check-highlights";
import { Figure } from "./figure-node";
import { QuoteHighlights } from "./quote-highlights";

/**
 * Shortcuts that need the surrounding form (the link prompt, an explicit save) are announced as DOM
 * events on the editor element, so the extensions never hold React callbacks.
 */
export const EDITOR_EVENTS = { link: "article-editor:link", save: "article-editor:save" } as const;

/** The body's nodes and marks (lib/articles/body/extensions.ts) with the editor's figure view, highlights and shortcuts. */
export function editorExtensions(): AnyExtension[] {
  return [
    ...bodyExtensions(Figure),
    CheckHighlights,
    QuoteHighlights,
    Extension.create({
      name: "articleShortcuts",
      addKeyboardShortcuts() {
        return {
          "Mod-k": () => this.editor.view.dom.dispatchEvent(new CustomEvent(EDITOR_EVENTS.link)),
          "Mod-s": () => this.editor.view.dom.dispatchEvent(new CustomEvent(EDITOR_EVENTS.save)) || true,
        };
      },
    }),
  ];
}

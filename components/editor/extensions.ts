import { Extension, type AnyExtension } from "@tiptap/core";
import { TableCell, TableHeader, TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedHref } from "@/lib/articles/body/count";
import { CheckHighlights } from "./check-highlights";
import { Figure } from "./figure-node";
import { QuoteHighlights } from "./quote-highlights";

/**
 * Shortcuts that need the surrounding form (the link prompt, an explicit save) are announced as DOM
 * events on the editor element, so the extensions never hold React callbacks.
 */
export const EDITOR_EVENTS = { link: "article-editor:link", save: "article-editor:save" } as const;

/** Cells hold paragraphs only: the public page and the body schema render nothing else in a table. */
const ParagraphCell = TableCell.extend({ content: "paragraph+" });
const ParagraphHeader = TableHeader.extend({ content: "paragraph+" });

/**
 * Exactly the nodes and marks of lib/articles/body.ts: paragraphs, headings (levels 2 and 3), bold,
 * italic, underline, lists, blockquote, links (http/https/mailto), horizontal rule, tables and figures.
 * StarterKit's code, code block and strike are switched off because the public page cannot show them.
 */
export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      code: false,
      codeBlock: false,
      strike: false,
      heading: { levels: [2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        protocols: ["mailto"],
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { target: null, rel: null, class: null },
      },
    }),
    TableKit.configure({ table: { resizable: false }, tableCell: false, tableHeader: false }),
    ParagraphCell,
    ParagraphHeader,
    Figure,
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

import type { AnyExtension } from "@tiptap/core";
import { TableCell, TableHeader, TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { isAllowedHref } from "@/lib/articles/body/count";
import { FigureBase } from "./figure-base";

/** Cells hold paragraphs only: the public page and the body schema render nothing else in a table. */
const ParagraphCell = TableCell.extend({ content: "paragraph+" });
const ParagraphHeader = TableHeader.extend({ content: "paragraph+" });

/**
 * Exactly the nodes and marks of lib/articles/body.ts: paragraphs, headings (levels 2 and 3), bold,
 * italic, underline, lists, blockquote, links (http/https/mailto), horizontal rule, tables and figures.
 * StarterKit's code, code block and strike are switched off because the public page cannot show them.
 * The editor adds its views and helpers (components/editor/extensions.ts); the old-site import parses
 * HTML with exactly these (lib/import/convert.ts), so both turn the cleaned HTML into the same JSON.
 */
export function bodyExtensions(figure: AnyExtension = FigureBase): AnyExtension[] {
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
    figure,
  ];
}

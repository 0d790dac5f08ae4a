import type { AnyExtension } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { HorizontalRule } from "@tiptap/extension-horizontal-rule";
import { Italic } from "@tiptap/extension-italic";
import { BulletList } from "@tiptap/extension-list/bullet-list";
import { ListItem } from "@tiptap/extension-list/item";
import { ListKeymap } from "@tiptap/extension-list/keymap";
import { OrderedList } from "@tiptap/extension-list/ordered-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { TableCell } from "@tiptap/extension-table/cell";
import { TableHeader } from "@tiptap/extension-table/header";
import { TableRow } from "@tiptap/extension-table/row";
import { Text } from "@tiptap/extension-text";
import { Underline } from "@tiptap/extension-underline";
import { Dropcursor } from "@tiptap/extensions/drop-cursor";
import { Gapcursor } from "@tiptap/extensions/gap-cursor";
import { TrailingNode } from "@tiptap/extensions/trailing-node";
import { UndoRedo } from "@tiptap/extensions/undo-redo";
import { FigureBase } from "./figure-base";
import { LinkMark } from "./link-mark";
import { TableNode } from "./table-node";

/** Cells hold paragraphs only: the public page and the body schema render nothing else in a table. */
const ParagraphCell = TableCell.extend({ content: "paragraph+" });
const ParagraphHeader = TableHeader.extend({ content: "paragraph+" });

/**
 * Exactly the nodes and marks of lib/articles/body.ts: paragraphs, headings (levels 2 and 3), bold,
 * italic, underline, lists, blockquote, links (http/https/mailto), horizontal rule, tables and figures,
 * with StarterKit's editing helpers (undo, drop and gap cursors, list keys, a trailing paragraph).
 * Each extension is imported on its own, not through StarterKit or the list/table kits: a kit bundles
 * every extension it could switch on (code, code block, strike, task lists, the stock link with its
 * URL grammar), so the editor page downloaded them although the body cannot hold them. The link mark
 * is the body's own (link-mark.ts), and so is the table node (table-node.ts: the schema without the
 * editing, which the editor loads when a body first holds a table). The editor adds its views and helpers
 * (components/editor/extensions.ts); the old-site import parses HTML with exactly these
 * (lib/import/convert.ts), so both turn the cleaned HTML into the same JSON.
 */
export function bodyExtensions(figure: AnyExtension = FigureBase): AnyExtension[] {
  // StarterKit's order (it decides the schema's order, e.g. which block fills an empty container).
  return [
    Bold,
    Blockquote,
    BulletList,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [2, 3] }),
    UndoRedo,
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    LinkMark,
    OrderedList,
    Paragraph,
    Text,
    Underline,
    TrailingNode,
    TableNode,
    TableRow,
    ParagraphCell,
    ParagraphHeader,
    figure,
  ];
}

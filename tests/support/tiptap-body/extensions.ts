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
 * The Tiptap extensions the body was edited with until the editor moved to ProseMirror directly
 * (lib/articles/body/prosemirror-schema.ts). Kept for tests only, as the reference the new schema must
 * parse HTML exactly as (tests/unit/body-prosemirror-schema.test.ts): stored bodies came from these.
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

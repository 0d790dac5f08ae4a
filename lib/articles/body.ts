/**
 * The Tiptap JSON document stored as an article body. These are exactly the nodes and marks the public
 * page renders; the zod schema that enforces them on every save lives beside this file.
 */

export type Mark =
  { type: "bold" } | { type: "italic" } | { type: "underline" } | { type: "link"; attrs: { href: string } };

export interface TextNode {
  type: "text";
  text: string;
  marks?: Mark[];
}

export interface HardBreakNode {
  type: "hardBreak";
}

export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: "paragraph";
  content?: InlineNode[];
}

export interface HeadingNode {
  type: "heading";
  attrs: { level: 2 | 3 };
  content?: InlineNode[];
}

export interface ListItemNode {
  type: "listItem";
  content: BlockNode[];
}

export interface BulletListNode {
  type: "bulletList";
  content: ListItemNode[];
}

export interface OrderedListNode {
  type: "orderedList";
  attrs?: { start?: number };
  content: ListItemNode[];
}

export interface BlockquoteNode {
  type: "blockquote";
  content: BlockNode[];
}

export interface HorizontalRuleNode {
  type: "horizontalRule";
}

export interface TableCellNode {
  type: "tableCell" | "tableHeader";
  attrs?: { colspan?: number; rowspan?: number };
  content: ParagraphNode[];
}

export interface TableRowNode {
  type: "tableRow";
  content: TableCellNode[];
}

export interface TableNode {
  type: "table";
  content: TableRowNode[];
}

/** A photo with its caption beneath; the photo is a Media row, never a URL typed by a user. */
export interface FigureNode {
  type: "figure";
  attrs: { mediaId: string; alt: string; align?: "center" | "left" | "right" };
  content?: InlineNode[];
}

export type BlockNode =
  | ParagraphNode
  | HeadingNode
  | BulletListNode
  | OrderedListNode
  | BlockquoteNode
  | HorizontalRuleNode
  | TableNode
  | FigureNode;

export interface BodyDocument {
  type: "doc";
  content: BlockNode[];
}

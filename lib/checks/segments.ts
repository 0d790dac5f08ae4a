import type { BlockNode, BodyDocument, InlineNode } from "@/lib/articles/body";
import type { CheckField, Segment } from "./types";

/**
 * The runs of text an article is checked in. Each text block (paragraph, heading, figure caption,
 * the paragraphs inside list items, quotes and table cells) is one segment: the text of its adjacent
 * text nodes is joined, so a term with bold inside it still matches, but nothing joins two blocks,
 * so a term never matches across a paragraph, cell or caption boundary. A hardBreak is a "\n", which
 * no term contains.
 */

export interface ArticleText {
  title: string;
  lead?: string | null;
  summary?: string | null;
  body: BodyDocument;
}

function inlineText(nodes: readonly InlineNode[] = []): string {
  let text = "";
  for (const node of nodes) text += node.type === "text" ? node.text : "\n";
  return text;
}

function bodySegments(doc: BodyDocument): Segment[] {
  const segments: Segment[] = [];
  const push = (path: number[], content: readonly InlineNode[] | undefined) => {
    const text = inlineText(content);
    if (text.length > 0) segments.push({ field: "body", text, blockIndex: path[0], path });
  };
  // Iterative: the body schema bounds depth, but a stack costs nothing and fears nothing.
  const stack: { node: BlockNode; path: number[] }[] = doc.content.map((node, index) => ({ node, path: [index] })).reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item;
    const children: { node: BlockNode; path: number[] }[] = [];
    switch (node.type) {
      case "paragraph":
      case "heading":
      case "figure":
        push(path, node.content);
        break;
      case "bulletList":
      case "orderedList":
        node.content.forEach((listItem, i) => listItem.content.forEach((child, j) => children.push({ node: child, path: [...path, i, j] })));
        break;
      case "blockquote":
        node.content.forEach((child, i) => children.push({ node: child, path: [...path, i] }));
        break;
      case "table":
        node.content.forEach((row, r) =>
          row.content.forEach((cell, c) => cell.content.forEach((paragraph, p) => children.push({ node: paragraph, path: [...path, r, c, p] }))),
        );
        break;
      case "horizontalRule":
        break;
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return segments;
}

export function articleSegments(article: ArticleText): Segment[] {
  const fields: [CheckField, string | null | undefined][] = [
    ["title", article.title],
    ["lead", article.lead],
    ["summary", article.summary],
  ];
  const segments: Segment[] = fields.flatMap(([field, text]) => (text ? [{ field, text }] : []));
  return [...segments, ...bodySegments(article.body)];
}

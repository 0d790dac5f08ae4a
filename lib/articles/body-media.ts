import type { BlockNode, BodyDocument } from "./body";

/** The Media ids of every figure in a body, each once, in document order. */
export function figureMediaIds(doc: BodyDocument): string[] {
  const ids = new Set<string>();
  const walk = (node: BlockNode) => {
    switch (node.type) {
      case "figure":
        ids.add(node.attrs.mediaId);
        break;
      case "bulletList":
      case "orderedList":
        node.content.forEach((item) => item.content.forEach(walk));
        break;
      case "blockquote":
        node.content.forEach(walk);
        break;
      default:
        break;
    }
  };
  doc.content.forEach(walk);
  return [...ids];
}

import type { BlockNode, BodyDocument, FigureNode } from "./body";

/** Every figure of a body at any depth (lists, quotes), in document order. */
export function bodyFigures(doc: BodyDocument): FigureNode[] {
  const figures: FigureNode[] = [];
  const walk = (node: BlockNode) => {
    switch (node.type) {
      case "figure":
        figures.push(node);
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
  return figures;
}

/** The Media ids of every figure in a body, each once, in document order. */
export function figureMediaIds(doc: BodyDocument): string[] {
  return [...new Set(bodyFigures(doc).map((figure) => figure.attrs.mediaId))];
}

/** A figure's caption as plain text (its inline content; a hard break counts as a space). */
export function figureCaption(figure: FigureNode): string {
  return (figure.content ?? []).map((node) => (node.type === "text" ? node.text : " ")).join("");
}

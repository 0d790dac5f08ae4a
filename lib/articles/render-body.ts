import type { BlockNode, BodyDocument, InlineNode, Mark, TableCellNode } from "./body";

/**
 * Renders a stored body to HTML on the server. Every text and attribute is escaped and only known
 * nodes are emitted, so even a body that slipped past validation cannot inject markup.
 */

export interface RenderedMedia {
  src: string;
  width: number;
  height: number;
  /** `srcset` of the renditions, e.g. "/media/x-480.webp 480w, …"; empty when there are none. */
  srcset: string;
}

export interface RenderOptions {
  media: (mediaId: string) => RenderedMedia | undefined;
  /** Figures after the first few are below the fold on a phone. */
  eagerFigures?: number;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

function renderMarks(text: string, marks: Mark[] = []): string {
  return marks.reduce((html, mark) => {
    switch (mark.type) {
      case "bold":
        return `<strong>${html}</strong>`;
      case "italic":
        return `<em>${html}</em>`;
      case "underline":
        return `<u>${html}</u>`;
      case "link":
        return isSafeHref(mark.attrs.href)
          ? `<a href="${escapeHtml(mark.attrs.href.trim())}" rel="noopener noreferrer">${html}</a>`
          : html;
      default:
        return html;
    }
  }, escapeHtml(text));
}

function renderInline(nodes: InlineNode[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === "text") return renderMarks(node.text, node.marks);
      if (node.type === "hardBreak") return "<br>";
      return "";
    })
    .join("");
}

function renderCell(cell: TableCellNode): string {
  const tag = cell.type === "tableHeader" ? "th" : "td";
  const span = [
    cell.attrs?.colspan && cell.attrs.colspan > 1 ? ` colspan="${Math.floor(cell.attrs.colspan)}"` : "",
    cell.attrs?.rowspan && cell.attrs.rowspan > 1 ? ` rowspan="${Math.floor(cell.attrs.rowspan)}"` : "",
  ].join("");
  return `<${tag}${span}>${cell.content.map((p) => renderInline(p.content)).join("<br>")}</${tag}>`;
}

export function renderBody(doc: BodyDocument, options: RenderOptions): string {
  let figureIndex = 0;
  const eager = options.eagerFigures ?? 1;

  const block = (node: BlockNode): string => {
    switch (node.type) {
      case "paragraph": {
        const inner = renderInline(node.content);
        return inner ? `<p>${inner}</p>` : "";
      }
      case "heading":
        return `<h${node.attrs.level === 3 ? 3 : 2}>${renderInline(node.content)}</h${node.attrs.level === 3 ? 3 : 2}>`;
      case "bulletList":
        return `<ul>${node.content.map((item) => `<li>${item.content.map(block).join("")}</li>`).join("")}</ul>`;
      case "orderedList": {
        const start = node.attrs?.start && node.attrs.start > 1 ? ` start="${Math.floor(node.attrs.start)}"` : "";
        return `<ol${start}>${node.content.map((item) => `<li>${item.content.map(block).join("")}</li>`).join("")}</ol>`;
      }
      case "blockquote":
        return `<blockquote>${node.content.map(block).join("")}</blockquote>`;
      case "horizontalRule":
        return "<hr>";
      case "table":
        return `<div class="table-wrap"><table><tbody>${node.content
          .map((row) => `<tr>${row.content.map(renderCell).join("")}</tr>`)
          .join("")}</tbody></table></div>`;
      case "figure": {
        const media = options.media(node.attrs.mediaId);
        if (!media) return "";
        const loading = figureIndex++ < eager ? "" : ' loading="lazy"';
        const srcset = media.srcset
          ? ` srcset="${escapeHtml(media.srcset)}" sizes="(max-width: 760px) 100vw, 720px"`
          : "";
        const align = node.attrs.align && node.attrs.align !== "center" ? ` figure-${node.attrs.align}` : "";
        const caption = renderInline(node.content);
        return (
          `<figure class="figure${align}"><img src="${escapeHtml(media.src)}"${srcset} width="${media.width}" height="${media.height}" alt="${escapeHtml(node.attrs.alt)}"${loading} decoding="async">` +
          (caption ? `<figcaption>${caption}</figcaption>` : "") +
          `</figure>`
        );
      }
      default:
        return "";
    }
  };

  return doc.content.map(block).join("\n");
}

/** Plain text for search and summaries: paragraphs, headings and captions, separated by newlines. */
export function bodyPlainText(doc: BodyDocument): string {
  const lines: string[] = [];
  const inline = (nodes: InlineNode[] = []) => nodes.map((node) => (node.type === "text" ? node.text : " ")).join("");
  const walk = (node: BlockNode) => {
    switch (node.type) {
      case "paragraph":
      case "heading":
      case "figure":
        lines.push(inline(node.content));
        break;
      case "bulletList":
      case "orderedList":
        node.content.forEach((item) => item.content.forEach(walk));
        break;
      case "blockquote":
        node.content.forEach(walk);
        break;
      case "table":
        node.content.forEach((row) => row.content.forEach((cell) => cell.content.forEach(walk)));
        break;
      default:
        break;
    }
  };
  doc.content.forEach(walk);
  return lines.filter((line) => line.trim()).join("\n");
}

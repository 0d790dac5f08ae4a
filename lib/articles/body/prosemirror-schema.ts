import { Schema, type DOMOutputSpec, type Node as PmNode } from "@tiptap/pm/model";
import { PASTE_IMAGE_ATTRIBUTE } from "@/lib/articles/paste-clean";
import { isAllowedHref } from "./count";

/**
 * The body's ProseMirror schema: exactly the nodes and marks of lib/articles/body.ts (paragraphs,
 * headings of levels 2 and 3, bold, italic, underline, lists, blockquote, http(s)/mailto links,
 * horizontal rule, tables, figures), for the editor (components/editor/) and the old-site import,
 * which parses cleaned HTML with it (lib/import/convert.ts), so both turn the same HTML into the same
 * JSON. Written as plain ProseMirror specs rather than Tiptap extensions: Tiptap's core is one module
 * (its editor, every command, the extension manager) that no bundler splits, about a tenth of the
 * editor page's JavaScript; docs/editor.md. Names, attributes, parse rules and the order of nodes
 * and marks are those of the Tiptap extensions the body was first edited with, so stored bodies and
 * their JSON are unchanged (tests/unit/body-prosemirror-schema.test.ts compares the two on HTML).
 */

const intAttr = (element: HTMLElement, name: string, fallback: number | null): number | null => {
  const value = element.getAttribute(name);
  if (value === null || value.trim() === "") return fallback;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? fallback : parsed;
};

function cellAttrs(element: HTMLElement) {
  const widths = element.getAttribute("colwidth");
  return {
    colspan: intAttr(element, "colspan", 1),
    rowspan: intAttr(element, "rowspan", 1),
    colwidth: widths ? widths.split(",").map((width) => Number.parseInt(width, 10)) : null,
  };
}

function cellDOM(tag: "td" | "th") {
  return (node: PmNode): DOMOutputSpec => {
    const attrs: Record<string, string> = {};
    if (node.attrs.colspan !== 1) attrs.colspan = String(node.attrs.colspan);
    if (node.attrs.rowspan !== 1) attrs.rowspan = String(node.attrs.rowspan);
    return [tag, attrs, 0];
  };
}

const cellSpec = (tag: "td" | "th", tableRole: "cell" | "header_cell") => ({
  // Cells hold paragraphs only: the public page and the body schema render nothing else in a table.
  content: "paragraph+",
  attrs: { colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null } },
  tableRole,
  isolating: true,
  parseDOM: [{ tag, getAttrs: (element: HTMLElement) => cellAttrs(element) }],
  toDOM: cellDOM(tag),
});

export const bodySchema = new Schema({
  // Tiptap's order (by priority, then as listed): it decides which block fills an empty container.
  nodes: {
    paragraph: { group: "block", content: "inline*", parseDOM: [{ tag: "p" }], toDOM: () => ["p", 0] },
    blockquote: {
      content: "block+",
      group: "block",
      defining: true,
      parseDOM: [{ tag: "blockquote" }],
      toDOM: () => ["blockquote", 0],
    },
    bulletList: { group: "block list", content: "listItem+", parseDOM: [{ tag: "ul" }], toDOM: () => ["ul", 0] },
    doc: { content: "block+" },
    hardBreak: {
      inline: true,
      group: "inline",
      selectable: false,
      linebreakReplacement: true,
      leafText: () => "\n",
      parseDOM: [{ tag: "br" }],
      toDOM: () => ["br"],
    },
    heading: {
      content: "inline*",
      group: "block",
      defining: true,
      attrs: { level: { default: 1 } },
      parseDOM: [
        { tag: "h2", attrs: { level: 2 } },
        { tag: "h3", attrs: { level: 3 } },
      ],
      toDOM: (node) => [node.attrs.level === 3 ? "h3" : "h2", 0],
    },
    horizontalRule: { group: "block", parseDOM: [{ tag: "hr" }], toDOM: () => ["hr"] },
    listItem: { content: "paragraph block*", defining: true, parseDOM: [{ tag: "li" }], toDOM: () => ["li", 0] },
    orderedList: {
      group: "block list",
      content: "listItem+",
      attrs: { start: { default: 1 } },
      parseDOM: [{ tag: "ol", getAttrs: (element: HTMLElement) => ({ start: intAttr(element, "start", 1) }) }],
      toDOM: (node) => ["ol", node.attrs.start === 1 ? {} : { start: String(node.attrs.start) }, 0],
    },
    text: { group: "inline" },
    table: {
      content: "tableRow+",
      tableRole: "table",
      isolating: true,
      group: "block",
      parseDOM: [{ tag: "table" }],
      toDOM: () => ["table", ["tbody", 0]],
    },
    tableRow: {
      content: "(tableCell | tableHeader)*",
      tableRole: "row",
      parseDOM: [{ tag: "tr" }],
      toDOM: () => ["tr", 0],
    },
    tableCell: cellSpec("td", "cell"),
    tableHeader: cellSpec("th", "header_cell"),
    /**
     * The body's photo: a Media row (never a URL) plus a caption as inline content, aligned centre,
     * left or right. In HTML (copy and paste inside the editor) it is a <figure data-media-id>, so a
     * photo moved within the body keeps its Media id.
     */
    figure: {
      group: "block",
      content: "inline*",
      marks: "bold italic underline link",
      draggable: true,
      isolating: true,
      attrs: {
        mediaId: { default: null },
        alt: { default: "" },
        // The library thumbnail shown in the editor, kept when a figure is copied within the editor.
        // Only the admin's img-src CSP ('self' data: blob:) ever loads it; the stored body never holds it.
        src: { default: null },
        // Never rendered: a copied placeholder must not wait for another placeholder's upload.
        uploadKey: { default: null },
        align: { default: "center" },
      },
      parseDOM: [
        { tag: "figure[data-media-id]", contentElement: "figcaption", getAttrs: figureAttrs },
        // Where lib/articles/paste-clean.ts found a pasted image the editor uploads.
        { tag: `figure[${PASTE_IMAGE_ATTRIBUTE}]`, getAttrs: figureAttrs },
      ],
      toDOM: (node) => {
        // A placeholder (no Media id yet) copies as a bare <figure>, which neither rule parses back.
        const attrs: Record<string, string> = {
          "data-alt": String(node.attrs.alt ?? ""),
          "data-align": String(node.attrs.align),
        };
        if (typeof node.attrs.mediaId === "string") attrs["data-media-id"] = node.attrs.mediaId;
        if (typeof node.attrs.src === "string") attrs["data-src"] = node.attrs.src;
        return ["figure", attrs, ["figcaption", 0]];
      },
    },
  },
  marks: {
    /** Only http(s) and mailto addresses (`isAllowedHref`): another <a> keeps its text, not its link. */
    link: {
      attrs: { href: { default: null } },
      inclusive: false,
      parseDOM: [
        {
          tag: "a[href]",
          getAttrs: (element: HTMLElement) => {
            const href = element.getAttribute("href") ?? "";
            return isAllowedHref(href) ? { href } : false;
          },
        },
      ],
      toDOM: (mark) => {
        const href = typeof mark.attrs.href === "string" && isAllowedHref(mark.attrs.href) ? mark.attrs.href : "";
        return ["a", { href }, 0];
      },
    },
    bold: {
      parseDOM: [
        { tag: "strong" },
        { tag: "b", getAttrs: (element: HTMLElement) => element.style.fontWeight !== "normal" && null },
        { style: "font-weight=400", clearMark: (mark) => mark.type.name === "bold" },
        { style: "font-weight", getAttrs: (value: string) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
      ],
      toDOM: () => ["strong", 0],
    },
    italic: {
      parseDOM: [
        { tag: "em" },
        { tag: "i", getAttrs: (element: HTMLElement) => element.style.fontStyle !== "normal" && null },
        { style: "font-style=normal", clearMark: (mark) => mark.type.name === "italic" },
        { style: "font-style=italic" },
      ],
      toDOM: () => ["em", 0],
    },
    underline: {
      parseDOM: [
        { tag: "u" },
        {
          style: "text-decoration",
          consuming: false,
          getAttrs: (value: string) => (value.includes("underline") ? {} : false),
        },
      ],
      toDOM: () => ["u", 0],
    },
  },
});

function figureAttrs(element: HTMLElement) {
  return {
    mediaId: element.getAttribute("data-media-id"),
    alt: element.getAttribute("data-alt") ?? "",
    src: element.getAttribute("data-src"),
    uploadKey: element.getAttribute(PASTE_IMAGE_ATTRIBUTE),
    align: element.getAttribute("data-align") ?? "center",
  };
}

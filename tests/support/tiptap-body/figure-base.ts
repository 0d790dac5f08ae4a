import { mergeAttributes, Node } from "@tiptap/core";
import { PASTE_IMAGE_ATTRIBUTE } from "@/lib/articles/paste-clean";

/**
 * The body's photo: a Media row (never a URL) plus a caption as inline content, aligned centre, left
 * or right — exactly the `figure` node of lib/articles/body.ts. In HTML (copy and paste inside the
 * editor) it is a <figure data-media-id> so a photo moved within the body keeps its Media id.
 * Without a node view, so the server parses HTML with the same schema (lib/import/convert.ts).
 */
export const FigureBase = Node.create({
  name: "figure",
  group: "block",
  content: "inline*",
  marks: "bold italic underline link",
  draggable: true,
  isolating: true,

  addAttributes() {
    return {
      mediaId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-media-id"),
        renderHTML: (attrs) => ({ "data-media-id": attrs.mediaId as string }),
      },
      alt: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-alt") ?? "",
        renderHTML: (attrs) => ({ "data-alt": attrs.alt as string }),
      },
      // The library thumbnail shown in the editor, kept when a figure is copied within the editor. Only
      // the admin's img-src CSP ('self' data: blob:) ever loads it; the stored body never holds it.
      src: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-src"),
        renderHTML: (attrs) => (typeof attrs.src === "string" ? { "data-src": attrs.src } : {}),
      },
      // Never rendered: a copied placeholder must not wait for another placeholder's upload.
      uploadKey: {
        default: null,
        parseHTML: (element) => element.getAttribute(PASTE_IMAGE_ATTRIBUTE),
        renderHTML: () => ({}),
      },
      align: {
        default: "center",
        parseHTML: (element) => element.getAttribute("data-align") ?? "center",
        renderHTML: (attrs) => ({ "data-align": attrs.align as string }),
      },
    };
  },

  parseHTML() {
    // The second: where lib/articles/paste-clean.ts found a pasted image the editor uploads.
    return [
      { tag: "figure[data-media-id]", contentElement: "figcaption" },
      { tag: `figure[${PASTE_IMAGE_ATTRIBUTE}]` },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes), ["figcaption", 0]];
  },
});

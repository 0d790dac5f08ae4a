import { NodeView, type NodeViewRendererProps } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { createRoot, type Root } from "react-dom/client";
import { articlesText } from "@/lib/articles/messages";
import { FigureBase } from "@/lib/articles/body/figure-base";
import { FigurePhoto } from "./FigureView";

export interface FigureAttrs {
  mediaId: string;
  alt: string;
  align?: "center" | "left" | "right";
  /** Editor only: the library thumbnail shown while editing; never stored (lib/articles/editor-json.ts). */
  src?: string;
}

/**
 * A figure whose photo is still uploading (dropped or pasted into the body) has no `mediaId` yet and
 * an `uploadKey` instead (components/editor/body-uploads.ts). Neither is stored: a figure without a
 * photo is left out of the saved body.
 */

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a photo from the library, with its caption as the figure's text. */
      insertFigure: (attrs: FigureAttrs & { caption?: string }) => ReturnType;
    };
  }
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The figure in the editor: a <figure> whose <figcaption> is the editable caption and whose photo
 * (FigurePhoto: thumbnail, alt text, alignment, upload progress) is a React root of its own, kept
 * out of ProseMirror's reach. Tiptap's NodeView decides which events and DOM changes are ProseMirror's.
 */
class FigureNodeView extends NodeView<typeof FigurePhoto> {
  private readonly figure: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly root: Root;
  private selected = false;

  constructor(props: NodeViewRendererProps) {
    super(FigurePhoto, props);
    this.figure = document.createElement("figure");
    const photo = this.figure.appendChild(document.createElement("div"));
    photo.contentEditable = "false";
    photo.className = "editor-figure-photo";
    photo.style.whiteSpace = "normal";
    this.caption = this.figure.appendChild(document.createElement("figcaption"));
    this.caption.className = "editor-figure-caption";
    this.caption.dataset.placeholder = articlesText.editor.figureCaptionPlaceholder;
    this.root = createRoot(photo);
    this.render();
  }

  override get dom(): HTMLElement {
    return this.figure;
  }

  override get contentDOM(): HTMLElement {
    return this.caption;
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false;
    if (node !== this.node) {
      this.node = node;
      this.render();
    }
    return true;
  }

  selectNode(): void {
    this.selected = true;
    this.render();
  }

  deselectNode(): void {
    this.selected = false;
    this.render();
  }

  destroy(): void {
    // Not synchronously: ProseMirror may drop the view while React is rendering.
    queueMicrotask(() => this.root.unmount());
  }

  private render(): void {
    const { attrs } = this.node;
    const mediaId = text(attrs.mediaId);
    const align = text(attrs.align) || "center";
    const uploadKey = text(attrs.uploadKey) || null;
    const uploading = !mediaId && uploadKey !== null;
    const figure = this.figure;
    figure.className = ["editor-figure", uploading ? "" : `editor-figure-${align}`].join(" ").trim();
    figure.classList.toggle("editor-figure-selected", this.selected);
    figure.classList.toggle("ProseMirror-selectednode", this.selected);
    if (uploading) {
      figure.dataset.uploading = "";
      delete figure.dataset.mediaId;
      delete figure.dataset.align;
    } else {
      delete figure.dataset.uploading;
      figure.dataset.mediaId = mediaId;
      figure.dataset.align = align;
    }
    this.root.render(
      <FigurePhoto
        mediaId={mediaId}
        alt={text(attrs.alt)}
        align={align}
        thumbnail={text(attrs.src) || undefined}
        uploadKey={uploadKey}
        editable={this.editor.isEditable}
        updateAttributes={(attributes) => this.updateAttributes(attributes)}
      />,
    );
  }
}

/** The figure node with the editor's commands and its node view. */
export const Figure = FigureBase.extend({
  addCommands() {
    return {
      insertFigure:
        ({ caption, ...attrs }) =>
        ({ commands }) =>
          commands.insertContent({
            type: this.name,
            attrs,
            content: caption ? [{ type: "text", text: caption }] : [],
          }),
    };
  },

  addNodeView() {
    return (props) => new FigureNodeView(props);
  },
});

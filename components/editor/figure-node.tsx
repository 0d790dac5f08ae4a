import type { Node as PmNode, Schema } from "@tiptap/pm/model";
import { NodeSelection } from "@tiptap/pm/state";
import type { EditorView, NodeView } from "@tiptap/pm/view";
import { createRoot, type Root } from "react-dom/client";
import { articlesText } from "@/lib/articles/messages";
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

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The figure in the editor: a <figure> whose <figcaption> is the editable caption and whose photo
 * (FigurePhoto: thumbnail, alt text, alignment, upload progress) is a React root of its own, kept
 * out of ProseMirror's reach: its events and DOM changes are not ProseMirror's (`stopEvent`,
 * `ignoreMutation`), the caption's are.
 */
export class FigureNodeView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  private readonly root: Root;
  private selected = false;

  constructor(
    private node: PmNode,
    private readonly view: EditorView,
    private readonly getPos: () => number | undefined,
  ) {
    this.dom = document.createElement("figure");
    const photo = this.dom.appendChild(document.createElement("div"));
    photo.contentEditable = "false";
    photo.className = "editor-figure-photo";
    photo.style.whiteSpace = "normal";
    this.contentDOM = this.dom.appendChild(document.createElement("figcaption"));
    this.contentDOM.className = "editor-figure-caption";
    this.contentDOM.dataset.placeholder = articlesText.editor.figureCaptionPlaceholder;
    this.root = createRoot(photo);
    this.render();
  }

  update(node: PmNode): boolean {
    if (node.type !== this.node.type) return false;
    // Editability changes make new views (BodyEditor.setEditable), so only a changed node renders again.
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

  /** Events in the photo's controls are React's; clicks (to select), drags, drops and clipboard go to ProseMirror. */
  stopEvent(event: Event): boolean {
    const target = event.target as HTMLElement | null;
    if (!target || !this.dom.contains(target) || this.contentDOM.contains(target)) return false;
    const drag = event.type.startsWith("drag");
    if (event.type === "drop" || event.type === "dragover" || event.type === "dragenter") return false;
    if (["INPUT", "BUTTON", "SELECT", "TEXTAREA"].includes(target.tagName) && !drag) return true;
    if (drag && target === this.dom) {
      event.preventDefault();
      return false;
    }
    if (["copy", "paste", "cut"].includes(event.type)) return false;
    if (event.type === "mousedown") return !NodeSelection.isSelectable(this.node);
    return true;
  }

  ignoreMutation(mutation: MutationRecord | { type: "selection"; target: Node }): boolean {
    if (mutation.type === "selection") return false;
    if (mutation.target === this.contentDOM && mutation.type === "attributes") return true;
    return !this.contentDOM.contains(mutation.target);
  }

  destroy(): void {
    // Not synchronously: ProseMirror may drop the view while React is rendering.
    queueMicrotask(() => this.root.unmount());
  }

  private updateAttributes(attributes: Record<string, unknown>): void {
    const pos = this.getPos();
    if (typeof pos !== "number") return;
    this.view.dispatch(this.view.state.tr.setNodeMarkup(pos, undefined, { ...this.node.attrs, ...attributes }));
  }

  private render(): void {
    const { attrs } = this.node;
    const mediaId = text(attrs.mediaId);
    const align = text(attrs.align) || "center";
    const uploadKey = text(attrs.uploadKey) || null;
    const uploading = !mediaId && uploadKey !== null;
    const figure = this.dom;
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
        editable={this.view.editable}
        updateAttributes={(attributes) => this.updateAttributes(attributes)}
      />,
    );
  }
}

/** A photo from the library as a figure node, its caption as the figure's text. */
export function figureNode(schema: Schema, { caption, ...attrs }: FigureAttrs & { caption?: string }): PmNode {
  return schema.nodes.figure!.create(attrs, caption ? schema.text(caption) : null);
}

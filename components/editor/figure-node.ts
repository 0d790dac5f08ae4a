import { ReactNodeViewRenderer } from "@tiptap/react";
import { FigureBase } from "@/lib/articles/body/figure-base";
import { FigureView } from "./FigureView";

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

/** The figure node with the editor's commands and its React node view (FigureView). */
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
    return ReactNodeViewRenderer(FigureView);
  },
});

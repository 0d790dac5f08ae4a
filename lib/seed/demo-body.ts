import type { BlockNode, BodyDocument } from "@/lib/articles/body";
import type { DemoBlock } from "./demo-content";

export interface FigureMedia {
  id: string;
  alt: string;
  caption: string;
}

/** Turns the compact demo body into the Tiptap document the editor would have saved. */
export function demoBody(
  blocks: readonly DemoBlock[],
  mediaOf: (block: Extract<DemoBlock, { figure: string }>) => FigureMedia,
): BodyDocument {
  const content = blocks.map((block): BlockNode => {
    if ("h2" in block) return { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: block.h2 }] };
    if ("p" in block) return { type: "paragraph", content: [{ type: "text", text: block.p }] };
    const media = mediaOf(block);
    return {
      type: "figure",
      attrs: { mediaId: media.id, alt: media.alt, align: "center" },
      content: media.caption ? [{ type: "text", text: media.caption }] : [],
    };
  });
  return { type: "doc", content };
}

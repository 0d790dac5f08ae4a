import type { RenderedMedia } from "@/lib/articles/render-body";
import { publicUrls } from "@/lib/urls";
import { EXTENSIONS } from "./formats";
import { parseRenditions } from "./renditions";

/** The Media columns a page needs to show a photo. */
export interface MediaForDisplay {
  id: string;
  storageKey: string;
  width: number;
  height: number;
  renditions: unknown;
}

/** The width a browser without `srcset` support gets: sharp on a desktop column, light on a phone. */
const FALLBACK_WIDTH = 960;

/**
 * `src` is in the uploaded format (every browser reads it); `srcset` offers the WebP renditions,
 * which are smaller and which every browser that understands `srcset` also decodes.
 */
export function renderedMedia(media: MediaForDisplay): RenderedMedia {
  const renditions = parseRenditions(media.renditions).sort((a, b) => a.width - b.width);
  const extension = media.storageKey.slice(media.storageKey.lastIndexOf(".") + 1);
  const fallback = renditions
    .filter((item) => EXTENSIONS[item.format] === extension && item.width <= FALLBACK_WIDTH)
    .pop();
  const srcset = renditions
    .filter((item) => item.format === "webp")
    .map((item) => `${publicUrls.media(item.key)} ${item.width}w`)
    .join(", ");
  return {
    src: publicUrls.media(fallback?.key ?? media.storageKey),
    width: media.width,
    height: media.height,
    srcset,
  };
}

/** A lookup for `renderBody`'s `media` option. */
export function mediaLookup(rows: readonly MediaForDisplay[]): (mediaId: string) => RenderedMedia | undefined {
  const byId = new Map(rows.map((row) => [row.id, renderedMedia(row)]));
  return (mediaId) => byId.get(mediaId);
}

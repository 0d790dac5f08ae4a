/** @jsxImportSource preact */
import { renderedMedia } from "@/lib/media/rendered";
import type { PublicMedia } from "@/lib/public/data/queries";

/** A photo from its renditions: `srcset`, width and height set, lazy unless it is above the fold. */
export function Photo(props: { media: PublicMedia; alt: string; sizes: string; eager?: boolean; class?: string }) {
  const rendered = renderedMedia(props.media);
  return (
    <img
      class={props.class}
      src={rendered.src}
      srcset={rendered.srcset || undefined}
      sizes={rendered.srcset ? props.sizes : undefined}
      width={rendered.width}
      height={rendered.height}
      alt={props.alt}
      loading={props.eager ? undefined : "lazy"}
      decoding="async"
    />
  );
}

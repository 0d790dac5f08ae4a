import { DOMParser as ProseMirrorParser } from "@tiptap/pm/model";
import { JSDOM } from "jsdom";
import { bodySchema } from "@/lib/articles/body/prosemirror-schema";
import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body/schema";
import { toStoredBody } from "@/lib/articles/editor-json";
import { cleanPastedHtml, PASTE_IMAGE_ATTRIBUTE } from "@/lib/articles/paste-clean";
import { importText } from "./messages";

/**
 * The old site's HTML → the stored body, the way a paste into the editor goes: the paste cleaner
 * (lib/articles/paste-clean.ts) strips looks and keeps structure, the editor's own schema
 * (lib/articles/body/prosemirror-schema.ts) parses the result, `toStoredBody` drops editor-only
 * attributes and `parseBody` validates it like any save. Photos become placeholders the caller fills
 * through the photo pipeline (lib/media/save.ts), or they are left out when it cannot.
 */

export interface ResolvedPhoto {
  mediaId: string;
  alt: string;
}

export type ConvertResult = { ok: true; body: BodyDocument; photos: number } | { ok: false; reason: string };

const squash = (text: string | null | undefined) => (text ?? "").replace(/[\s\u00a0\u3000]+/g, " ").trim();
const photoKey = (src: string, alt: string) => `${src.trim()}\n${alt.trim()}`;

function centred(element: Element | null): boolean {
  if (!element) return false;
  return (
    /center/i.test(element.getAttribute("align") ?? "") ||
    /text-align\s*:\s*center/i.test(element.getAttribute("style") ?? "")
  );
}

/**
 * The captions old pages give their photos: WordPress's <figure><img><figcaption>, or the TRS-style
 * centred paragraph right under a centred paragraph holding only the photo (the seed page's
 * 指导推动园区非公企业成立党支部). Keyed by the photo's address and alt text.
 */
function captionsOf(doc: Document): Map<string, string> {
  const captions = new Map<string, string>();
  for (const img of Array.from(doc.querySelectorAll("img"))) {
    const key = photoKey(img.getAttribute("src") ?? "", img.getAttribute("alt") ?? "");
    const figcaption = img.closest("figure")?.querySelector("figcaption");
    let caption = squash(figcaption?.textContent);
    if (!caption) {
      const holder = img.closest("p, div");
      const next = holder?.nextElementSibling ?? null;
      if (
        holder &&
        centred(holder) &&
        !squash(holder.textContent) &&
        next &&
        /^(P|DIV)$/.test(next.tagName) &&
        centred(next) &&
        !next.querySelector("img")
      ) {
        const text = squash(next.textContent);
        if (text && [...text].length <= 80) caption = text;
      }
    }
    if (caption && !captions.has(key)) captions.set(key, caption);
  }
  return captions;
}

export async function convertBody(
  html: string,
  photo: (src: string, alt: string) => Promise<ResolvedPhoto | null>,
): Promise<ConvertResult> {
  const dom = new JSDOM("<!DOCTYPE html><body></body>");
  try {
    const { window } = dom;
    const captions = captionsOf(new window.DOMParser().parseFromString(html, "text/html"));
    const cleaned = cleanPastedHtml(html, new window.DOMParser(), {
      imageUrls: true,
      imageKey: (index) => `import-${index}`,
    });
    const resolved = new Map<string, ResolvedPhoto & { caption: string }>();
    for (const image of cleaned.images) {
      const src = image.source.kind === "file" ? "" : image.source.src;
      const found = src ? await photo(src, image.alt ?? "") : null;
      if (found) resolved.set(image.key, { ...found, caption: captions.get(photoKey(src, image.alt ?? "")) ?? "" });
    }
    const doc = new window.DOMParser().parseFromString(`<!DOCTYPE html><body>${cleaned.html}</body>`, "text/html");
    for (const figure of Array.from(doc.querySelectorAll(`figure[${PASTE_IMAGE_ATTRIBUTE}]`))) {
      const found = resolved.get(figure.getAttribute(PASTE_IMAGE_ATTRIBUTE) ?? "");
      if (!found) {
        figure.remove();
        continue;
      }
      const placed = doc.createElement("figure");
      placed.setAttribute("data-media-id", found.mediaId);
      placed.setAttribute("data-alt", found.alt);
      const figcaption = placed.appendChild(doc.createElement("figcaption"));
      // The caption stood as a paragraph after the photo; it moves under the photo, as the editor has it.
      const next = figure.nextElementSibling;
      if (found.caption && next?.tagName === "P" && squash(next.textContent) === found.caption) {
        while (next.firstChild) figcaption.appendChild(next.firstChild);
        next.remove();
      }
      figure.replaceWith(placed);
    }
    const json = ProseMirrorParser.fromSchema(bodySchema).parse(doc.body).toJSON();
    const parsed = parseBody(toStoredBody(json));
    if (!parsed.ok)
      return {
        ok: false,
        reason: importText.convert.bodyInvalid(parsed.path ? `${parsed.path}：${parsed.message}` : parsed.message),
      };
    if (parsed.body.content.length === 0) return { ok: false, reason: importText.convert.bodyEmpty };
    return { ok: true, body: parsed.body, photos: resolved.size };
  } finally {
    dom.window.close();
  }
}

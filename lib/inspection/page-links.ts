/**
 * What a reader's browser would fetch or follow from a page: every `href`, `src` and `srcset` URL of
 * the HTML the public renderer produced, and every `<img>` with its alt text. The renderer escapes
 * every attribute and quotes it with `"`, so a tag-level scan of its own output is exact; this is not
 * a parser for HTML from elsewhere.
 */

export interface PageLink {
  url: string;
  /** "a", "img", "link", "script", "source", "iframe" … */
  tag: string;
  attribute: "href" | "src" | "srcset";
}

export interface PageImage {
  src: string;
  alt: string | null;
  className: string;
}

const TAG = /<(a|img|link|script|source|iframe|audio|video|embed|object|area)\b([^>]*)>/gi;
const ATTRIBUTE = /([a-zA-Z-:]+)\s*=\s*"([^"]*)"/g;

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower === "amp") return "&";
    if (lower === "lt") return "<";
    if (lower === "gt") return ">";
    if (lower === "quot") return '"';
    if (lower === "apos" || lower === "#39") return "'";
    const point = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(point) ? String.fromCodePoint(point) : whole;
  });
}

function attributes(raw: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of raw.matchAll(ATTRIBUTE)) found.set(match[1].toLowerCase(), decodeEntities(match[2]));
  return found;
}

/** URLs that are not fetched from anywhere: in-page anchors, mail, phone, inline data, scripts. */
export function isCheckableUrl(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return false;
  return !/^(mailto|tel|sms|data|javascript|about|blob):/i.test(trimmed);
}

export function pageLinks(html: string): { links: PageLink[]; images: PageImage[] } {
  const links: PageLink[] = [];
  const images: PageImage[] = [];
  for (const match of html.matchAll(TAG)) {
    const tag = match[1].toLowerCase();
    const attrs = attributes(match[2]);
    const href = attrs.get("href");
    if (href !== undefined && isCheckableUrl(href)) links.push({ url: href.trim(), tag, attribute: "href" });
    const src = attrs.get("src");
    if (src !== undefined && isCheckableUrl(src)) links.push({ url: src.trim(), tag, attribute: "src" });
    const srcset = attrs.get("srcset");
    if (srcset) {
      for (const candidate of srcset.split(",")) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url && isCheckableUrl(url)) links.push({ url, tag, attribute: "srcset" });
      }
    }
    if (tag === "img")
      images.push({
        src: src ?? "",
        alt: attrs.has("alt") ? (attrs.get("alt") ?? "") : null,
        className: attrs.get("class") ?? "",
      });
  }
  return { links, images };
}

/**
 * Whether an article page shows its 发布日期: the date itself (a `<time>` in the meta line). The label
 * is printed either way, with a dash where the date would be.
 */
export function showsPublishedDate(html: string): boolean {
  return /<span class="meta-date">[^<]*<time datetime="[^"]+"/.test(html);
}

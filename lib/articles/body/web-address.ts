import { isAllowedHref } from "./count";

/**
 * Web and mail addresses written out in text, as the editor links them when they are typed or pasted
 * (components/editor/link-typing.ts): with their scheme (`https://…`, `http://…`, `mailto:…`) or starting
 * with `www.` (linked as https). An address runs to the next space, CJK punctuation or bracket; the
 * sentence punctuation it ends with is not part of it. Only addresses the body may hold
 * (`isAllowedHref`) are returned.
 */
export interface WebAddress {
  /** Where the address starts in the text. */
  index: number;
  /** The address as written. */
  text: string;
  /** The link target: the address, `https://` added before a `www.` one. */
  href: string;
}

const ADDRESS =
  /(?:https?:\/\/|mailto:|www\.)[^\s<>"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/giu;
const TRAILING = /[.,;:!?)\]}]+$/u;

export function webAddresses(text: string): WebAddress[] {
  const found: WebAddress[] = [];
  for (const match of text.matchAll(ADDRESS)) {
    const index = match.index;
    // Inside a Latin word ("xwww.") is not an address; right after Chinese text is.
    if (index > 0 && /[A-Za-z0-9_.@/-]/u.test(text[index - 1] ?? "")) continue;
    let address = match[0].replace(TRAILING, "");
    // A closing bracket stays when the address opened one: https://example.org/a_(b)
    if (match[0].length > address.length && (address.match(/\(/g)?.length ?? 0) > (address.match(/\)/g)?.length ?? 0)) {
      address = match[0].slice(0, address.length + 1);
    }
    const href = /^www\./i.test(address) ? `https://${address}` : address;
    if (address.length > 4 && isAllowedHref(href)) {
      found.push({ index, text: address, href });
    }
  }
  return found;
}

/** The address the text ends with (what a space typed after it links), if it ends with one. */
export function linkTarget(textBefore: string): WebAddress | null {
  const last = webAddresses(textBefore).at(-1);
  return last && last.index + last.text.length === textBefore.length ? last : null;
}

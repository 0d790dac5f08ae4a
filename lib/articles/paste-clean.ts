/**
 * Cleans HTML pasted from Word, WPS or a web page before the editor parses it: structure stays
 * (headings, paragraphs, lists, bold / italic / underline, links, tables, images), everything about
 * looks goes (styles, classes, fonts, colours, sizes, Word's XML and conditional comments), and so do
 * empty paragraphs and the full-width spaces staff type to indent a paragraph (the public page indents
 * paragraphs itself). Text is never rewritten: full-width punctuation arrives as it was typed.
 * Images whose bytes the browser has (a `data:` URI, or an image file on the clipboard for Word's
 * `file:` address) become placeholder figures at the place they stood, which the editor fills by
 * uploading them; the others are counted so the editor can say so.
 *
 * Pure DOM code with an injected parser, so it runs in the browser and in unit tests (jsdom).
 */

const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;

/** Where a pasted image's bytes come from. */
export type PastedImageSource =
  /** A `data:` URI in the HTML itself (WPS, web editors, Word for the web). */
  | { kind: "data"; src: string }
  /** The n-th image file on the clipboard beside the HTML (Word on Windows: `file:///` in the HTML). */
  | { kind: "file"; index: number }
  /** An address as the page had it, kept only with `imageUrls` (the old-site import, lib/import). */
  | { kind: "url"; src: string };

/** An image the editor can upload: it stands in the cleaned HTML as `<figure data-paste-image="key">`. */
export interface PastedImage {
  key: string;
  source: PastedImageSource;
  /** The image's own alt text, when it had one. */
  alt?: string;
}

export interface CleanedPaste {
  html: string;
  /** Images to upload, in document order, each with the key of its placeholder in `html`. */
  images: PastedImage[];
  /**
   * Images left out: web addresses (never fetched by the server, which would let anyone make it
   * request any URL), and files on the author's disk whose bytes are not on the clipboard.
   */
  droppedImages: number;
}

export interface CleanOptions {
  /** How many image files the clipboard holds beside the HTML (`clipboardData.files`). */
  clipboardFiles?: number;
  /** The placeholder key of the n-th image; unique keys let several pastes upload at once. */
  imageKey?: (index: number) => string;
  /**
   * Keep web and relative addresses as placeholders instead of dropping them. Only the old-site import
   * sets it: it resolves them against the files it was given, never by fetching (lib/import/photos.ts).
   */
  imageUrls?: boolean;
}

/** The attribute of a placeholder figure, which the editor's figure node parses as "uploading". */
export const PASTE_IMAGE_ATTRIBUTE = "data-paste-image";

/** Elements whose content goes away with them: scripts, Word's metadata and VML drawings. */
const REMOVE = new Set([
  "script",
  "style",
  "meta",
  "link",
  "title",
  "head",
  "xml",
  "template",
  "noscript",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "button",
  "input",
  "select",
  "textarea",
  "form",
]);

/** Elements kept as they are (their attributes are filtered below). Anything else is unwrapped. */
const KEEP = new Set([
  "p",
  "h2",
  "h3",
  "strong",
  "em",
  "u",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "hr",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "br",
  "img",
]);

/** Elements a placeholder figure may not stay inside: it is a block of its own, like the photo it becomes. */
const SPLIT_AROUND_FIGURE = new Set(["p", "h2", "h3", "strong", "em", "u", "a"]);

const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,/i;
/** Word on Windows writes the clipboard's images as temporary files; cid: is Outlook's form. */
const LOCAL_IMAGE = /^(file:|cid:)/i;

/** Renamed to what the editor's schema knows. */
const RENAME: Record<string, string> = {
  b: "strong",
  i: "em",
  h1: "h2",
  h4: "h3",
  h5: "h3",
  h6: "h3",
  div: "p",
  caption: "p",
  figcaption: "p",
  pre: "p",
  address: "p",
  dl: "ul",
  dt: "li",
  dd: "li",
};

/** Whitespace that only lays text out: spaces, tabs, newlines, no-break and full-width spaces. */
const LAYOUT_SPACE = /^[\s\u00a0\u3000\u2002\u2003\u200b\ufeff]+/u;
const ONLY_SPACE = /^[\s\u00a0\u3000\u2002\u2003\u200b\ufeff]*$/u;

function isAllowedHref(href: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href.trim());
}

function styleOf(element: Element): string {
  return (element.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");
}

function tagOf(element: Element): string {
  return element.tagName.toLowerCase();
}

function unwrap(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

function rename(element: Element, tag: string): Element {
  const doc = element.ownerDocument;
  const replacement = doc.createElement(tag);
  for (const attribute of Array.from(element.attributes)) replacement.setAttribute(attribute.name, attribute.value);
  while (element.firstChild) replacement.appendChild(element.firstChild);
  element.parentNode?.replaceChild(replacement, element);
  return replacement;
}

function wrapChildren(element: Element, tag: string): void {
  const wrapper = element.ownerDocument.createElement(tag);
  while (element.firstChild) wrapper.appendChild(element.firstChild);
  element.appendChild(wrapper);
}

/** Word says bold / italic / underline with inline styles on spans as often as with tags. */
function styleToTags(element: Element): void {
  const style = styleOf(element);
  if (!style) return;
  if (/font-weight:(bold|bolder|[6-9]00)/.test(style)) wrapChildren(element, "strong");
  if (/font-style:italic/.test(style)) wrapChildren(element, "em");
  if (/text-decoration(-line)?:[^;]*underline/.test(style)) wrapChildren(element, "u");
}

interface WordListItem {
  paragraph: Element;
  /** Word's list id (l0, l1 …): a new id is a new list even when the paragraphs touch. */
  list: string;
  level: number;
  ordered: boolean;
}

/** "1." "(2)" "一、" "a)" "iv." are numbers; "·" "" "o" "§" "-" are bullets. */
function isNumberMarker(marker: string): boolean {
  return /^[(\uff08]?([0-9]+|[一二三四五六七八九十百]+|[a-z]|[ivxlc]+)[.)\u3001\uff0e\uff09]/i.test(marker.trim());
}

/**
 * Word writes lists as paragraphs with `mso-list:l0 level2 lfo1` in their style and the bullet or
 * number as text inside a `mso-list:Ignore` span. Those become real nested lists here.
 */
function convertWordLists(body: Element): void {
  const doc = body.ownerDocument;
  const paragraphs = Array.from(body.querySelectorAll("p")).filter((p) => /mso-list:l\d+/.test(styleOf(p)));
  const items = new Map<Element, WordListItem>();
  for (const paragraph of paragraphs) {
    const level = Number(/level(\d+)/.exec(styleOf(paragraph))?.[1] ?? "1");
    const markerSpans = Array.from(paragraph.querySelectorAll("span")).filter((span) =>
      /mso-list:ignore/.test(styleOf(span)),
    );
    const marker = markerSpans.map((span) => span.textContent ?? "").join("");
    markerSpans.forEach((span) => span.parentNode?.removeChild(span));
    const list = /mso-list:(l\d+)/.exec(styleOf(paragraph))?.[1] ?? "l0";
    items.set(paragraph, { paragraph, list, level, ordered: isNumberMarker(marker) });
  }

  for (const paragraph of paragraphs) {
    const first = items.get(paragraph);
    if (!first || !paragraph.parentNode) continue;
    // A run of consecutive list paragraphs (ignoring whitespace between them) is one list.
    const run: WordListItem[] = [first];
    items.delete(paragraph);
    let next = paragraph.nextSibling;
    while (next) {
      if (next.nodeType === TEXT && ONLY_SPACE.test(next.textContent ?? "")) {
        next = next.nextSibling;
        continue;
      }
      const item = next.nodeType === ELEMENT ? items.get(next as Element) : undefined;
      if (!item || item.list !== first.list) break;
      run.push(item);
      items.delete(item.paragraph);
      next = next.nextSibling;
    }

    const root = doc.createElement(first.ordered ? "ol" : "ul");
    paragraph.parentNode.insertBefore(root, paragraph);
    const stack: { list: Element; level: number }[] = [{ list: root, level: first.level }];
    for (const item of run) {
      let top = stack[stack.length - 1];
      while (item.level < top.level && stack.length > 1) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (item.level > top.level && top.list.lastElementChild) {
        const nested = doc.createElement(item.ordered ? "ol" : "ul");
        top.list.lastElementChild.appendChild(nested);
        stack.push({ list: nested, level: item.level });
        top = stack[stack.length - 1];
      }
      const li = doc.createElement("li");
      const p = doc.createElement("p");
      while (item.paragraph.firstChild) p.appendChild(item.paragraph.firstChild);
      li.appendChild(p);
      top.list.appendChild(li);
      item.paragraph.parentNode?.removeChild(item.paragraph);
    }
  }
}

interface WalkState {
  result: CleanedPaste;
  options: CleanOptions;
  /** Placeholders of `file:` images, turned back into dropped images when the clipboard's files do not match. */
  localFigures: Element[];
}

function placeholder(element: Element, state: WalkState, source: PastedImageSource): Element {
  const { result, options } = state;
  const key = options.imageKey ? options.imageKey(result.images.length) : String(result.images.length);
  const alt = (element.getAttribute("alt") ?? "").trim();
  result.images.push({ key, source, ...(alt ? { alt } : {}) });
  const figure = element.ownerDocument.createElement("figure");
  figure.setAttribute(PASTE_IMAGE_ATTRIBUTE, key);
  element.parentNode?.replaceChild(figure, element);
  return figure;
}

function cleanImage(element: Element, state: WalkState): Element | null {
  const src = (element.getAttribute("src") ?? "").trim();
  if (DATA_IMAGE.test(src)) return placeholder(element, state, { kind: "data", src });
  if (LOCAL_IMAGE.test(src)) {
    const figure = placeholder(element, state, { kind: "file", index: state.localFigures.length });
    state.localFigures.push(figure);
    return figure;
  }
  if (state.options.imageUrls && src) return placeholder(element, state, { kind: "url", src });
  state.result.droppedImages++;
  element.parentNode?.removeChild(element);
  return null;
}

function cleanAttributes(element: Element, tag: string, state: WalkState): Element | null {
  if (tag === "img") return cleanImage(element, state);
  const keep: Record<string, string> = {};
  if (tag === "a") {
    const href = element.getAttribute("href") ?? "";
    if (!isAllowedHref(href)) {
      unwrap(element);
      return null;
    }
    keep.href = href.trim();
  } else if (tag === "td" || tag === "th") {
    for (const name of ["colspan", "rowspan"]) {
      const value = Number(element.getAttribute(name));
      if (Number.isInteger(value) && value > 1 && value <= 50) keep[name] = String(value);
    }
  } else if (tag === "ol") {
    const start = Number(element.getAttribute("start"));
    if (Number.isInteger(start) && start > 1) keep.start = String(start);
  }
  for (const attribute of Array.from(element.attributes)) element.removeAttribute(attribute.name);
  for (const [name, value] of Object.entries(keep)) element.setAttribute(name, value);
  return element;
}

function isEmptyBlock(element: Element): boolean {
  if (element.querySelector("figure, hr, table, br + br")) return false;
  return ONLY_SPACE.test(element.textContent ?? "");
}

/** Drops the indentation typed at the start of a paragraph (full-width spaces, &nbsp; runs). */
function trimLeadingSpace(element: Element): void {
  let node: Node | null = element.firstChild;
  while (node) {
    if (node.nodeType === TEXT) {
      const text = node.textContent ?? "";
      const trimmed = text.replace(LAYOUT_SPACE, "");
      node.textContent = trimmed;
      if (trimmed) return;
      node = node.nextSibling;
    } else if (node.nodeType === ELEMENT && !["br", "figure"].includes(tagOf(node as Element))) {
      node = node.firstChild ?? node.nextSibling;
    } else return;
  }
}

function walk(node: Node, state: WalkState): void {
  let child = node.firstChild;
  while (child) {
    const next = child.nextSibling;
    if (child.nodeType === COMMENT) {
      node.removeChild(child);
    } else if (child.nodeType === ELEMENT) {
      let element = child as Element;
      let tag = tagOf(element);
      // Namespaced Word tags (o:p, v:shape, w:sdt …): drawings go, text wrappers are unwrapped.
      if (tag.includes(":")) {
        if (tag.startsWith("v:") || tag.startsWith("w:")) {
          node.removeChild(element);
          child = next;
        } else {
          const first = element.firstChild;
          unwrap(element);
          child = first ?? next;
        }
        continue;
      }
      if (REMOVE.has(tag)) {
        node.removeChild(element);
        child = next;
        continue;
      }
      styleToTags(element);
      if (RENAME[tag]) {
        element = rename(element, RENAME[tag]);
        tag = tagOf(element);
      }
      walk(element, state);
      if (!KEEP.has(tag)) {
        unwrap(element);
      } else {
        cleanAttributes(element, tag, state);
      }
    }
    child = next;
  }
}

/**
 * A photo stood inside a paragraph (Word always puts it in one) or a link; its placeholder becomes a
 * block between the two halves of what held it. A table cell holds paragraphs only, so a photo in a
 * table moves to just after the table.
 */
function liftFigures(body: Element): void {
  for (const figure of Array.from(body.querySelectorAll(`figure[${PASTE_IMAGE_ATTRIBUTE}]`))) {
    let parent = figure.parentElement;
    while (parent && parent !== body && SPLIT_AROUND_FIGURE.has(tagOf(parent))) {
      const after = parent.cloneNode(false) as Element;
      while (figure.nextSibling) after.appendChild(figure.nextSibling);
      parent.after(figure, after);
      parent = figure.parentElement;
    }
    const cell = figure.closest("td, th");
    const table = cell?.closest("table");
    if (table) {
      // After any figures already moved out of this table, so they keep their order.
      let anchor: Element = table;
      while (anchor.nextElementSibling?.hasAttribute(PASTE_IMAGE_ATTRIBUTE)) anchor = anchor.nextElementSibling;
      anchor.after(figure);
    }
  }
}

function removeEmptyBlocks(body: Element): void {
  // Children first, so a list item emptied of its paragraph is seen as empty too.
  for (const element of Array.from(body.querySelectorAll("p, h2, h3, blockquote")).reverse()) {
    if (isEmptyBlock(element)) element.parentNode?.removeChild(element);
  }
  for (const element of Array.from(body.querySelectorAll("li")).reverse()) {
    if (isEmptyBlock(element)) element.parentNode?.removeChild(element);
  }
  for (const list of Array.from(body.querySelectorAll("ul, ol")).reverse()) {
    if (!list.querySelector("li")) list.parentNode?.removeChild(list);
  }
}

/** Paragraph-level tidying once the tree holds only known elements. */
function tidyBlocks(body: Element): void {
  // Paragraphs inside paragraphs (a div that held a p) are not valid HTML: let the inner ones stand.
  for (const p of Array.from(body.querySelectorAll("p p"))) {
    const outer = p.parentElement;
    if (outer && tagOf(outer) === "p") unwrap(outer);
  }
  liftFigures(body);
  for (const element of Array.from(body.querySelectorAll("p, h2, h3, li, td, th"))) trimLeadingSpace(element);
  removeEmptyBlocks(body);
}

/**
 * Word's `file:` images can be uploaded only when the clipboard carries exactly one image file for
 * each of them (then they are the same pictures, in order). Any other number of files is something
 * else, e.g. a picture of the whole selection, and the images are reported as dropped instead.
 */
function matchClipboardFiles(state: WalkState): void {
  const { result, options, localFigures } = state;
  if (localFigures.length === 0 || localFigures.length === (options.clipboardFiles ?? 0)) return;
  const dropped = new Set(localFigures.map((figure) => figure.getAttribute(PASTE_IMAGE_ATTRIBUTE)));
  for (const figure of localFigures) figure.parentNode?.removeChild(figure);
  result.images = result.images.filter((image) => !dropped.has(image.key));
  result.droppedImages += localFigures.length;
}

export function cleanPastedHtml(html: string, parser: DOMParser, options: CleanOptions = {}): CleanedPaste {
  const doc = parser.parseFromString(html, "text/html");
  const state: WalkState = { result: { html: "", images: [], droppedImages: 0 }, options, localFigures: [] };
  const body = doc.body;
  convertWordLists(body);
  walk(body, state);
  matchClipboardFiles(state);
  tidyBlocks(body);
  state.result.html = body.innerHTML.replace(/\n{2,}/g, "\n").trim();
  return state.result;
}

/**
 * Cleans HTML pasted from Word, WPS or a web page before the editor parses it: structure stays
 * (headings, paragraphs, lists, bold / italic / underline, links, tables, images), everything about
 * looks goes (styles, classes, fonts, colours, sizes, Word's XML and conditional comments), and so do
 * empty paragraphs and the full-width spaces staff type to indent a paragraph (the public page indents
 * paragraphs itself). Text is never rewritten: full-width punctuation arrives as it was typed.
 *
 * Pure DOM code with an injected parser, so it runs in the browser and in unit tests (jsdom).
 */

const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;

export interface CleanedPaste {
  html: string;
  /** `src` of images the editor can fetch and upload (http(s) and data: URLs), in document order. */
  images: string[];
  /** Images that point at the author's disk (file:, cid:) or nowhere: they must be uploaded by hand. */
  droppedImages: number;
}

/** Elements whose content goes away with them: scripts, Word's metadata and VML drawings. */
const REMOVE = new Set(["script", "style", "meta", "link", "title", "head", "xml", "template", "noscript", "iframe", "object", "embed", "svg", "math", "button", "input", "select", "textarea", "form"]);

/** Elements kept as they are (their attributes are filtered below). Anything else is unwrapped. */
const KEEP = new Set(["p", "h2", "h3", "strong", "em", "u", "a", "ul", "ol", "li", "blockquote", "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "br", "img"]);

/** Renamed to what the editor's schema knows. */
const RENAME: Record<string, string> = { b: "strong", i: "em", h1: "h2", h4: "h3", h5: "h3", h6: "h3", div: "p", caption: "p", figcaption: "p", pre: "p", address: "p", dl: "ul", dt: "li", dd: "li" };

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
    const markerSpans = Array.from(paragraph.querySelectorAll("span")).filter((span) => /mso-list:ignore/.test(styleOf(span)));
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

function cleanAttributes(element: Element, tag: string, result: CleanedPaste): Element | null {
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
  } else if (tag === "img") {
    const src = (element.getAttribute("src") ?? "").trim();
    if (/^(https?:\/\/|data:image\/(png|jpe?g|gif|webp);base64,)/i.test(src)) {
      keep.src = src;
      keep.alt = element.getAttribute("alt") ?? "";
      result.images.push(src);
    } else {
      result.droppedImages++;
      element.parentNode?.removeChild(element);
      return null;
    }
  }
  for (const attribute of Array.from(element.attributes)) element.removeAttribute(attribute.name);
  for (const [name, value] of Object.entries(keep)) element.setAttribute(name, value);
  return element;
}

function isEmptyBlock(element: Element): boolean {
  if (element.querySelector("img, hr, table, br + br")) return false;
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
    } else if (node.nodeType === ELEMENT && !["br", "img"].includes(tagOf(node as Element))) {
      node = node.firstChild ?? node.nextSibling;
    } else return;
  }
}

function walk(node: Node, result: CleanedPaste): void {
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
      walk(element, result);
      if (!KEEP.has(tag)) {
        unwrap(element);
      } else {
        cleanAttributes(element, tag, result);
      }
    }
    child = next;
  }
}

/** Paragraph-level tidying once the tree holds only known elements. */
function tidyBlocks(body: Element): void {
  for (const element of Array.from(body.querySelectorAll("p, h2, h3, li, td, th"))) trimLeadingSpace(element);
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
  // Paragraphs inside paragraphs (a div that held a p) are not valid HTML: let the inner ones stand.
  for (const p of Array.from(body.querySelectorAll("p p"))) {
    const outer = p.parentElement;
    if (outer && tagOf(outer) === "p") unwrap(outer);
  }
}

export function cleanPastedHtml(html: string, parser: DOMParser): CleanedPaste {
  const doc = parser.parseFromString(html, "text/html");
  const result: CleanedPaste = { html: "", images: [], droppedImages: 0 };
  const body = doc.body;
  convertWordLists(body);
  walk(body, result);
  tidyBlocks(body);
  result.html = body.innerHTML.replace(/\n{2,}/g, "\n").trim();
  return result;
}

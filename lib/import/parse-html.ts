import { JSDOM } from "jsdom";
import { importText } from "./messages";
import type { HtmlSelectors, ImportOptions } from "./schemas";
import { parseOldDate, squash } from "./text";
import type { ParseOutcome, ParseResult, SourceFile } from "./types";

/**
 * A folder of the old site's saved pages (`wget --mirror`): each HTML file whose body selector
 * matches is an article. Title, 来源, 发布日期, 作者, column and body are read by CSS selectors; the
 * built-in preset reads pages shaped like this site's own article page and the 【先锋】 seed page
 * (a meta line `来源:… 发布日期:2021-07-27`, a TRS-style `#zoom` / `.TRS_Editor` body, a breadcrumb).
 * jsdom parses the pages as browsers do (parse5, HTML5's error recovery), so broken markup — unclosed
 * tags, stray end tags — reads as it looked on the old site.
 */

const t = importText.parse;

export const SEED_PRESET: HtmlSelectors = {
  title: "h1.article-title, .article-title, .title h1, h1, .title, title",
  source: ".meta-source, .source, .article-meta, .info, .meta",
  date: ".meta-date time[datetime], .meta-date, .pubdate, .date, .time, .article-meta, .info, .meta, meta[name=PubDate], meta[name=publishdate]",
  body: ".article-body, #zoom, .TRS_Editor, .article-content, .content-body, .article_content, #content, article",
  byline: ".article-byline, .author, .article-meta, .info, .meta",
  column:
    "meta[name=ColumnName], .breadcrumb a:last-of-type, nav[aria-label=面包屑] a:last-of-type, .position a:last-of-type, .location a:last-of-type",
  remove: "script, style, noscript, .font-switch, .share, .qr, .qrcode, .print, .article-tools, .bdsharebuttonbox",
};

export function effectiveSelectors(options: ImportOptions): HtmlSelectors {
  const chosen = options.selectors;
  const pick = (name: keyof HtmlSelectors) => (chosen[name] ?? "").trim() || SEED_PRESET[name];
  return {
    title: pick("title"),
    source: pick("source"),
    date: pick("date"),
    body: pick("body"),
    byline: pick("byline"),
    column: pick("column"),
    remove: pick("remove"),
  };
}

/** Throws the Chinese message when a selector list is not valid CSS (checked once, before any page). */
export function checkSelectors(selectors: HtmlSelectors): void {
  const { document } = new JSDOM("<!DOCTYPE html><p></p>").window;
  for (const value of Object.values(selectors)) {
    if (!value) continue;
    try {
      document.querySelector(value);
    } catch {
      throw new Error(t.badSelector(value));
    }
  }
}

const HTML_FILE = /\.s?html?$/i;

export function isHtmlFile(path: string): boolean {
  return HTML_FILE.test(path);
}

/** The old URL of a mirrored file: wget --mirror puts pages under a folder named for the host. */
export function oldUrlOf(path: string, baseUrl: string): string {
  const clean = path.replace(/^\/+/, "");
  if (baseUrl) return new URL(clean, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
  // The folder chosen may hold the host folder (a browser's folder upload starts with the folder's own name).
  const parts = clean.split("/");
  const host = parts.findIndex(
    (part, index) =>
      index < parts.length - 1 && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i.test(part) && !/\.s?html?$/i.test(part),
  );
  if (host >= 0) return `http://${parts[host]}/${parts.slice(host + 1).join("/")}`;
  return `http://old-site.invalid/${clean}`;
}

function textOf(element: Element | null): string {
  if (!element) return "";
  if (element.tagName === "META") return squash(element.getAttribute("content") ?? "");
  if (element.tagName === "TIME" && element.getAttribute("datetime"))
    return squash(element.getAttribute("datetime") ?? "");
  return squash(element.textContent ?? "");
}

/** The first element of a selector list (in the list's order, not the document's) with any text. */
function firstText(
  document: Document,
  selectors: string,
  accept: (text: string) => string | null = (text) => text || null,
): string {
  for (const selector of selectors
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    for (const element of Array.from(document.querySelectorAll(selector))) {
      const value = accept(textOf(element));
      if (value) return value;
    }
  }
  return "";
}

function firstElement(document: Document, selectors: string): Element | null {
  for (const selector of selectors
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const element = document.querySelector(selector);
    if (element) return element;
  }
  return null;
}

/** `来源：市经信委  发布日期：2021-07-27` → 市经信委: the label is cut, and so is whatever follows. */
function labelled(label: RegExp) {
  return (text: string): string | null => {
    const match = label.exec(text);
    if (!match) return null;
    return squash(match[1] ?? "") || null;
  };
}

const SOURCE_LABEL = /来源\s*[:：]\s*(.*?)(?=\s*(?:发布日期|发布时间|日期|时间|作者|字号|浏览|点击|$))/u;
const BYLINE_LABEL = /(?:作者|文)\s*[:：/]\s*(.*?)(?=\s*(?:来源|发布日期|发布时间|日期|字号|$))/u;

/**
 * The page's text: old Chinese government sites are often GB2312 / GBK / Big5, declared in a meta tag
 * (wget keeps the bytes); everything else is read as UTF-8.
 */
export function decodeHtml(data: Buffer): string {
  const head = data.subarray(0, 4096).toString("latin1");
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase() ?? "utf-8";
  const label = /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(declared)
    ? "gb18030"
    : /^big5/.test(declared)
      ? "big5"
      : "utf-8";
  try {
    return new TextDecoder(label).decode(data);
  } catch {
    return data.toString("utf8");
  }
}

export function parseHtmlPage(
  file: SourceFile,
  options: ImportOptions,
  timeZone: string,
  selectors = effectiveSelectors(options),
): ParseOutcome | null {
  const dom = new JSDOM(decodeHtml(file.data));
  const { document } = dom.window;
  try {
    const body = firstElement(document, selectors.body);
    if (!body) return null;
    const oldUrl = oldUrlOf(file.path, options.baseUrl);
    const raw = firstText(document, selectors.title);
    // From <title>, "文章标题 - 某某网站" loses the site's name; a heading's text is kept whole.
    const title =
      raw && raw === squash(document.title) ? raw.replace(/\s+[-_|｜]\s+[^-_|｜]+$/u, "").trim() || raw : raw;
    if (!title) return { ok: false, key: oldUrl, title: "", reason: t.noTitle };
    if (selectors.remove) for (const element of Array.from(body.querySelectorAll(selectors.remove))) element.remove();
    const bodyHtml = body.innerHTML;
    if (!squash(body.textContent ?? "") && !body.querySelector("img"))
      return { ok: false, key: oldUrl, title, reason: t.noBody };
    const source = firstText(
      document,
      selectors.source,
      (text) => labelled(SOURCE_LABEL)(text) ?? (/[:：]/.test(text) ? null : text || null),
    );
    const byline = firstText(
      document,
      selectors.byline,
      (text) => labelled(BYLINE_LABEL)(text) ?? (text && !/[:：]/.test(text) ? text : null),
    );
    const date = firstText(document, selectors.date, (text) => (parseOldDate(text, timeZone) ? text : null));
    const column = firstText(document, selectors.column);
    return {
      ok: true,
      article: {
        key: oldUrl,
        oldUrl,
        title,
        source,
        byline,
        summary: squash(document.querySelector("meta[name=description]")?.getAttribute("content") ?? ""),
        publishedAt: parseOldDate(date, timeZone),
        columnHints: column ? [column] : [],
        bodyHtml,
        baseUrl: oldUrl,
      },
    };
  } finally {
    dom.window.close();
  }
}

/** Every page of the folder, in path order; pages without a body (lists, the home page) are skipped. */
export function parseHtmlFolder(files: readonly SourceFile[], options: ImportOptions, timeZone: string): ParseResult {
  const selectors = effectiveSelectors(options);
  checkSelectors(selectors);
  const result: ParseResult = { items: [], skipped: 0 };
  for (const file of [...files].filter((f) => isHtmlFile(f.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    const outcome = parseHtmlPage(file, options, timeZone, selectors);
    if (outcome) result.items.push(outcome);
    else result.skipped++;
  }
  return result;
}

import { XMLParser } from "fast-xml-parser";
import { importText } from "./messages";
import { assertNoDoctype, parseOldDate, squash, xmlText } from "./text";
import type { ParseOutcome, ParseResult } from "./types";

/**
 * RSS 2.0 and Atom 1.0 files. An item's body is `content:encoded` (RSS) or `content` (Atom), else its
 * description / summary. Atom's XHTML content is kept as markup (a stop node), HTML content is text.
 */

const t = importText.parse;

type Node = Record<string, unknown>;

const ARRAYS = new Set(["item", "entry", "category", "link", "author"]);

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ARRAYS.has(name),
    stopNodes: ["feed.entry.content"],
  });
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : value && typeof value === "object" ? [value as Node] : [];
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** A stop node's raw text: CDATA unwrapped, XML entities decoded (Atom type="html" escapes its markup). */
function decodeRaw(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1];
  return raw.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function atomContent(entry: Node): string {
  const content = entry.content;
  if (content !== undefined) {
    const raw = xmlText(content);
    const type = typeof content === "object" && content ? String((content as Node)["@_type"] ?? "text") : "text";
    if (type === "xhtml") return raw;
    const decoded = decodeRaw(raw);
    return type === "html" ? decoded : `<p>${decoded.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"))}</p>`;
  }
  return xmlText(entry.summary);
}

function atomLink(entry: Node): string {
  const links = list(entry.link);
  const alternate = links.find((link) => (link["@_rel"] ?? "alternate") === "alternate") ?? links[0];
  return String(alternate?.["@_href"] ?? "").trim();
}

function outcome(fields: { key: string; title: string; body: string }, build: () => ParseOutcome): ParseOutcome {
  if (!fields.key) return { ok: false, key: "", title: fields.title, reason: t.noKey };
  if (!fields.title) return { ok: false, key: fields.key, title: "", reason: t.noTitle };
  if (!fields.body.trim()) return { ok: false, key: fields.key, title: fields.title, reason: t.noBody };
  return build();
}

export function parseFeed(xml: string, timeZone: string): ParseResult {
  try {
    assertNoDoctype(xml);
  } catch {
    throw new Error(t.doctype);
  }
  let root: Node;
  try {
    root = parser().parse(xml, true) as Node;
  } catch (error) {
    throw new Error(t.notXml(error instanceof Error ? error.message : String(error)));
  }
  const result: ParseResult = { items: [], skipped: 0 };
  const channel = (root.rss as Node | undefined)?.channel as Node | undefined;
  if (channel) {
    for (const item of list(channel.item)) {
      const title = squash(xmlText(item.title));
      const link = xmlText(item.link).trim();
      const key = link || xmlText(item.guid).trim();
      const body = xmlText(item["content:encoded"]) || xmlText(item.description);
      result.items.push(
        outcome({ key, title, body }, () => ({
          ok: true,
          article: {
            key,
            oldUrl: link,
            title,
            source: squash(xmlText(item.source)),
            byline: squash(xmlText(item["dc:creator"]) || xmlText(item.author)),
            summary: item["content:encoded"] ? squash(xmlText(item.description).replace(/<[^>]*>/g, "")) : "",
            publishedAt: parseOldDate(xmlText(item.pubDate) || xmlText(item["dc:date"]), timeZone),
            columnHints: list(item.category)
              .map((category) => squash(xmlText(category)))
              .concat(typeof item.category === "string" ? [item.category] : [])
              .filter(Boolean),
            bodyHtml: body,
            baseUrl: link || xmlText(channel.link),
          },
        })),
      );
    }
    return result;
  }
  const feed = root.feed as Node | undefined;
  if (!feed) throw new Error(t.notFeed);
  for (const entry of list(feed.entry)) {
    const title = squash(xmlText(entry.title).replace(/<[^>]*>/g, ""));
    const link = atomLink(entry);
    const key = link || xmlText(entry.id).trim();
    const body = atomContent(entry);
    const author = list(entry.author)
      .map((person) => squash(xmlText(person.name)))
      .filter(Boolean)
      .join("、");
    result.items.push(
      outcome({ key, title, body }, () => ({
        ok: true,
        article: {
          key,
          oldUrl: link,
          title,
          source: squash(xmlText((entry.source as Node | undefined)?.title)),
          byline: author,
          summary: entry.content !== undefined ? squash(xmlText(entry.summary).replace(/<[^>]*>/g, "")) : "",
          publishedAt: parseOldDate(xmlText(entry.published) || xmlText(entry.updated), timeZone),
          columnHints: list(entry.category)
            .map((category) => String(category["@_label"] ?? category["@_term"] ?? ""))
            .filter(Boolean),
          bodyHtml: body,
          baseUrl: link || atomLink(feed),
        },
      })),
    );
  }
  return result;
}

import { XMLParser } from "fast-xml-parser";
import { importText } from "./messages";
import { assertNoDoctype, parseOldDate, squash, xmlText } from "./text";
import type { ParseOutcome, ParseResult } from "./types";

/**
 * A WordPress export (WXR 1.x, Tools → Export). Published posts become articles; pages, drafts,
 * attachments and menu items are skipped. Photos are addresses here: they are read from the files
 * given beside the export (the site's wp-content/uploads), never fetched (lib/import/photos.ts).
 */

const t = importText.parse;

const ARRAYS = new Set(["item", "category", "wp:postmeta", "wp:author"]);

export function xmlParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
}

type Node = Record<string, unknown>;

function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : value && typeof value === "object" ? [value as Node] : [];
}

export function parseXml(xml: string): Node {
  try {
    assertNoDoctype(xml);
  } catch {
    throw new Error(t.doctype);
  }
  try {
    return xmlParser().parse(xml, true) as Node;
  } catch (error) {
    throw new Error(t.notXml(error instanceof Error ? error.message : String(error)));
  }
}

function meta(item: Node, names: readonly string[]): string {
  for (const row of list(item["wp:postmeta"])) {
    const key = xmlText(row["wp:meta_key"]).trim();
    if (names.includes(key)) return xmlText(row["wp:meta_value"]).trim();
  }
  return "";
}

export function parseWxr(xml: string, timeZone: string): ParseResult {
  const root = parseXml(xml);
  const channel = (root.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel) throw new Error(t.notWxr);
  const authors = new Map(
    list(channel["wp:author"]).map((author) => [
      xmlText(author["wp:author_login"]),
      squash(xmlText(author["wp:author_display_name"])),
    ]),
  );
  const items = list(channel.item);
  const attachments = new Map<string, string>();
  for (const item of items) {
    if (xmlText(item["wp:post_type"]) === "attachment")
      attachments.set(xmlText(item["wp:post_id"]), xmlText(item["wp:attachment_url"]));
  }

  const result: ParseResult = { items: [], skipped: 0 };
  for (const item of items) {
    const type = xmlText(item["wp:post_type"]) || "post";
    const status = xmlText(item["wp:status"]) || "publish";
    if (type !== "post" || status !== "publish") {
      result.skipped++;
      continue;
    }
    const title = squash(xmlText(item.title));
    const link = xmlText(item.link).trim();
    const guid = xmlText(item.guid).trim();
    const key = link || guid;
    const body = xmlText(item["content:encoded"]);
    const failure = (reason: string): ParseOutcome => ({
      ok: false,
      key: key || `wp:${xmlText(item["wp:post_id"])}`,
      title,
      reason,
    });
    if (!key) {
      result.items.push(failure(t.noKey));
      continue;
    }
    if (!title) {
      result.items.push(failure(t.noTitle));
      continue;
    }
    if (!body.trim()) {
      result.items.push(failure(t.noBody));
      continue;
    }
    const gmt = xmlText(item["wp:post_date_gmt"]);
    const publishedAt =
      gmt && !gmt.startsWith("0000")
        ? parseOldDate(`${gmt.replace(" ", "T")}Z`, timeZone)
        : (parseOldDate(xmlText(item["wp:post_date"]), timeZone) ?? parseOldDate(xmlText(item.pubDate), timeZone));
    const categories = list(item.category).filter((category) => (category["@_domain"] ?? "category") === "category");
    const creator = xmlText(item["dc:creator"]).trim();
    const thumbnail = attachments.get(meta(item, ["_thumbnail_id"]));
    result.items.push({
      ok: true,
      article: {
        key,
        oldUrl: link,
        title,
        source: meta(item, ["source", "来源", "news_source"]),
        byline: meta(item, ["author", "作者", "byline"]) || authors.get(creator) || creator,
        summary: squash(xmlText(item["excerpt:encoded"])),
        publishedAt,
        columnHints: categories.flatMap((category) =>
          [xmlText(category), xmlText(category["@_nicename"])].filter(Boolean),
        ),
        // WordPress stores paragraphs as blank lines (wpautop); the cleaner needs real ones.
        bodyHtml: /<(p|div|h[1-6]|ul|ol|table|blockquote)[\s>]/i.test(body) ? body : autop(body),
        baseUrl: link || xmlText(channel.link),
        ...(thumbnail ? { coverUrl: thumbnail } : {}),
      },
    });
  }
  return result;
}

/** WordPress's wpautop, as far as the import needs it: blank lines are paragraphs, single newlines breaks. */
function autop(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.replace(/\r?\n/g, "<br>")}</p>`)
    .join("");
}

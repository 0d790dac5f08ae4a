import { parseLocalDateTime } from "@/lib/format/date";

/** Shared helpers of the readers: whitespace, titles with a series mark, dates the old sites wrote. */

const SPACE = /[\s\u00a0\u3000]+/g;

export function squash(text: string): string {
  return text.replace(SPACE, " ").trim();
}

/** At most `max` characters (code points), for the database's column sizes. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join("") : text;
}

/** `【先锋】化工区党建的“拓荒牛”——李炯` → series mark 【先锋】 and the title after it. */
export function splitSeriesMark(title: string): { seriesMark: string; title: string } {
  const match = /^\s*(【[^】]{1,18}】)\s*(.+)$/u.exec(title);
  return match ? { seriesMark: match[1], title: match[2].trim() } : { seriesMark: "", title: title.trim() };
}

const CHINESE_DATE =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/u;

const pad = (value: string | undefined) => (value ?? "0").padStart(2, "0");

/**
 * A date as the old page printed it — `2021-07-27`, `2021/7/27 09:30`, `2021年7月27日` — read as wall
 * time in the site's zone; or an ISO / RFC 822 date with its own offset (feeds, WordPress GMT dates).
 */
export function parseOldDate(text: string | undefined, timeZone: string): Date | null {
  const value = (text ?? "").trim();
  if (!value) return null;
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ||
    /^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}/.test(value)
  ) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const match = CHINESE_DATE.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return parseLocalDateTime(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`, timeZone) ?? null;
}

/** The text of an XML value fast-xml-parser gave: a string, a number, or `{ "#text": … }` with attributes. */
export function xmlText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return xmlText(value[0]);
  if (typeof value === "object" && "#text" in value) return xmlText((value as Record<string, unknown>)["#text"]);
  return "";
}

/** Refuses DTDs: an entity declaration could expand a small file into gigabytes (billion laughs). */
export function assertNoDoctype(xml: string): void {
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml))
    throw new Error("含有 DOCTYPE 或实体声明，出于安全原因不予读取");
}

import { z } from "zod";

/**
 * The one parser for what arrives in a URL: route parameters and query strings, public and admin.
 * PostgreSQL refuses text with a NUL byte (and the Prisma adapter turns that into a 500), lone UTF-16
 * surrogates cannot be encoded at all, and an invalid percent-encoding is not text. Every such
 * request answers 400 with a Chinese message before any query runs: the proxy checks the raw URL of
 * every request (proxy.ts), route handlers parse their query strings here, and the admin's list
 * filters use `cleanText` in their zod schemas.
 */

export const paramText = {
  invalid: "请求地址中含有无效字符（如空字符或不完整的编码），请检查链接后重试。",
  tooLong: "请求地址过长，请检查链接后重试。",
  duplicate: (name: string) => `参数“${name}”重复出现，请检查链接后重试。`,
  unknown: (name: string) => `不支持参数“${name}”，请检查链接后重试。`,
  badValue: (name: string) => `参数“${name}”的值无效，请检查链接后重试。`,
} as const;

/** Longest URL (path and query, as sent) any page of this site needs; longer ones answer 400. */
export const MAX_URL_CHARS = 2048;

// C0 controls except tab, line feed and carriage return, and DEL: no field of this site holds them.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when PostgreSQL can store and compare `text` as it is. */
export function isCleanText(text: string): boolean {
  return !CONTROL.test(text) && !LONE_SURROGATE.test(text);
}

/** A text field from a URL or a form filter: at most `max` characters, no NUL, control or broken characters. */
export function cleanText(max: number) {
  return z.string().max(max, { error: paramText.tooLong }).refine(isCleanText, { error: paramText.invalid });
}

// PostgreSQL's integer and bigint: a larger number from a URL would be refused by the query (a 500).
const INT4_MAX = 2_147_483_647;
const INT8_MAX = BigInt("9223372036854775807");

/** A positive whole number written in digits that fits PostgreSQL's integer (a version number), or null. */
export function positiveInt(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 && number <= INT4_MAX ? number : null;
}

/** A positive whole number written in digits that fits PostgreSQL's bigint (an audit event id), or null. */
export function positiveBigint(value: unknown): bigint | null {
  if (typeof value !== "string" || !/^\d{1,19}$/.test(value)) return null;
  const number = BigInt(value);
  return number >= BigInt(1) && number <= INT8_MAX ? number : null;
}

/**
 * Whether a time read from a URL (a cursor, a filter's day) is one this site can hold: a real time in
 * the years 1970–2999. No record lies outside them, and PostgreSQL refuses some of what `Date` reads
 * (year 0, years before 4713 BC).
 */
export function isPlausibleTime(time: Date): boolean {
  const year = time.getUTCFullYear();
  return !Number.isNaN(time.getTime()) && year >= 1970 && year <= 2999;
}

/** A day as a date input sends it, `YYYY-MM-DD`, that exists on the calendar (not 02-30), in those years. */
export function calendarDay() {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((day) => {
      const time = new Date(`${day}T00:00:00Z`);
      return isPlausibleTime(time) && time.toISOString().startsWith(day);
    });
}

/** One percent-encoded URL component as text, or null when it is not valid UTF-8 or not clean. */
export function decodeComponent(raw: string, plusIsSpace = false): string | null {
  try {
    const text = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, " ") : raw);
    return isCleanText(text) ? text : null;
  } catch {
    return null;
  }
}

export type UrlProblem = { status: 400; message: string };

const PLAIN_TARGET = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/**
 * Checks the request target as it was sent (`/path?query`, or a full URL): every path segment and
 * every query name and value must decode to clean text. Returns the problem, or null.
 */
export function rawUrlProblem(target: string): UrlProblem | null {
  // The common case, checked in one pass: printable ASCII without "%" decodes to itself, clean.
  if (target.length <= MAX_URL_CHARS && PLAIN_TARGET.test(target)) return null;
  const withoutOrigin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  if (withoutOrigin.length > MAX_URL_CHARS) return { status: 400, message: paramText.tooLong };
  const [pathPart = "", ...queryParts] = withoutOrigin.split("#")[0]?.split("?") ?? [];
  for (const segment of pathPart.split("/")) {
    if (decodeComponent(segment) === null) return { status: 400, message: paramText.invalid };
  }
  for (const pair of queryParts.join("?").split("&")) {
    if (!pair) continue;
    const [name = "", ...value] = pair.split("=");
    if (decodeComponent(name, true) === null || decodeComponent(value.join("="), true) === null) {
      return { status: 400, message: paramText.invalid };
    }
  }
  return null;
}

/** A route parameter as Next decoded it, checked the same way. */
export function routeParam(value: string): string | null {
  return isCleanText(value) && value.length <= MAX_URL_CHARS ? value : null;
}

export type QueryShape = Record<string, z.ZodType<unknown, string>>;
export type ParsedQuery<S extends QueryShape> = { [K in keyof S]?: z.output<S[K]> };

export type QueryResult<S extends QueryShape> =
  { ok: true; value: ParsedQuery<S>; unknown: string[] } | { ok: false; status: 400; message: string };

/**
 * The query string of `url` (as sent) against `shape`: each known name at most once, its value parsed
 * by its schema; an empty value counts as absent. `ignored` names (the 字号 links' fs/hc) are read
 * elsewhere and pass through; other names are reported in `unknown` for the caller to drop (pages
 * redirect to their canonical URL) or refuse (the JSON API).
 */
export function parseQuery<S extends QueryShape>(
  url: string,
  shape: S,
  ignored: readonly string[] = [],
): QueryResult<S> {
  const problem = rawUrlProblem(url);
  if (problem) return { ok: false, ...problem };
  const query = url.split("#")[0]?.split("?").slice(1).join("?") ?? "";
  const seen = new Set<string>();
  const value: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const [rawName = "", ...rawValue] = pair.split("=");
    const name = decodeComponent(rawName, true) ?? "";
    const text = decodeComponent(rawValue.join("="), true) ?? "";
    if (seen.has(name)) return { ok: false, status: 400, message: paramText.duplicate(name) };
    seen.add(name);
    const schema = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (!schema) {
      if (!ignored.includes(name)) unknown.push(name);
      continue;
    }
    if (text === "") continue;
    const parsed = schema.safeParse(text);
    if (!parsed.success)
      return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? paramText.badValue(name) };
    value[name] = parsed.data;
  }
  return { ok: true, value: value as ParsedQuery<S>, unknown };
}

/**
 * The path and query of `url` as sent, without the `ignored` parameters: what is compared with a
 * page's canonical URL.
 */
export function requestTarget(url: string, ignored: readonly string[] = []): string {
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split("#")[0] ?? "";
  const [pathPart = "", ...queryParts] = withoutOrigin.split("?");
  const kept = queryParts
    .join("?")
    .split("&")
    .filter((pair) => pair && !ignored.includes(decodeComponent(pair.split("=")[0] ?? "", true) ?? ""));
  return kept.length ? `${pathPart}?${kept.join("&")}` : pathPart;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The parts of the 400 answer for a URL this site cannot read (the custom server writes them itself). */
export function badRequestParts(
  message: string,
  format: "html" | "json" = "html",
): { status: 400; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (format === "json") {
    return {
      status: 400,
      headers: { ...headers, "content-type": "application/json", "access-control-allow-origin": "*" },
      body: JSON.stringify({ error: { code: "BAD_REQUEST", message } }),
    };
  }
  const body = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>请求无效</title></head><body><main><h1>请求无效</h1><p>${escapeHtml(message)}</p><p><a href="/">返回首页</a></p></main></body></html>`;
  return { status: 400, headers: { ...headers, "content-type": "text/html; charset=utf-8" }, body };
}

/**
 * The 400 answer for a URL this site cannot read: a short Chinese page (or JSON for the API), built
 * without the database, never cached.
 */
export function badRequestResponse(message: string, format: "html" | "json" = "html"): Response {
  const parts = badRequestParts(message, format);
  return new Response(parts.body, { status: parts.status, headers: parts.headers });
}

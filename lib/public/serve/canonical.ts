import {
  badRequestResponse,
  parseQuery,
  requestTarget,
  routeParam,
  paramText,
  type ParsedQuery,
  type QueryResult,
  type QueryShape,
} from "@/lib/http/params";
import type { RequestLike } from "@/lib/http/request-like";
import { sentUrl } from "@/lib/http/request-target";
import { PREF_COOKIES } from "../render/prefs";
import { withQuery } from "@/lib/urls";

/**
 * Canonical URLs of the public pages. The page cache is keyed by canonical URL and keeps only
 * successful renders (lib/public/cache/page-cache.ts); a request that spells a page another way — an empty
 * or malformed cursor, a parameter twice, one the page does not know, `+` for `%20`, an encoded
 * letter in the path — is redirected to the one spelling (301) or refused (400), so no request can
 * put an answer under another URL's key.
 */

/** The 字号 / contrast links' parameters: read by lib/public/render/prefs.ts, kept across a redirect. */
export const PREF_PARAMS = [PREF_COOKIES.fontSize, PREF_COOKIES.contrast] as const;

export function publicQuery<S extends QueryShape>(request: RequestLike, shape: S): QueryResult<S> {
  return parseQuery(request.url, shape, PREF_PARAMS);
}

/**
 * `target` as a browser sends it after following a link to it: the URL parser percent-encodes some
 * characters encodeURIComponent leaves alone (`'` in a query). Comparing and keying by this form
 * keeps a redirect from ever pointing at a spelling that would be redirected again.
 */
export function asSent(target: string): string {
  const url = new URL(target, "http://localhost");
  return `${url.pathname}${url.search}`;
}

/** A 301 to `canonical` when the request spelled it otherwise; null when it is canonical. */
export function redirectToCanonical(request: RequestLike, canonical: string): Response | null {
  const sent = sentUrl(request);
  if (requestTarget(sent, PREF_PARAMS) === canonical) return null;
  let location = canonical;
  const params = new URL(sent).searchParams;
  for (const name of PREF_PARAMS) {
    const value = params.get(name);
    if (value === "s" || value === "m" || value === "l" || value === "0" || value === "1")
      location = withQuery(location, name, value);
  }
  return new Response(null, { status: 301, headers: { location, "cache-control": "public, max-age=3600" } });
}

export { badRequestResponse };

/** How article and column slugs are spelled; any other path segment is a 404 without a redirect. */
export const PUBLIC_SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

/** The cache key of a 404 answered for a URL that is not any page's spelling. */
export const NOT_FOUND_KEY = "404";

export type PublicRequest<S extends QueryShape> =
  { response: Response } | { response?: undefined; query: ParsedQuery<S>; key: string };

/**
 * Reads a public page request: its query against `shape` (400 for unreadable text, a parameter twice
 * or a bad value), then its canonical URL from what was read (301 when the request spelled it
 * otherwise). What is left is a canonical request: `key` is the page cache's key for it.
 */
export function readPublicRequest<S extends QueryShape>(
  request: RequestLike,
  shape: S,
  canonical: (query: ParsedQuery<S>) => string,
): PublicRequest<S> {
  const parsed = publicQuery(request, shape);
  if (!parsed.ok) return { response: badRequestResponse(parsed.message) };
  const key = asSent(canonical(parsed.value));
  const redirect = redirectToCanonical(request, key);
  return redirect ? { response: redirect } : { query: parsed.value, key };
}

/** A route parameter that must be clean text; the 400 answer otherwise. */
export function readRouteParam(
  value: string,
  format: "html" | "json" = "html",
): { value: string } | { response: Response } {
  const text = routeParam(value);
  return text === null ? { response: badRequestResponse(paramText.invalid, format) } : { value: text };
}

/**
 * A JSON API request: the same parser, but a parameter the endpoint does not know is refused (400)
 * rather than redirected, and the cache key is built from the parsed values, so every spelling of
 * one request shares one entry.
 */
export function readApiRequest<S extends QueryShape>(
  request: Request,
  shape: S,
  name: string,
): { response: Response } | { response?: undefined; query: ParsedQuery<S>; key: string } {
  const parsed = parseQuery(request.url, shape);
  if (!parsed.ok) return { response: badRequestResponse(parsed.message, "json") };
  const unknown = parsed.unknown[0];
  if (unknown !== undefined) return { response: badRequestResponse(paramText.unknown(unknown), "json") };
  const values = Object.keys(shape).map((field) => [field, parsed.value[field] ?? null]);
  return { query: parsed.value, key: `api:${name}:${JSON.stringify(values)}` };
}

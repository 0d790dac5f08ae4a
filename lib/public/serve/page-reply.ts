import type { CachedPage } from "../cache/page-cache";

/**
 * The HTTP answer for a cached page, built in one place for both ways a page leaves the process: the
 * route handlers (lib/public/serve/serve.ts, as a web Response) and the custom server's fast path
 * (lib/public/serve/fast-path.ts, written to Node's ServerResponse). Both must answer byte for byte alike.
 */

export interface PageRequest {
  ifNoneMatch: string | null | undefined;
  acceptEncoding: string | null | undefined;
}

export interface PageReply {
  status: number;
  headers: Record<string, string | string[]>;
  /** null for 304 Not Modified. */
  body: Buffer | null;
}

const GZIP_SUFFIX = "-gz";

/** Accept-Encoding values are few (one per browser family): each is parsed once. */
const gzipByHeader = new Map<string, boolean>();

export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  const header = acceptEncoding ?? "";
  let accepted = gzipByHeader.get(header);
  if (accepted === undefined) {
    accepted = parseAcceptsGzip(header);
    if (gzipByHeader.size >= 256) gzipByHeader.clear();
    gzipByHeader.set(header, accepted);
  }
  return accepted;
}

function parseAcceptsGzip(acceptEncoding: string): boolean {
  return acceptEncoding.split(",").some((part) => {
    const [coding, ...params] = part.split(";").map((token) => token.trim().toLowerCase());
    if (coding !== "gzip") return false;
    const quality = params.find((param) => param.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

export function pageReply(
  page: CachedPage,
  request: PageRequest,
  options: { setCookies?: string[]; perReader?: boolean } = {},
): PageReply {
  // A page kept without a gzip (lib/public/cache/page-cache.ts LAZY_GZIP_MIN_BYTES) is one representation.
  const gzipped = acceptsGzip(request.acceptEncoding) ? page.gzip : null;
  const gzip = gzipped !== null;
  // Each content-coding is its own representation, so it gets its own strong validator.
  const etag = gzip ? `${page.etag.slice(0, -1)}${GZIP_SUFFIX}"` : page.etag;
  const headers: Record<string, string | string[]> = {
    "content-type": page.contentType,
    etag,
    // Browsers and proxies revalidate with the ETag; a publish changes it at once.
    "cache-control": "public, max-age=0, must-revalidate",
    vary: options.perReader ? "Cookie, Accept-Encoding" : "Accept-Encoding",
    ...page.headers,
  };
  if (options.setCookies?.length) headers["set-cookie"] = options.setCookies;
  const matches = request.ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
  if (matches && page.status === 200) return { status: 304, headers, body: null };
  const body = gzipped ?? page.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  return { status: page.status, headers, body };
}

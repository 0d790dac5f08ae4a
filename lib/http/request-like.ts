import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { headerValue, type HeaderLookup } from "./stamped-header";

/**
 * What the public routes read of a request: its URL and its headers by name. A web Request is one;
 * the custom server's fast path hands a route it calls directly (lib/public/serve/direct-routes.ts) a
 * lighter one, because building a web Request — its Headers copy, its AbortSignal, undici's checks —
 * cost more per uncached search than the search's own ranking.
 */
export interface RequestLike {
  readonly url: string;
  readonly headers: HeaderLookup;
}

/** A Node request's headers read as a web Headers reads them (names lower-case, repeated values joined). */
class IncomingHeaders implements HeaderLookup {
  constructor(private readonly headers: IncomingHttpHeaders) {}

  get(name: string): string | null {
    return headerValue(this.headers, name.toLowerCase());
  }
}

/**
 * A Node request as a RequestLike: `url` is the target resolved against the site's URL by the URL
 * parser, as a web Request's is (a character such as ' in a query comes percent-encoded).
 */
export function requestLike(request: IncomingMessage, target: string, siteUrl: string): RequestLike {
  return { url: new URL(target, siteUrl).href, headers: new IncomingHeaders(request.headers) };
}

/**
 * Cross-site request forgery guard for mutating route handlers. Next checks the Origin of server
 * actions itself, but not of route handlers: a page on another site could otherwise make a signed-in
 * editor's browser POST an upload with the editor's cookies. A browser always sends Origin on a
 * POST, and Sec-Fetch-Site is set by the browser and cannot be forged by a page's script; a request
 * carrying neither is not from a browser page of this site, and is refused too.
 */
export function isSameOriginRequest(request: Request, siteUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null && origin === new URL(siteUrl).origin) return true;
  return request.headers.get("sec-fetch-site") === "same-origin";
}

/** What a refused cross-site request is told (route handlers answer it with 403). */
export const FOREIGN_ORIGIN_MESSAGE = "请求来源不被允许，请在本站页面内操作";

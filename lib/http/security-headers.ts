/**
 * Security headers, in one place: `proxy.ts` sets them on every response Next answers, and the
 * public fast path (lib/public/serve/fast-path.ts) on the cached pages it answers before Next is involved.
 * No `server-only` here: the fast path runs in the custom server, outside Next's bundle.
 */

/** Public pages are plain HTML with no inline script, so their CSP is static and needs no nonce. */
export const PUBLIC_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

export function securityHeaders(options: { csp: string; admin: boolean; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": options.csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": options.admin ? "DENY" : "SAMEORIGIN",
    ...(options.admin ? { "Cache-Control": "private, no-store" } : {}),
    // Only over HTTPS: HSTS sent over plain HTTP is ignored, and on a test box it would stick.
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Behind a proxy the first X-Forwarded-Proto decides; otherwise the request's scheme or SITE_URL's. */
export function arrivedOverHttps(
  forwardedProto: string | null | undefined,
  requestIsHttps: boolean,
  siteUrl: string,
): boolean {
  const forwarded = forwardedProto?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return requestIsHttps || siteUrl.startsWith("https://");
}

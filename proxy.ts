import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { badRequestResponse, rawUrlProblem } from "@/lib/http/params";
import { arrivedOverHttps, PUBLIC_CSP, securityHeaders } from "@/lib/http/security-headers";

/**
 * Security headers on every response, and a cheap first gate for the admin.
 *
 * - Admin pages are React with hydration: their CSP allows scripts only by a per-request nonce
 *   (Next reads it from the request's CSP header and stamps it on its own scripts); 'strict-dynamic'
 *   lets those load the chunks they need. Styles: see ADMIN_STYLE_SRC.
 * - The gate only looks for the session cookie; `getCurrentUser()` makes the real decision.
 */

const LOGIN_PATH = "/admin/login";
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

// 'unsafe-inline' for styles only: React 19 and Radix (react-remove-scroll) and sonner insert
// <style> elements at run time without a nonce, and Next renders style attributes. A nonce in
// style-src would make browsers ignore 'unsafe-inline' and break them. Scripts stay nonce-only.
const ADMIN_STYLE_SRC = "'self' 'unsafe-inline'";

function adminCsp(nonce: string, https: boolean): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React uses eval only in development, for error stacks (Next's CSP guide).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src ${ADMIN_STYLE_SRC}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

function requestArrivedOverHttps(request: NextRequest): boolean {
  return arrivedOverHttps(
    request.headers.get("x-forwarded-proto"),
    request.nextUrl.protocol === "https:",
    env().SITE_URL,
  );
}

function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

function withSecurityHeaders(response: NextResponse, csp: string, admin: boolean, https: boolean): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders({ csp, admin, https }))) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const https = requestArrivedOverHttps(request);

  // A URL that is not text (a NUL byte, a broken percent-encoding …) never reaches a page or PostgreSQL.
  const problem = rawUrlProblem(request.url);
  if (problem) {
    const refused = badRequestResponse(problem.message, pathname.startsWith("/api/") ? "json" : "html");
    return withSecurityHeaders(
      new NextResponse(refused.body, { status: refused.status, headers: refused.headers }),
      PUBLIC_CSP,
      false,
      https,
    );
  }

  if (!isAdminPath(pathname)) return withSecurityHeaders(NextResponse.next(), PUBLIC_CSP, false, https);

  const nonce = newNonce();
  const csp = adminCsp(nonce, https);
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const isLogin = pathname === LOGIN_PATH || pathname.startsWith(`${LOGIN_PATH}/`);
  if (!signedIn && !isLogin) {
    const login = new URL(LOGIN_PATH, request.url);
    if (pathname !== "/admin") login.searchParams.set("next", pathname);
    return withSecurityHeaders(NextResponse.redirect(login), csp, true, https);
  }

  // Next takes the nonce for its own scripts from the request's CSP header; pages may read x-nonce.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, true, https);
}

export const config = {
  // Everything but the build's immutable static files (they carry no user data and are served by
  // Next with their own headers; a CDN or nginx serves them in production), and the photo upload:
  // Next buffers a request body for the proxy and cuts it off at 10 MB (proxyClientMaxBodySize),
  // which would truncate a 20 MB photo, and the upload route enforces its own limit while streaming.
  // Its JSON answers set their own no-store / nosniff headers (lib/http/json-error.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/media$).*)"],
};

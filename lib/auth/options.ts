import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";
import { attemptLogin } from "./login";
import { authPolicy } from "./policy";

export const LOGIN_PATH = "/admin/login";

/** Whether cookies carry `Secure` (and the `__Secure-` / `__Host-` prefixes): the site is served over HTTPS. */
export function secureCookies(): boolean {
  return env().SITE_URL.startsWith("https://");
}

/** next-auth's session cookie name, as it derives it (core/lib/cookie.js). */
export function sessionCookieName(secure = secureCookies()): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

let cached: AuthOptions | undefined;

/**
 * next-auth v4 with the credentials provider, which only works with JWT sessions: the JWT carries
 * nothing but the Session row id and the user id, and `getCurrentUser` checks that row on every
 * request (revocation, idle and absolute timeouts). Built on first use so that importing this module
 * at build time reads no configuration.
 */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const config = env();
  // next-auth v4 takes its own origin from NEXTAUTH_URL (utils/detect-origin.js); SITE_URL is ours.
  process.env.NEXTAUTH_URL ??= config.SITE_URL;
  cached = {
    secret: config.AUTH_SECRET,
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge: authPolicy.session.absoluteHours * 60 * 60 },
    pages: { signIn: LOGIN_PATH, error: LOGIN_PATH },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { username: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, request) {
          const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
          // Loaded here, not at the top: lib/db connects on import, and `next build` loads this module.
          const { db } = await import("@/lib/db");
          const result = await attemptLogin(db, {
            username: String(credentials?.username ?? ""),
            password: String(credentials?.password ?? ""),
            code: String(credentials?.code ?? ""),
            ip: clientIp(headers),
            userAgent: headers["user-agent"] ?? null,
          });
          // The code (never a message with user data) reaches the login form as `error`.
          if (!result.ok) throw new Error(result.code);
          return { id: result.userId, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) return { sub: user.id, sid: user.sessionId };
        return { sub: token.sub, sid: token.sid };
      },
      session({ session, token }) {
        return { expires: session.expires, sid: token.sid, uid: token.sub };
      },
    },
    logger: {
      // next-auth's default logger prints whole error objects; keep credentials out of the logs.
      error(code) {
        console.error(`[next-auth] ${code}`);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
  return cached;
}

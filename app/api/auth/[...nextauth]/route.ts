import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { endCurrentSession } from "@/lib/auth/logout";
import { authOptions } from "@/lib/auth/options";
import { guardedRoute } from "@/lib/actions/guarded-route";
import { FOREIGN_ORIGIN_MESSAGE } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per call (cached) so that `next build` reads no secrets when it loads this module.
function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

/**
 * next-auth's POSTs (sign-in, sign-out) pass the same-origin check like every other mutating route,
 * on top of next-auth's own CSRF token. Its sign-out only clears the cookie; the server session
 * would stay valid for whoever kept a copy, so it is ended here first, as 退出登录 ends it.
 */
const post = guardedRoute<Context>({
  action: "auth.login",
  anonymous: true,
  foreignOrigin: () =>
    new Response(FOREIGN_ORIGIN_MESSAGE, {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    }),
  run: async (request, context) => {
    const { nextauth } = await context.params;
    if (nextauth[0] === "signout") await endCurrentSession();
    return handler(request as NextRequest, context);
  },
});

export { handler as GET, post as POST };

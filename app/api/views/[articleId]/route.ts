import { guardedRoute } from "@/lib/actions/guarded-route";
import { clientIp } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { viewCounter } from "@/lib/views/counter";

/**
 * The reading-count beacon of public article pages: `<img src="/api/views/<id>">` (works without
 * JavaScript; the public CSP allows images from self) or `navigator.sendBeacon` (POST). No cookie is
 * read or set; the answer is the same whatever happened, so it reveals nothing. GET writes a count: the
 * one GET handler that changes anything, on purpose (a page without JavaScript can only load an
 * image), listed in GET_WRITES_ALLOWED (tests/unit/permissions-matrix.test.ts); what it writes is
 * one anonymous +1 per client address and 30 minutes. The POST is counted only from the site's own pages.
 */

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The smallest transparent GIF.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const NO_STORE = { "Cache-Control": "no-store, max-age=0", "X-Robots-Tag": "noindex" };

async function count(request: Request, articleId: string): Promise<void> {
  if (!UUID.test(articleId)) return;
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""}`;
  await viewCounter().record(db, {
    articleId: articleId.toLowerCase(),
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
    prefetch: /prefetch|prerender/i.test(purpose),
  });
}

export async function GET(request: Request, { params }: { params: Promise<{ articleId: string }> }): Promise<Response> {
  await count(request, (await params).articleId);
  return new Response(new Uint8Array(PIXEL), { headers: { ...NO_STORE, "Content-Type": "image/gif" } });
}

const noContent = () => new Response(null, { status: 204, headers: NO_STORE });

/** `sendBeacon`: counted only from the site's own pages; the answer is the same either way. */
export const POST = guardedRoute<{ params: Promise<{ articleId: string }> }>({
  action: "views.record",
  anonymous: true,
  foreignOrigin: noContent,
  run: async (request, { params }) => {
    await count(request, (await params).articleId);
    return noContent();
  },
});

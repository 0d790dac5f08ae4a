import { db } from "@/lib/db";
import { articleJson } from "@/lib/public/api";
import { serveShared } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await context.params;
  return serveShared(request, `api:article:${slug}`, () => articleJson(db, slug));
}

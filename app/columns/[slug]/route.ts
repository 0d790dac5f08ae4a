import { db } from "@/lib/db";
import { renderColumn } from "@/lib/public/pages";
import { servePage } from "@/lib/public/serve";
import { publicUrls } from "@/lib/public/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await context.params;
  const before = new URL(request.url).searchParams.get("before");
  return servePage(request, publicUrls.columnPage(slug, before ?? undefined), (prefs) => renderColumn(db, slug, before, prefs));
}

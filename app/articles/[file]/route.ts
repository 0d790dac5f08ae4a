import { db } from "@/lib/db";
import { renderArticle, renderNotFound } from "@/lib/public/pages";
import { servePage } from "@/lib/public/serve";
import { publicUrls } from "@/lib/public/urls";

export const dynamic = "force-dynamic";

const ARTICLE_FILE = /^([a-z0-9][a-z0-9-]{0,119})\.html$/;

export async function GET(request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await context.params;
  const slug = ARTICLE_FILE.exec(file)?.[1];
  if (!slug) return servePage(request, "404", (prefs) => renderNotFound(db, prefs, new URL(request.url).pathname));
  return servePage(request, publicUrls.article(slug), (prefs) => renderArticle(db, slug, prefs));
}

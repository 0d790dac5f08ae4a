import { HomePage } from "@/components/public/HomePage";
import { latestPublished } from "@/lib/articles/public-queries";
import { siteInfo } from "@/lib/public/site";
import { htmlResponse, renderDocument } from "@/lib/public/html-response";

// Rendered per request for now; the publish-time cache of the public-site issue replaces this.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const [site, articles] = await Promise.all([siteInfo(), latestPublished(30)]);
  return htmlResponse(renderDocument(HomePage({ site, articles })));
}

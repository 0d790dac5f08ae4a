import { db } from "@/lib/db";
import { renderHome } from "@/lib/public/pages";
import { servePage } from "@/lib/public/serve";
import { publicUrls } from "@/lib/public/urls";

// Served from the page cache, which publishing invalidates (lib/public/publication-events.ts).
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return servePage(request, publicUrls.home(), (prefs) => renderHome(db, prefs));
}

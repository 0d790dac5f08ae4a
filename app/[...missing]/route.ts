import { db } from "@/lib/db";
import { badRequestResponse, rawUrlProblem } from "@/lib/http/params";
import { oldUrlTarget } from "@/lib/import/redirects";
import { NOT_FOUND_KEY } from "@/lib/public/serve/canonical";
import { renderNotFound } from "@/lib/public/render/pages";
import { publicReader } from "@/lib/public/data/read-replica";
import { servePage } from "@/lib/public/serve/serve";

// Every URL no other route or file answers: an imported article's old address (301, lib/import/redirects.ts),
// else a Chinese 404 page with a search box, one cache entry for all.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const problem = rawUrlProblem(request.url);
  if (problem) return badRequestResponse(problem.message);
  const moved = await oldUrlTarget(db, request.url);
  if (moved)
    return new Response(null, { status: 301, headers: { location: moved, "cache-control": "public, max-age=3600" } });
  return servePage(request, NOT_FOUND_KEY, async (prefs) => renderNotFound(await publicReader(), prefs, "/404.html"));
}

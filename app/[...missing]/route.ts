import { badRequestResponse, rawUrlProblem } from "@/lib/http/params";
import { NOT_FOUND_KEY } from "@/lib/public/canonical";
import { renderNotFound } from "@/lib/public/pages";
import { publicReader } from "@/lib/public/read-replica";
import { servePage } from "@/lib/public/serve";

// Every URL no other route or file answers: a Chinese 404 page with a search box, one cache entry for all.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const problem = rawUrlProblem(request.url);
  if (problem) return badRequestResponse(problem.message);
  return servePage(request, NOT_FOUND_KEY, async (prefs) => renderNotFound(await publicReader(), prefs, "/404.html"));
}

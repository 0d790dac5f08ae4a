import { db } from "@/lib/db";
import { renderNotFound } from "@/lib/public/pages";
import { servePage } from "@/lib/public/serve";

// Every URL no other route or file answers: a Chinese 404 page with a search box.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return servePage(request, "404", (prefs) => renderNotFound(db, prefs, "/404.html"));
}

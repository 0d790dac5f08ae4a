import { env } from "@/lib/env";
import { openApiDocument } from "@/lib/public/render/openapi";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(env().SITE_URL), { headers: { "access-control-allow-origin": "*" } });
}

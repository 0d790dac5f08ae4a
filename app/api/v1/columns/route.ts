import { db } from "@/lib/db";
import { columnsJson } from "@/lib/public/api";
import { serveShared } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return serveShared(request, "api:columns", () => columnsJson(db));
}

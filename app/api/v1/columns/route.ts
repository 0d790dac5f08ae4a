import { columnsJson } from "@/lib/public/render/api";
import { readApiRequest } from "@/lib/public/serve/canonical";
import { publicReader } from "@/lib/public/data/read-replica";
import { serveApi } from "@/lib/public/serve/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readApiRequest(request, {}, "columns");
  if (read.response) return read.response;
  return serveApi(request, read.key, async () => columnsJson(await publicReader()));
}

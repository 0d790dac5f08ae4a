import { columnsJson } from "@/lib/public/api";
import { readApiRequest } from "@/lib/public/canonical";
import { publicReader } from "@/lib/public/read-replica";
import { serveShared } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readApiRequest(request, {}, "columns");
  if (read.response) return read.response;
  return serveShared(request, read.key, async () => columnsJson(await publicReader()));
}

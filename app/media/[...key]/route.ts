import { contentTypeOfKey, isValidStorageKey, mediaStorage } from "@/lib/media/storage";

/** Serves stored photos. Keys are content-addressed, so a URL's bytes never change: cache for a year. */
export async function GET(_request: Request, context: { params: Promise<{ key: string[] }> }): Promise<Response> {
  const key = (await context.params).key.join("/");
  if (!isValidStorageKey(key)) return new Response("Not Found", { status: 404 });
  const data = await mediaStorage().get(key);
  if (!data) return new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": contentTypeOfKey(key),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}

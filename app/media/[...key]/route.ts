import { isValidStorageKey, mediaStorage } from "@/lib/media/storage";

const CONTENT_TYPES: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" };

/** Serves stored photos. Keys are content-addressed, so a URL's bytes never change: cache for a year. */
export async function GET(_request: Request, context: { params: Promise<{ key: string[] }> }): Promise<Response> {
  const key = (await context.params).key.join("/");
  if (!isValidStorageKey(key)) return new Response("Not Found", { status: 404 });
  const data = await mediaStorage().get(key);
  if (!data) return new Response("Not Found", { status: 404 });
  const extension = key.slice(key.lastIndexOf(".") + 1);
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}

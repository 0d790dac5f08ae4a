import { getCurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { isPublicPhoto, PUBLIC_PHOTO_CACHE_CONTROL, STAFF_PHOTO_CACHE_CONTROL } from "@/lib/media/public-access";
import { contentTypeOfKey, isValidStorageKey, mediaStorage } from "@/lib/media/storage";

const notFound = () => new Response("Not Found", { status: 404, headers: { "cache-control": "no-store" } });

/**
 * Serves stored photos: to everyone while a live article or the site shows them, otherwise only to
 * signed-in staff (the admin shows drafts' and withdrawn articles' photos). Keys are content-addressed,
 * so the key is the ETag; the cache lifetime is short so that a withdrawal can end it (lib/media/public-access.ts).
 */
export async function GET(request: Request, context: { params: Promise<{ key: string[] }> }): Promise<Response> {
  const key = (await context.params).key.join("/");
  if (!isValidStorageKey(key)) return notFound();
  const isPublic = await isPublicPhoto(db, key);
  if (!isPublic && !(await getCurrentUser())) return notFound();
  const etag = `"${key}"`;
  const headers = {
    "cache-control": isPublic ? PUBLIC_PHOTO_CACHE_CONTROL : STAFF_PHOTO_CACHE_CONTROL,
    etag,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const data = await mediaStorage().get(key);
  if (!data) return notFound();
  return new Response(new Uint8Array(data), { headers: { ...headers, "content-type": contentTypeOfKey(key) } });
}

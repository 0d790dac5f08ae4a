import { guardedRoute } from "@/lib/actions/guarded-route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appErrorResponse, jsonResponse } from "@/lib/http/json-error";
import { uploadMedia } from "@/lib/media/commands";
import { mediaText } from "@/lib/media/messages";
import { listMedia, toMediaItem } from "@/lib/media/queries";
import { mediaListQuerySchema, mediaUploadSchema } from "@/lib/media/schemas";
import { mediaStorage } from "@/lib/media/storage";
import { readUploadRequest } from "@/lib/media/upload-request";
import { authorize } from "@/lib/permissions";

// HTTP is the contract here (XHR upload with progress, the picker's search), so these are route
// handlers rather than server actions. POST is a guardedRoute (same origin, then "media.upload").
export const dynamic = "force-dynamic";

/** The library for the editor's picker: `?q=` search, `?cursor=` next page. */
export async function GET(request: Request): Promise<Response> {
  try {
    await authorize("media.list");
    const params = new URL(request.url).searchParams;
    const query = mediaListQuerySchema.parse({
      q: params.get("q") ?? undefined,
      cursor: params.get("cursor") ?? undefined,
    });
    return jsonResponse(await listMedia(db, query));
  } catch (error) {
    return appErrorResponse(error);
  }
}

/**
 * Upload: multipart `file` + `alt` (may be empty: mediaUploadSchema), `caption`, `credit`. Answers `{ media, created }`
 * (201 new, 200 when the same photo was already in the library) or `{ error, field }` with
 * 400 / 401 / 403 / 413.
 */
export const POST = guardedRoute({
  action: "media.upload",
  foreignOrigin: () => appErrorResponse(new AppError("FORBIDDEN", mediaText.errors.foreignOrigin)),
  // Authorized before the body is read: an anonymous or unauthorised caller does not get to send 20 MB.
  run: async (request, _context, actor) => {
    const config = env();
    const upload = await readUploadRequest(request, config.UPLOAD_MAX_BYTES);
    const parsed = mediaUploadSchema.safeParse(upload.fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        "VALIDATION",
        issue?.message ?? mediaText.validation.formHasErrors,
        String(issue?.path[0] ?? "file"),
      );
    }
    const { media, created } = await uploadMedia(db, mediaStorage(), actor, upload.file, upload.fileName, parsed.data, {
      maxBytes: config.UPLOAD_MAX_BYTES,
    });
    const uploaderName = media.uploaderId === actor.id ? actor.displayName : "";
    return jsonResponse(
      { media: toMediaItem({ ...media, uploader: { displayName: uploaderName } }), created },
      created ? 201 : 200,
    );
  },
});

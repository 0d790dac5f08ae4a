"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidMediaState, refusedMediaState } from "@/lib/media/action-state";
import { deleteMedia, updateMediaDetails } from "@/lib/media/commands";
import type { MediaFormState } from "@/lib/media/form-state";
import { mediaText } from "@/lib/media/messages";
import { mediaFormValues, mediaIdSchema, updateMediaSchema } from "@/lib/media/schemas";
import { mediaStorage } from "@/lib/media/storage";
import { authorize } from "@/lib/permissions";

// Thin wrappers: parse → authorize → lib/media command (transaction + audit) → revalidate.
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts); the matrix test checks it.
// Uploads are not here: they go through POST /api/media, which reports progress.

function refreshLibrary() {
  revalidatePath("/admin/media");
}

export async function updateMediaAction(_previous: MediaFormState, formData: FormData): Promise<MediaFormState> {
  const values = mediaFormValues(formData, ["mediaId", "alt", "caption", "credit"]);
  const parsed = updateMediaSchema.safeParse(values);
  if (!parsed.success) return invalidMediaState(parsed.error, values);
  try {
    const actor = await authorize("media.update");
    await updateMediaDetails(db, actor, parsed.data);
    refreshLibrary();
    return { status: "ok", message: mediaText.library.saved, values, at: Date.now() };
  } catch (error) {
    return refusedMediaState(error, values);
  }
}

export async function deleteMediaAction(_previous: MediaFormState, formData: FormData): Promise<MediaFormState> {
  const values = mediaFormValues(formData, ["mediaId"]);
  const parsed = mediaIdSchema.safeParse(values);
  if (!parsed.success) return invalidMediaState(parsed.error, values);
  try {
    // Signed in and an editor at all, before the photo's existence is revealed; then the owner rule.
    await authorize("media.list");
    const photo = await db.media.findUnique({ where: { id: parsed.data.mediaId }, select: { uploaderId: true } });
    if (!photo) throw new AppError("NOT_FOUND", mediaText.errors.notFound);
    const actor = await authorize("media.delete", { ownerId: photo.uploaderId });
    await deleteMedia(db, mediaStorage(), actor, parsed.data.mediaId);
    refreshLibrary();
    return { status: "ok", message: mediaText.library.deleted, values, at: Date.now() };
  } catch (error) {
    return refusedMediaState(error, values);
  }
}

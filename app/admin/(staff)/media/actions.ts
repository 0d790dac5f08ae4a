"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { authorize } from "@/lib/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidMediaState, refusedMediaState } from "@/lib/media/action-state";
import { deleteMedia, updateMediaDetails } from "@/lib/media/commands";
import type { MediaFormState } from "@/lib/media/form-state";
import { mediaText } from "@/lib/media/messages";
import { mediaFormValues, mediaIdSchema, updateMediaSchema } from "@/lib/media/schemas";
import { mediaStorage } from "@/lib/media/storage";

// Each export is a guardedAction: parse → authorize → lib/media command (transaction + audit) →
// revalidate, with the values typed in every answer. Uploads are not here: they go through
// POST /api/media, which reports progress.

function refreshLibrary() {
  revalidatePath("/admin/media");
}

function library(fields: string[]) {
  const values = (formData: FormData) => mediaFormValues(formData, fields);
  return {
    input: values,
    invalid: (error: Parameters<typeof invalidMediaState>[0], formData: FormData) =>
      invalidMediaState(error, values(formData)),
    refused: (error: unknown, formData: FormData) => refusedMediaState(error, values(formData)),
    refresh: refreshLibrary,
    values,
  };
}

const details = library(["mediaId", "alt", "caption", "credit"]);

export const updateMediaAction = guardedAction({
  action: "media.update",
  schema: updateMediaSchema,
  ...details,
  run: async (input, actor, formData): Promise<MediaFormState> => {
    await updateMediaDetails(db, actor, input);
    return { status: "ok", message: mediaText.library.saved, values: details.values(formData), at: Date.now() };
  },
});

const photo = library(["mediaId"]);

export const deleteMediaAction = guardedAction({
  action: "media.delete",
  schema: mediaIdSchema,
  ...photo,
  resource: async (input) => {
    // Signed in and an editor at all, before the photo's existence is revealed; then the owner rule.
    await authorize("media.list");
    const found = await db.media.findUnique({ where: { id: input.mediaId }, select: { uploaderId: true } });
    if (!found) throw new AppError("NOT_FOUND", mediaText.errors.notFound);
    return { ownerId: found.uploaderId };
  },
  run: async (input, actor, formData): Promise<MediaFormState> => {
    await deleteMedia(db, mediaStorage(), actor, input.mediaId);
    return { status: "ok", message: mediaText.library.deleted, values: photo.values(formData), at: Date.now() };
  },
});

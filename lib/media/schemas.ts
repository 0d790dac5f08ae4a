import { z } from "zod";
import { cleanText } from "@/lib/http/params";
import { mediaText } from "./messages";

/**
 * What staff type about a photo. lib/media/save.ts checks the same limits again, so a photo created
 * by another path (seed, import) obeys them too.
 */
const v = mediaText.validation;
const chars = (text: string) => [...text].length;

export const mediaDetailsSchema = z.object({
  alt: z
    .string({ error: v.altRequired })
    .trim()
    .min(1, { error: v.altRequired })
    .refine((alt) => chars(alt) <= 300, { error: v.altTooLong }),
  caption: z
    .string()
    .trim()
    .refine((caption) => chars(caption) <= 300, { error: v.captionTooLong })
    .default(""),
  credit: z
    .string()
    .trim()
    .refine((credit) => chars(credit) <= 100, { error: v.creditTooLong })
    .default(""),
});

export type MediaDetailsInput = z.infer<typeof mediaDetailsSchema>;

/**
 * POST /api/media: alt text may still be empty. A photo dropped or pasted straight into an article
 * body is uploaded before anyone could describe it; its figure carries the alt text, which the body
 * schema requires before the article is saved, and the library marks the photo 缺少替代文本 until
 * someone describes it there. The library's own uploader and every edit still require it.
 */
export const mediaUploadSchema = mediaDetailsSchema.extend({
  alt: z
    .string()
    .trim()
    .refine((alt) => chars(alt) <= 300, { error: v.altTooLong })
    .default(""),
});

export const mediaIdSchema = z.object({ mediaId: z.uuid({ error: mediaText.errors.notFound }) });

export const updateMediaSchema = mediaIdSchema.extend(mediaDetailsSchema.shape);
export type UpdateMediaInput = z.infer<typeof updateMediaSchema>;

/** The media list's query string: a search and an opaque keyset cursor. */
export const mediaListQuerySchema = z.object({
  q: cleanText(400)
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  cursor: cleanText(200).optional().catch(undefined),
});
export type MediaListQuery = z.infer<typeof mediaListQuerySchema>;

/** Text form fields as strings; a missing field is "" so zod reports it as empty, not as a type error. */
export function mediaFormValues(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(formData.get(name) ?? "")]));
}

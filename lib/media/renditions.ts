import { z } from "zod";
import { IMAGE_FORMATS } from "./formats";
import { isValidStorageKey } from "./storage";

/** One stored rendition of a photo, as kept in `Media.renditions`. */
export const renditionSchema = z.object({
  width: z.number().int().positive(),
  format: z.enum(IMAGE_FORMATS),
  key: z.string().refine(isValidStorageKey),
  bytes: z.number().int().nonnegative(),
});

export type Rendition = z.infer<typeof renditionSchema>;

const renditionsSchema = z.array(renditionSchema);

/**
 * Reads `Media.renditions`. A row whose renditions cannot be read still has its full-size file, so
 * this yields no renditions rather than failing the page that shows the photo.
 */
export function parseRenditions(json: unknown): Rendition[] {
  const parsed = renditionsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}

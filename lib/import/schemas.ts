import { z } from "zod";
import { importText } from "./messages";

/** The batch options staff choose (admin form, CLI flags), validated at every boundary. */

const selector = z.string().trim().max(500).default("");

/** CSS selector lists of the HTML reader; an empty one falls back to the preset's. */
export const htmlSelectorsSchema = z
  .object({
    title: selector,
    source: selector,
    date: selector,
    body: selector,
    byline: selector,
    column: selector,
    /** Removed from the body before conversion (share buttons, 字号 switch, QR code …). */
    remove: selector,
  })
  .strict();

export type HtmlSelectors = z.infer<typeof htmlSelectorsSchema>;

export const importOptionsSchema = z
  .object({
    preset: z.enum(["seed"]).default("seed"),
    selectors: htmlSelectorsSchema.partial().default({}),
    /** The old site's address, when the mirror folder does not start with the host name. */
    baseUrl: z.string().trim().max(500).default(""),
  })
  .strict();

export type ImportOptions = z.infer<typeof importOptionsSchema>;

export const importFormatSchema = z.enum(["WXR", "HTML", "FEED"]);

export const decisionSchema = z
  .object({
    batchId: z.guid({ message: importText.errors.invalidRequest }),
    comment: z.string().trim().max(500, { message: importText.errors.commentTooLong }).default(""),
  })
  .strict();

/** What a prepared item keeps for publication (ImportItem.data). */
export const preparedItemSchema = z.object({
  title: z.string(),
  seriesMark: z.string(),
  source: z.string(),
  byline: z.string(),
  summary: z.string(),
  publishedAt: z.string().nullable(),
  oldUrl: z.string(),
  body: z.unknown(),
  coverId: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Photos imported without alt text, for staff to describe in the library. */
  missingAlt: z.array(z.object({ mediaId: z.string(), src: z.string() })),
  photos: z.number().int(),
});

export type PreparedItem = z.infer<typeof preparedItemSchema>;

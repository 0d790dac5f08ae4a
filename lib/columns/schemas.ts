import { z } from "zod";
import { columnsText } from "./messages";
import { UPDATE_CATEGORIES } from "./update-category";

const v = columnsText.validation;

/** Lower-case ASCII words joined by single hyphens: survives every URL, copy and paste. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Paths the public site or the app uses itself, or that readers would mistake for one. A column
 * called "admin" would shadow nothing today, but would confuse every reader and firewall rule.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "admin",
  "api",
  "assets",
  "static",
  "media",
  "uploads",
  "columns",
  "column",
  "articles",
  "article",
  "search",
  "feed",
  "feeds",
  "rss",
  "atom",
  "sitemap",
  "robots",
  "favicon",
  "login",
  "logout",
  "index",
  "home",
  "new",
  "edit",
  "preview",
  "health",
  "_next",
  "www",
]);

export const slugSchema = z
  .string({ error: v.slugInvalid })
  .trim()
  .max(64, v.slugInvalid)
  .regex(SLUG_PATTERN, v.slugInvalid)
  .refine((slug) => !RESERVED_SLUGS.has(slug), { error: (issue) => v.slugReserved(String(issue.input)) });

const uuid = z.guid({ error: v.invalidRequest });
const optionalParent = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(uuid.nullable());

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal(""), z.literal("false"), z.undefined()])
  .transform((value) => value === "on" || value === "true" || value === "1");

const columnFields = {
  name: z.string({ error: v.nameRequired }).trim().min(1, v.nameRequired).max(50, v.nameTooLong),
  slug: slugSchema,
  parentId: optionalParent,
  description: z.string().trim().max(500, v.descriptionTooLong).default(""),
  seriesMark: z
    .string()
    .trim()
    .max(20, v.seriesMarkTooLong)
    .refine((mark) => mark === "" || /^【[^【】]+】$/.test(mark), v.seriesMarkFormat)
    .default(""),
  reviewLevels: z.coerce
    .number({ error: v.reviewLevels })
    .int(v.reviewLevels)
    .min(1, v.reviewLevels)
    .max(3, v.reviewLevels),
  listStyle: z.enum(["NEWS_LIST", "PROFILE_GRID"], { error: v.listStyle }),
  // "" or absent = by list style (defaultUpdateCategory), resolved by the command.
  updateCategory: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.enum(UPDATE_CATEGORIES, { error: v.updateCategory }).nullable(),
  ),
  hidden: checkbox.default(false),
};

export const createColumnSchema = z.object(columnFields);
export const updateColumnSchema = z.object({ columnId: uuid, ...columnFields });
export const columnIdSchema = z.object({ columnId: uuid });
export const reorderColumnSchema = z.object({
  columnId: uuid,
  direction: z.enum(["up", "down"], { error: v.invalidRequest }),
});
export const moveArticlesSchema = z
  .object({ columnId: uuid, targetColumnId: z.string({ error: v.targetRequired }).min(1, v.targetRequired).pipe(uuid) })
  .refine((value) => value.columnId !== value.targetColumnId, {
    path: ["targetColumnId"],
    message: columnsText.errors.sameTarget,
  });

/** `updateCategory` null or absent: by list style on create, unchanged on update (unless the list style changes). */
type OptionalCategory<T> = Omit<T, "updateCategory"> & { updateCategory?: (typeof UPDATE_CATEGORIES)[number] | null };
export type CreateColumnInput = OptionalCategory<z.output<typeof createColumnSchema>>;
export type UpdateColumnInput = OptionalCategory<z.output<typeof updateColumnSchema>>;
export type MoveArticlesInput = z.output<typeof moveArticlesSchema>;

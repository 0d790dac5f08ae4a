import { z } from "zod";
import { bodySchema } from "./body/schema";
import { articlesText } from "./messages";

const v = articlesText.validation;

const id = z.guid({ error: v.invalidRequest });
const optionalId = z.preprocess((value) => (value === "" || value === undefined ? null : value), id.nullable());
const text = (max: number, message: string) =>
  z.string({ error: v.invalidRequest }).trim().max(max, { error: message });

/** The article's own fields, as the form sends them. */
export const articleFieldsSchema = z.object({
  title: z
    .string({ error: v.titleRequired })
    .trim()
    .min(1, { error: v.titleRequired })
    .max(200, { error: v.titleTooLong }),
  seriesMark: text(20, v.seriesMarkTooLong),
  columnId: z.guid({ error: v.columnRequired }),
  source: text(100, v.sourceTooLong),
  byline: text(100, v.bylineTooLong),
  summary: text(500, v.summaryTooLong),
  lead: text(5000, v.leadTooLong),
  /** 引题 / 副题 / 责任编辑: optional; absent means empty. */
  overTitle: text(200, v.overTitleTooLong).optional(),
  subtitle: text(200, v.subtitleTooLong).optional(),
  responsibleEditor: text(50, v.responsibleEditorTooLong).optional(),
  /**
   * 发布日期 as typed, in the site's time zone: "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm", or an ISO instant;
   * "" or null clears it (the first publication's date shows). Absent = unchanged. Only the column's 终审 may
   * change it (lib/articles/commands.ts).
   */
  displayDate: z
    .union(
      [
        z.null(),
        z
          .string({ error: v.displayDateInvalid })
          .trim()
          .regex(/^$|^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?Z?)?)?$/, { error: v.displayDateInvalid }),
      ],
      { error: v.displayDateInvalid },
    )
    .optional(),
  coverId: optionalId,
  profileId: optionalId,
  body: bodySchema,
});

/**
 * One save from the editor: the fields, the body (Tiptap JSON, validated by `parseBody`) and the
 * `lockVersion` the editor loaded, so a save over a newer version is refused instead of overwriting it.
 */
/** The public address (lib/articles/slug.ts) — not content: absent = unchanged, or offered from the title. */
const slug = z.string({ error: v.slugInvalid }).trim().toLowerCase().optional();

export const saveArticleSchema = articleFieldsSchema.extend({
  articleId: id,
  slug,
  lockVersion: z.int({ error: v.invalidRequest }).min(0, { error: v.invalidRequest }),
  /** Sent by the editor's timer: coalesced into the working revision (lib/articles/autosave.ts). */
  autosave: z.boolean({ error: v.invalidRequest }).optional(),
});

export const createArticleSchema = articleFieldsSchema.extend({ slug });

export const restoreRevisionSchema = z.object({
  articleId: id,
  revisionId: id,
  lockVersion: z.int({ error: v.invalidRequest }).min(0, { error: v.invalidRequest }),
});

export const createProfileSchema = z.object({
  kind: z.enum(["PERSON", "ORGANISATION"], { error: v.invalidRequest }),
  name: z
    .string({ error: v.profileNameRequired })
    .trim()
    .min(1, { error: v.profileNameRequired })
    .max(100, { error: v.profileNameTooLong }),
  honour: text(100, v.profileFieldTooLong),
  position: text(200, v.profileFieldTooLong),
  organisation: text(200, v.profileFieldTooLong),
  portraitId: optionalId,
});

/** The form's request: the profile, and whether staff chose 仍然新建 over the candidates offered. */
export const createProfileRequestSchema = createProfileSchema.extend({
  confirmDuplicate: z.boolean({ error: v.invalidRequest }).optional(),
});

export type ArticleFieldsInput = z.output<typeof articleFieldsSchema>;
export type SaveArticleInput = z.output<typeof saveArticleSchema>;
export type CreateArticleInput = z.output<typeof createArticleSchema>;
export type RestoreRevisionInput = z.output<typeof restoreRevisionSchema>;
export type CreateProfileInput = z.output<typeof createProfileRequestSchema>;

export const ARTICLE_STATUSES = ["DRAFT", "IN_REVIEW", "APPROVED", "SCHEDULED", "PUBLISHED", "WITHDRAWN"] as const;

/**
 * The list's query string. `after` is a keyset cursor ("<updatedAt ISO>_<id>"): the list is ordered
 * newest first and holds at 100,000 articles without OFFSET. Anything malformed means "first page".
 */
export const articleListQuerySchema = z.object({
  status: z.enum(ARTICLE_STATUSES).optional().catch(undefined),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
});

export type ArticleListQuery = z.output<typeof articleListQuerySchema>;

/** Field errors as the form shows them: the first message of each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}

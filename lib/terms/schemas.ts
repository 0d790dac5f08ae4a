import { z } from "zod";
import { cleanText } from "@/lib/http/params";
import { termsText } from "./messages";

const v = termsText.validation;

/** Tabs and line breaks would break the text file format, and no term needs them. */
const NO_TAB_OR_NEWLINE = /^[^\t\r\n]*$/;

const exceptionList = z
  .array(z.string().trim().max(100, v.exceptionTooLong).regex(NO_TAB_OR_NEWLINE, v.termWhitespace))
  .transform((words) => [...new Set(words.filter((word) => word.length > 0))])
  .pipe(z.array(z.string()).max(20, v.tooManyExceptions));

/** One term as a form or an imported line gives it. */
export const termFieldsSchema = z
  .object({
    term: z
      .string({ error: v.termRequired })
      .trim()
      .min(1, v.termRequired)
      .max(100, v.termTooLong)
      .regex(NO_TAB_OR_NEWLINE, v.termWhitespace),
    level: z.enum(["BLOCK", "WARN"], { error: v.levelInvalid }),
    suggestion: z.string().trim().max(100, v.suggestionTooLong).regex(NO_TAB_OR_NEWLINE, v.termWhitespace).default(""),
    category: z.string().trim().max(50, v.categoryTooLong).regex(NO_TAB_OR_NEWLINE, v.termWhitespace).default(""),
    exceptions: exceptionList.default([]),
    /** "只作为完整词语匹配"; absent on an imported line, which leaves it as it is. */
    wholeWord: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    for (const word of value.exceptions) {
      if (word.length <= value.term.length || !word.toLowerCase().includes(value.term.toLowerCase())) {
        ctx.addIssue({ code: "custom", path: ["exceptions"], message: v.exceptionMustContain(word, value.term) });
        return;
      }
    }
  });

export type TermFields = z.output<typeof termFieldsSchema>;

const termId = z.guid({ error: v.invalidRequest });

/** The form sends exceptions as a textarea, one a line (、 , | also separate), and wholeWord as a checkbox. */
function splitExceptions(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const { exceptions, wholeWord } = value as { exceptions?: unknown; wholeWord?: unknown };
  return {
    ...value,
    exceptions: typeof exceptions === "string" ? exceptions.split(/[\r\n|、,\uff0c]+/) : exceptions,
    wholeWord: wholeWord === true || wholeWord === "on" || wholeWord === "true",
  };
}

/** The add / edit form's fields. */
export const termFormSchema = z.preprocess(splitExceptions, termFieldsSchema);
export const termIdSchema = z.object({ id: termId });

/**
 * Server actions accept 1 MB bodies (Next's default, kept on purpose): the file is limited below that,
 * and the import page checks the size before sending.
 */
export const IMPORT_MAX_BYTES = 900 * 1024;
export const IMPORT_MAX_LINES = 20_000;

export const importTextSchema = z
  .string({ error: v.invalidRequest })
  .refine((text) => new TextEncoder().encode(text).length <= IMPORT_MAX_BYTES, v.fileTooLarge)
  .refine((text) => text.split("\n").length <= IMPORT_MAX_LINES, v.fileTooLarge);

export const termListQuerySchema = z.object({
  q: cleanText(400).trim().max(100).optional().catch(undefined),
  level: z.enum(["BLOCK", "WARN"]).optional().catch(undefined),
  category: cleanText(200).trim().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type TermListQuery = z.output<typeof termListQuerySchema>;

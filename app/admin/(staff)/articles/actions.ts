"use server";

import { db } from "@/lib/db";
import { revalidatePath } from "next/cache";
import {
  ArticleConflictError,
  createArticle,
  createProfile,
  DuplicateProfileError,
  restoreRevision,
  saveArticle,
  setDisplayDate,
  type ProfileCandidate,
  type SavedArticleVersion,
  type SaveResult,
} from "@/lib/articles/commands";
import { articlesText } from "@/lib/articles/messages";
import { checkArticle, type ArticleContent, type CheckResult } from "@/lib/checks";
import {
  createArticleSchema,
  createProfileRequestSchema,
  fieldErrorsOf,
  restoreRevisionSchema,
  saveArticleSchema,
} from "@/lib/articles/schemas";
import { suggestSlug } from "@/lib/articles/slug";
import type { FormState } from "@/lib/forms/form-state";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { guardedAction, guardedCall } from "@/lib/actions/guarded";
import { okState } from "@/lib/forms/action-state";
import { articleResource as loadArticleResource } from "@/lib/articles/resource";

// Each export is a guardedCall: parse → authorize → lib/articles command (transaction + audit). The
// editor calls them with plain objects (the body is JSON), not FormData.

export type SaveActionResult =
  | {
      status: "ok";
      articleId: string;
      lockVersion: number;
      revisionNumber: number;
      revisionCreated: boolean;
      articleStatus: string;
      /** The content checks of what was just saved (the editor highlights them); absent after a restore, which reloads the page. */
      checks?: CheckResult;
    }
  | { status: "conflict"; message: string; theirs: SavedArticleVersion }
  | { status: "error"; code: string; message: string; fieldErrors?: Record<string, string> };

const v = articlesText.validation;

function invalid(error: Parameters<typeof fieldErrorsOf>[0]): SaveActionResult {
  const fieldErrors = fieldErrorsOf(error);
  // The body's own message says exactly what is wrong and where; show it rather than a generic line.
  return { status: "error", code: "VALIDATION", message: fieldErrors.body ?? v.formHasErrors, fieldErrors };
}

/** AppErrors become messages for the form; anything else is a bug and goes to the error boundary. */
function refused(error: unknown): SaveActionResult {
  if (error instanceof ArticleConflictError)
    return { status: "conflict", message: error.message, theirs: error.theirs };
  if (!(error instanceof AppError)) throw error;
  return {
    status: "error",
    code: error.code,
    message: error.message,
    fieldErrors: error.field ? { [error.field]: error.message } : undefined,
  };
}

function ok(result: SaveResult, checks?: CheckResult): SaveActionResult {
  const { articleId, lockVersion, revisionNumber, revisionCreated, status } = result;
  return {
    status: "ok",
    articleId,
    lockVersion,
    revisionNumber,
    revisionCreated,
    articleStatus: status,
    ...(checks ? { checks } : {}),
  };
}

/** The checks run on what the editor sent, which is what was saved: the form shows them at once (they read only the content fields). */
const checksOf = (saved: ArticleContent): Promise<CheckResult> => checkArticle(db, saved);

/** The owner and column of an article, for the permission check before the command re-checks it. */
async function articleResource(input: { articleId: string }) {
  const resource = await loadArticleResource(db, input.articleId);
  if (!resource) throw new AppError("NOT_FOUND", articlesText.errors.notFound);
  return resource;
}

const editorCall = { invalid, refused };

export const createArticleAction = guardedCall({
  action: "article.create",
  schema: createArticleSchema,
  ...editorCall,
  run: async (input, actor) => ok(await createArticle(db, actor, input), await checksOf(input)),
});

export const saveArticleAction = guardedCall({
  action: "article.editOwn",
  schema: saveArticleSchema,
  ...editorCall,
  resource: articleResource,
  run: async (input, actor) => ok(await saveArticle(db, actor, input), await checksOf(input)),
});

export const restoreRevisionAction = guardedCall({
  action: "article.editOwn",
  schema: restoreRevisionSchema,
  ...editorCall,
  resource: articleResource,
  run: async (input, actor) => ok(await restoreRevision(db, actor, input)),
});

export type ProfileActionResult =
  | { status: "ok"; profile: { id: string; kind: string; name: string; honour: string; organisation: string } }
  /** The name (and honour) is on file already: the form offers 使用已有 / 仍然新建. */
  | { status: "duplicate"; message: string; candidates: ProfileCandidate[] }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export const createProfileAction = guardedCall({
  action: "profile.create",
  schema: createProfileRequestSchema,
  invalid: (error): ProfileActionResult => ({
    status: "error",
    message: v.formHasErrors,
    fieldErrors: fieldErrorsOf(error),
  }),
  refused: (error): ProfileActionResult => {
    if (error instanceof DuplicateProfileError)
      return { status: "duplicate", message: error.message, candidates: error.candidates };
    if (!(error instanceof AppError)) throw error;
    return {
      status: "error",
      message: error.message,
      fieldErrors: error.field ? { [error.field]: error.message } : undefined,
    };
  },
  run: async (input, actor): Promise<ProfileActionResult> => ({
    status: "ok",
    profile: await createProfile(db, actor, input),
  }),
});

const suggestSlugSchema = z.object({
  title: z.string().trim().min(1, { error: v.titleRequired }).max(200, { error: v.titleTooLong }),
  articleId: z.guid().nullable().optional(),
});

type SuggestSlugResult = { status: "ok"; slug: string } | { status: "error"; message: string };

/** 按标题生成: the pinyin address the title suggests, free at this moment (the save checks again). */
export const suggestSlugAction = guardedCall({
  action: "article.create",
  schema: suggestSlugSchema,
  invalid: (error): SuggestSlugResult => ({ status: "error", message: error.issues[0]?.message ?? v.invalidRequest }),
  refused: (error): SuggestSlugResult => {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", message: error.message };
  },
  run: async (input): Promise<SuggestSlugResult> => ({
    status: "ok",
    slug: await suggestSlug(db, input.title, input.articleId ?? null),
  }),
});

const setDisplayDateSchema = z.object({
  articleId: z.guid({ error: v.invalidRequest }),
  lockVersion: z.coerce
    .number({ error: v.invalidRequest })
    .int({ error: v.invalidRequest })
    .min(0, { error: v.invalidRequest }),
  displayDate: z
    .string({ error: v.displayDateInvalid })
    .trim()
    .regex(/^$|^\d{4}-\d{2}-\d{2}$/, { error: v.displayDateInvalid }),
});

/** 设置发布日期 from the review page: the column's 终审 (lib/articles/commands.ts setDisplayDate). */
export const setDisplayDateAction = guardedAction({
  action: "article.setDisplayDate",
  schema: setDisplayDateSchema,
  resource: articleResource,
  run: async (input, actor): Promise<FormState> =>
    okState(articlesText.toasts.displayDateSet((await setDisplayDate(db, actor, input)).revisionNumber)),
  refresh: (input) => {
    revalidatePath(`/admin/review/${input.articleId}`);
    revalidatePath(`/admin/articles/${input.articleId}`);
  },
});

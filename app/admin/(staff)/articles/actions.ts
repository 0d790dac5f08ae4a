"use server";

import { db } from "@/lib/db";
import { ArticleConflictError, createArticle, createProfile, restoreRevision, saveArticle, type SavedArticleVersion, type SaveResult } from "@/lib/articles/commands";
import { articlesText } from "@/lib/articles/messages";
import { checkArticle, type ArticleContent, type CheckResult } from "@/lib/checks";
import { createArticleSchema, createProfileSchema, fieldErrorsOf, restoreRevisionSchema, saveArticleSchema } from "@/lib/articles/schemas";
import { AppError } from "@/lib/errors";
import { guardedCall } from "@/lib/actions/guarded";
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
  if (error instanceof ArticleConflictError) return { status: "conflict", message: error.message, theirs: error.theirs };
  if (!(error instanceof AppError)) throw error;
  return { status: "error", code: error.code, message: error.message, fieldErrors: error.field ? { [error.field]: error.message } : undefined };
}

function ok(result: SaveResult, checks?: CheckResult): SaveActionResult {
  const { articleId, lockVersion, revisionNumber, revisionCreated, status } = result;
  return { status: "ok", articleId, lockVersion, revisionNumber, revisionCreated, articleStatus: status, ...(checks ? { checks } : {}) };
}

/** The checks run on what the editor sent, which is what was saved: the form shows them at once. */
function checksOf(saved: ArticleContent): Promise<CheckResult> {
  const { title, seriesMark, lead, summary, source, byline, body, coverId, profileId } = saved;
  return checkArticle(db, { title, seriesMark, lead, summary, source, byline, body, coverId, profileId });
}

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
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export const createProfileAction = guardedCall({
  action: "profile.create",
  schema: createProfileSchema,
  invalid: (error): ProfileActionResult => ({ status: "error", message: v.formHasErrors, fieldErrors: fieldErrorsOf(error) }),
  refused: (error): ProfileActionResult => {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", message: error.message, fieldErrors: error.field ? { [error.field]: error.message } : undefined };
  },
  run: async (input, actor): Promise<ProfileActionResult> => ({ status: "ok", profile: await createProfile(db, actor, input) }),
});

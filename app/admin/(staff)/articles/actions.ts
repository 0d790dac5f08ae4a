"use server";

import { db } from "@/lib/db";
import { ArticleConflictError, createArticle, createProfile, restoreRevision, saveArticle, type SavedArticleVersion, type SaveResult } from "@/lib/articles/commands";
import { articlesText } from "@/lib/articles/messages";
import { checkArticle, type ArticleContent, type CheckResult } from "@/lib/checks";
import { createArticleSchema, createProfileSchema, fieldErrorsOf, restoreRevisionSchema, saveArticleSchema } from "@/lib/articles/schemas";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";

// Thin wrappers: parse → authorize → lib/articles command (transaction + audit). The editor calls
// them with plain objects (the body is JSON), not FormData. Every export is listed in GUARDED_ACTIONS.

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
  const { title, overTitle, subtitle, seriesMark, lead, summary, source, byline, responsibleEditor, body, coverId, profileId } = saved;
  return checkArticle(db, { title, overTitle, subtitle, seriesMark, lead, summary, source, byline, responsibleEditor, body, coverId, profileId });
}

/** The owner and column of an article, for the permission check before the command re-checks it. */
async function articleResource(articleId: string) {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { createdById: true, columnId: true } });
  if (!article) throw new AppError("NOT_FOUND", articlesText.errors.notFound);
  return { ownerId: article.createdById, columnId: article.columnId };
}

export async function createArticleAction(input: unknown): Promise<SaveActionResult> {
  const parsed = createArticleSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await authorize("article.create");
    const result = await createArticle(db, actor, parsed.data);
    return ok(result, await checksOf(parsed.data));
  } catch (error) {
    return refused(error);
  }
}

export async function saveArticleAction(input: unknown): Promise<SaveActionResult> {
  const parsed = saveArticleSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await authorize("article.editOwn", await articleResource(parsed.data.articleId));
    const result = await saveArticle(db, actor, parsed.data);
    return ok(result, await checksOf(parsed.data));
  } catch (error) {
    return refused(error);
  }
}

export async function restoreRevisionAction(input: unknown): Promise<SaveActionResult> {
  const parsed = restoreRevisionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const actor = await authorize("article.editOwn", await articleResource(parsed.data.articleId));
    const result = await restoreRevision(db, actor, parsed.data);
    return ok(result);
  } catch (error) {
    return refused(error);
  }
}

export type ProfileActionResult =
  | { status: "ok"; profile: { id: string; kind: string; name: string; honour: string; organisation: string } }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export async function createProfileAction(input: unknown): Promise<ProfileActionResult> {
  const parsed = createProfileSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: v.formHasErrors, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const actor = await authorize("profile.create");
    const profile = await createProfile(db, actor, parsed.data);
    return { status: "ok", profile };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", message: error.message, fieldErrors: error.field ? { [error.field]: error.message } : undefined };
  }
}

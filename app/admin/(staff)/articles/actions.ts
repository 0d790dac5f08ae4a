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
import { createArticleSchema, createProfileRequestSchema, fieldErrorsOf, restoreRevisionSchema, saveArticleSchema } from "@/lib/articles/schemas";
import { suggestSlug } from "@/lib/articles/slug";
import type { FormState } from "@/lib/forms/form-state";
import { z } from "zod";
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
  /** The name (and honour) is on file already: the form offers 使用已有 / 仍然新建. */
  | { status: "duplicate"; message: string; candidates: ProfileCandidate[] }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export async function createProfileAction(input: unknown): Promise<ProfileActionResult> {
  const parsed = createProfileRequestSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: v.formHasErrors, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const actor = await authorize("profile.create");
    const profile = await createProfile(db, actor, parsed.data);
    return { status: "ok", profile };
  } catch (error) {
    if (error instanceof DuplicateProfileError) return { status: "duplicate", message: error.message, candidates: error.candidates };
    if (!(error instanceof AppError)) throw error;
    return { status: "error", message: error.message, fieldErrors: error.field ? { [error.field]: error.message } : undefined };
  }
}

const suggestSlugSchema = z.object({ title: z.string().trim().min(1, { error: v.titleRequired }).max(200, { error: v.titleTooLong }), articleId: z.guid().nullable().optional() });

/** 按标题生成: the pinyin address the title suggests, free at this moment (the save checks again). */
export async function suggestSlugAction(input: unknown): Promise<{ status: "ok"; slug: string } | { status: "error"; message: string }> {
  const parsed = suggestSlugSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? v.invalidRequest };
  try {
    await authorize("article.create");
    return { status: "ok", slug: await suggestSlug(db, parsed.data.title, parsed.data.articleId ?? null) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", message: error.message };
  }
}

const setDisplayDateSchema = z.object({
  articleId: z.guid({ error: v.invalidRequest }),
  lockVersion: z.coerce.number({ error: v.invalidRequest }).int({ error: v.invalidRequest }).min(0, { error: v.invalidRequest }),
  displayDate: z.string({ error: v.displayDateInvalid }).trim().regex(/^$|^\d{4}-\d{2}-\d{2}$/, { error: v.displayDateInvalid }),
});

/** 设置发布日期 from the review page: the column's 终审 (lib/articles/commands.ts setDisplayDate). */
export async function setDisplayDateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = setDisplayDateSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: v.formHasErrors, fieldErrors: fieldErrorsOf(parsed.error), at: Date.now() };
  try {
    const article = await articleResource(parsed.data.articleId);
    const actor = await authorize("article.setDisplayDate", { columnId: article.columnId });
    const result = await setDisplayDate(db, actor, parsed.data);
    revalidatePath(`/admin/review/${parsed.data.articleId}`);
    revalidatePath(`/admin/articles/${parsed.data.articleId}`);
    return { status: "ok", message: articlesText.toasts.displayDateSet(result.revisionNumber), at: Date.now() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", code: error.code, message: error.message, fieldErrors: error.field ? { [error.field]: error.message } : undefined, at: Date.now() };
  }
}

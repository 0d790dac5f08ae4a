import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { can, type PermissionUser } from "@/lib/permissions";
import { workflowText } from "./messages";
import { commentSchema, type CommentInput } from "./schemas";

/** A reviewer's comment （批注）, kept with the revision it was made on, optionally quoting a passage. */
export async function addComment(db: PrismaClient, user: PermissionUser, input: CommentInput): Promise<{ id: string }> {
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? workflowText.validation.invalidRequest, "body");
  const { articleId, body, quote } = parsed.data;
  return db.$transaction(async (tx) => {
    const article = await tx.article.findUnique({
      where: { id: articleId },
      select: { id: true, columnId: true, createdById: true, currentRevisionId: true },
    });
    if (!article || !article.currentRevisionId) throw new AppError("NOT_FOUND", workflowText.errors.notFound);
    if (!can(user, "review.comment", { columnId: article.columnId, ownerId: article.createdById })) {
      throw new AppError("FORBIDDEN", workflowText.errors.forbidden);
    }
    const comment = await tx.comment.create({
      data: { articleId, revisionId: article.currentRevisionId, authorId: user.id, body, quote: quote ?? "" },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      action: "article.comment",
      target: `article:${articleId}`,
      data: { commentId: comment.id, revisionId: article.currentRevisionId },
    });
    return comment;
  });
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { PermissionUser } from "@/lib/permissions";
import { afterCommit } from "@/lib/public/publish/outbox";
import { notLastLevel } from "./combined-plan";
import { workflowText } from "./messages";
import { combinedTransitionSchema, type CombinedTransitionInput } from "./schemas";
import { COMBINED_EVENTS } from "./table";
import { transitionInTx, type TransitionResult } from "./transition";

/**
 * 通过并发布 / 通过并定时发布 (COMBINED_EVENTS in table.ts): the table's steps, in order, each through
 * `transitionInTx` — its own guards, permission check, Review row and audit event — inside ONE
 * transaction, so either the article is approved and published (two audit events) or nothing
 * happened. The second step runs on the lock version the first one left.
 */
export async function combinedTransition(
  db: PrismaClient,
  user: PermissionUser,
  input: CombinedTransitionInput,
): Promise<TransitionResult[]> {
  const parsed = combinedTransitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "VALIDATION",
      issue?.message ?? workflowText.validation.invalidRequest,
      issue ? String(issue.path[0] ?? "") || undefined : undefined,
    );
  }
  const { combined, articleId, comment, publishAt } = parsed.data;
  const now = new Date();
  const results = await db.$transaction(async (tx) => {
    const done: TransitionResult[] = [];
    let lockVersion = parsed.data.lockVersion;
    for (const event of COMBINED_EVENTS[combined]) {
      const result = await transitionInTx(
        tx,
        { kind: "user", user },
        { articleId, event, lockVersion, comment: event === "approve" ? comment : undefined, publishAt },
        now,
      );
      if (event === "approve" && result.status !== "APPROVED") throw notLastLevel();
      lockVersion = result.lockVersion;
      done.push(result);
    }
    return done;
  });
  // As transition() does for one step: the effects recorded in the transaction run now (retried if not).
  const { pending } = await afterCommit(
    results.flatMap((result) => result.effectIds),
    db,
  );
  return results.map((result) => ({ ...result, effectsPending: pending }));
}

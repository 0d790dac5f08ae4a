import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import type { Actor } from "@/lib/actor";

export async function listSynonymGroups(db: Pick<PrismaClient, "searchSynonym">): Promise<string[][]> {
  return (await db.searchSynonym.findMany({ orderBy: { createdAt: "asc" }, select: { words: true } })).map(
    (row) => row.words,
  );
}

/** Replaces the whole list in one transaction, audited with what it was and what it became. */
export async function replaceSynonymGroups(db: PrismaClient, actor: Actor, groups: readonly string[][]): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await listSynonymGroups(tx);
    await tx.searchSynonym.deleteMany({});
    if (groups.length > 0) await tx.searchSynonym.createMany({ data: groups.map((words) => ({ words })) });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "search.synonyms.update",
      target: "setting:search.synonyms",
      data: { before, after: groups },
    });
  });
}

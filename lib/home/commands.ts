import "server-only";
import { recordPublicationChange } from "@/lib/public/publish/outbox";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { homeText } from "./messages";
import { HOME_COLUMNS_KEY, homeColumnIds } from "./queries";
import type { HomeSlotsInput } from "./schemas";
import type { Actor } from "@/lib/actor";

const v = homeText.validation;
const HOME_LOCK = 72707383;

/**
 * Replaces the 头条, the 焦点图 row and the home column order in one transaction. Chosen articles are
 * locked FOR SHARE while they are checked, so a withdrawal cannot slip between the "is it live" check
 * and the commit (and if one comes after, the home query drops it anyway). Returns the ids whose
 * home presence changed, for the public cache.
 */
export async function setHomeSlots(
  db: PrismaClient,
  actor: Actor,
  input: HomeSlotsInput,
): Promise<{ affected: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HOME_LOCK})`;
    const chosen = [...new Set([...(input.headline ? [input.headline] : []), ...input.focus])];
    const rows =
      chosen.length === 0
        ? []
        : await tx.$queryRaw<{ id: string; live: boolean; coverId: string | null }[]>`
            SELECT a.id::text AS id, (a."publishedRevisionId" IS NOT NULL AND a."withdrawnAt" IS NULL) AS live,
                   -- The cover readers see: the published revision's (docs/public-site.md), not the draft's.
                   r.meta ->> 'coverId' AS "coverId"
            FROM "Article" a LEFT JOIN "Revision" r ON r.id = a."publishedRevisionId"
            WHERE a.id = ANY(${chosen}::uuid[]) FOR SHARE OF a`;
    const byId = new Map(rows.map((row) => [row.id, row]));
    const titles = new Map(
      (
        await tx.article.findMany({
          where: { id: { in: chosen } },
          select: {
            id: true,
            currentRevision: { select: { title: true } },
            publishedRevision: { select: { title: true } },
          },
        })
      ).map((a) => [a.id, a.publishedRevision?.title ?? a.currentRevision?.title ?? a.id]),
    );
    for (const id of chosen) {
      const row = byId.get(id);
      if (!row) throw new AppError("NOT_FOUND", v.articleMissing, input.focus.includes(id) ? "focus" : "headline");
      if (!row.live)
        throw new AppError(
          "CONFLICT",
          v.notLive(titles.get(id) ?? id),
          input.focus.includes(id) ? "focus" : "headline",
        );
    }
    for (const id of input.focus)
      if (!byId.get(id)?.coverId) throw new AppError("VALIDATION", v.focusNeedsCover(titles.get(id) ?? id), "focus");
    if (
      input.columns.length > 0 &&
      (await tx.column.count({ where: { id: { in: input.columns } } })) !== new Set(input.columns).size
    ) {
      throw new AppError("VALIDATION", v.columnMissing, "columns");
    }

    const before = await tx.homeSlot.findMany({
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
      select: { kind: true, articleId: true },
    });
    const beforeColumns = await homeColumnIds(tx);
    await tx.homeSlot.deleteMany({});
    await tx.homeSlot.createMany({
      data: [
        ...(input.headline ? [{ kind: "HEADLINE" as const, articleId: input.headline, sortOrder: 0 }] : []),
        ...input.focus.map((articleId, sortOrder) => ({ kind: "FOCUS" as const, articleId, sortOrder })),
      ],
    });
    const columns = [...new Set(input.columns)];
    await tx.siteSetting.upsert({
      where: { key: HOME_COLUMNS_KEY },
      create: { key: HOME_COLUMNS_KEY, value: { columnIds: columns } },
      update: { value: { columnIds: columns } },
    });

    const after = { headline: input.headline, focus: input.focus, columns };
    const previous = {
      headline: before.find((slot) => slot.kind === "HEADLINE")?.articleId ?? null,
      focus: before.filter((slot) => slot.kind === "FOCUS").map((slot) => slot.articleId),
      columns: beforeColumns,
    };
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "homeSlots.update",
      target: "home",
      data: { before: previous, after },
    });
    const affected = [...new Set([...before.map((slot) => slot.articleId), ...chosen])];
    // The home page and the pages of the affected articles: told on commit, copied by the outbox.
    await recordPublicationChange(tx, affected);
    return { affected };
  });
}

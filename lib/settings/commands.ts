import "server-only";
import { recordSiteChange } from "@/lib/public/publish/outbox";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { settingsText } from "./messages";
import { getSiteSettings, SITE_SETTINGS_KEY } from "./queries";
import type { SiteSettings } from "./schemas";
import type { Actor } from "@/lib/actor";

const SETTINGS_LOCK = 72707382;

/**
 * Replaces the settings document and logs the old and new values of every field that changed, in
 * one transaction (serialised, so two admins saving at once both appear in the log with the values
 * each one really replaced).
 */
export async function updateSiteSettings(
  db: PrismaClient,
  actor: Actor,
  input: SiteSettings,
): Promise<{ before: SiteSettings; after: SiteSettings; changed: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETTINGS_LOCK})`;
    const before = await getSiteSettings(tx);
    if (input.logoMediaId && !(await tx.media.findUnique({ where: { id: input.logoMediaId }, select: { id: true } }))) {
      throw new AppError("VALIDATION", settingsText.validation.logoMissing, "logoMediaId");
    }
    const changed = (Object.keys(input) as (keyof SiteSettings)[]).filter((key) => before[key] !== input[key]);
    const value = { ...input } as Prisma.InputJsonObject;
    await tx.siteSetting.upsert({
      where: { key: SITE_SETTINGS_KEY },
      create: { key: SITE_SETTINGS_KEY, value },
      update: { value },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "settings.update",
      target: `setting:${SITE_SETTINGS_KEY}`,
      data: {
        changed,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, input[key]])),
      },
    });
    // Every public page shows the settings: told on commit, the static copy rewritten by the outbox.
    await recordSiteChange(tx);
    return { before, after: input, changed };
  });
}

import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** 体检设置, one SiteSetting document of its own (the site settings form stays as it is). */
export const INSPECTION_SETTINGS_KEY = "inspection";

const flag = z
  .union([z.boolean(), z.enum(["on", "true", "1", "", "false", "0"])])
  .transform((value) => value === true || value === "on" || value === "true" || value === "1");

export const inspectionSettingsSchema = z.object({
  /** Off on closed networks (内网), where every external link would time out. */
  externalLinks: flag.default(true),
  /** The weekly run; the button works either way. */
  weekly: flag.default(true),
});

export type InspectionSettings = z.output<typeof inspectionSettingsSchema>;

export const DEFAULT_INSPECTION_SETTINGS: InspectionSettings = { externalLinks: true, weekly: true };

export async function getInspectionSettings(db: Pick<PrismaClient, "siteSetting">): Promise<InspectionSettings> {
  const row = await db.siteSetting.findUnique({ where: { key: INSPECTION_SETTINGS_KEY } });
  const parsed = inspectionSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_INSPECTION_SETTINGS;
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { zhCN } from "@/lib/i18n/zh-CN";
import { DEFAULT_TIME_ZONE, ICP_LINK, siteSettingsSchema, type SiteSettings } from "./schemas";

/** The `SiteSetting` row holding the settings document. */
export const SITE_SETTINGS_KEY = "site";

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  siteName: zhCN.site.defaultName,
  shortName: "",
  logoMediaId: null,
  sponsor: "",
  organizer: "",
  contact: "",
  siteCode: "",
  icpNumber: "",
  icpLink: ICP_LINK,
  policeNumber: "",
  policeLink: "",
  defaultSource: "",
  timeZone: DEFAULT_TIME_ZONE,
  showViewCount: false,
};

/**
 * Stored settings over the defaults. A field that no longer validates (an older document, a hand
 * edit) falls back to its default instead of taking every public page down with it.
 */
export function parseStoredSettings(stored: unknown): SiteSettings {
  const object =
    stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const candidate: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS, ...object };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const parsed = siteSettingsSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key in DEFAULT_SITE_SETTINGS) candidate[key] = DEFAULT_SITE_SETTINGS[key as keyof SiteSettings];
    }
  }
  return DEFAULT_SITE_SETTINGS;
}

/** The site settings, typed, with defaults for anything never set. */
export async function getSiteSettings(db: Pick<PrismaClient, "siteSetting">): Promise<SiteSettings> {
  const row = await db.siteSetting.findUnique({ where: { key: SITE_SETTINGS_KEY } });
  return parseStoredSettings(row?.value);
}

import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { zhCN } from "@/lib/i18n/zh-CN";
import type { SiteInfo } from "@/components/public/Document";

const storedSite = z.object({ name: z.string().min(1) }).partial();

/** Site identity from the `site` setting, falling back to the default name. */
export async function siteInfo(): Promise<SiteInfo> {
  const row = await db.siteSetting.findUnique({ where: { key: "site" } });
  const parsed = storedSite.safeParse(row?.value ?? {});
  return { name: (parsed.success && parsed.data.name) || zhCN.site.defaultName };
}

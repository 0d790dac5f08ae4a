import "server-only";
import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/queries";
import type { SiteInfo } from "@/components/public/Document";
import type { PublicDb } from "./queries";

/**
 * Site identity from the site settings (lib/settings: name, footer 备案 data, 浏览次数 switch, with
 * defaults), the origin from SITE_URL.
 */
export async function siteInfo(client: PublicDb): Promise<SiteInfo> {
  const settings = await getSiteSettings(client);
  return { name: settings.siteName, url: env().SITE_URL };
}

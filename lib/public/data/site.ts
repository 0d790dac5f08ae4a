import "server-only";
import { env } from "@/lib/env";
import { renderedMedia } from "@/lib/media/rendered";
import { getSiteSettings } from "@/lib/settings/queries";
import type { SiteInfo } from "@/lib/public/render/Document";
import type { PublicDb } from "./queries";

/**
 * Site identity from the site settings (lib/settings: name, logo, footer 备案 data, time zone,
 * 浏览次数 switch, with defaults), the origin from SITE_URL. Every public page shows it, so a
 * settings change empties the whole page cache (afterSiteChange).
 */
export async function siteInfo(client: PublicDb): Promise<SiteInfo> {
  const settings = await getSiteSettings(client);
  const logo = settings.logoMediaId
    ? await client.media.findUnique({
        where: { id: settings.logoMediaId },
        select: { id: true, storageKey: true, width: true, height: true, renditions: true },
      })
    : null;
  return {
    name: settings.siteName,
    shortName: settings.shortName,
    url: env().SITE_URL,
    // A logo deleted from the media library after it was chosen falls back to the name.
    logo: logo ? renderedMedia(logo) : null,
    footer: {
      sponsor: settings.sponsor,
      organizer: settings.organizer,
      contact: settings.contact,
      siteCode: settings.siteCode,
      icp: settings.icpNumber ? { number: settings.icpNumber, link: settings.icpLink } : null,
      police: settings.policeNumber ? { number: settings.policeNumber, link: settings.policeLink } : null,
    },
    timeZone: settings.timeZone,
    showViewCount: settings.showViewCount,
  };
}

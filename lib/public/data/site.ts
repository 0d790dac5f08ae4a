import "server-only";
import { env } from "@/lib/env";
import { renderedMedia } from "@/lib/media/rendered";
import { getSiteSettings } from "@/lib/settings/queries";
import type { RenderedMedia } from "@/lib/articles/render-body";
import { mediaBytesSelect } from "./published-fields";
import type { PublicDb } from "./queries";

/** The identification a Chinese government site's footer carries; "" / null = not set, not shown. */
export interface SiteFooter {
  /** 主办单位 */
  sponsor: string;
  /** 承办单位 */
  organizer: string;
  /** 联系方式 */
  contact: string;
  /** 网站标识码 */
  siteCode: string;
  /** ICP 备案号 and the registry it links to. */
  icp: { number: string; link: string } | null;
  /** 公安机关备案号 and its record page. */
  police: { number: string; link: string } | null;
}

export interface SiteInfo {
  name: string;
  /** 简称, shown instead of the name in the header on narrow screens ("" = none). */
  shortName: string;
  /** Absolute origin of the public site, without a trailing slash (canonical URLs, feeds, QR codes). */
  url: string;
  /** The header logo (alt = the site name), or null to show the name as text. */
  logo: RenderedMedia | null;
  footer: SiteFooter;
  /** IANA zone every date on the public pages is shown in. */
  timeZone: string;
  /** 浏览次数 on article pages. */
  showViewCount: boolean;
}

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
        select: mediaBytesSelect,
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

import { z } from "zod";
import { DEFAULT_DISPLAY_TIME_ZONE } from "@/lib/format/date";
import { settingsText } from "./messages";

const v = settingsText.validation;
const ui = settingsText.ui;

export const DEFAULT_TIME_ZONE = DEFAULT_DISPLAY_TIME_ZONE;
export const ICP_LINK = "https://beian.miit.gov.cn/";

/** IANA names this runtime knows (what `Intl.DateTimeFormat` will accept when dates are formatted). */
export function isSupportedTimeZone(zone: string): boolean {
  return zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone);
}

/** 公安机关备案号 carry a 14-digit record code, e.g. 沪公网安备 31010102000001号. */
export const POLICE_NUMBER = /^[\u4e00-\u9fa5]公网安备\s?(\d{14})号$/;
/** ICP 备案号: province abbreviation, ICP备, 6–10 digits, 号, optional site suffix -n. */
export const ICP_NUMBER = /^[\u4e00-\u9fa5]ICP备\d{6,10}号(?:-\d{1,3})?$/;
/** 网站标识码: 10 digits. */
export const SITE_CODE = /^\d{10}$/;

/** The link a 公安机关备案号 points at when the admin gives none. */
export function policeRecordLink(policeNumber: string): string {
  const code = POLICE_NUMBER.exec(policeNumber)?.[1];
  return code ? `http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${code}` : "";
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function isIcpLink(value: string): boolean {
  const url = parseUrl(value);
  return !!url && (url.protocol === "https:" || url.protocol === "http:") && url.hostname === "beian.miit.gov.cn";
}

const POLICE_HOSTS = new Set(["www.beian.gov.cn", "beian.gov.cn", "beian.mps.gov.cn"]);
function isPoliceLink(value: string): boolean {
  const url = parseUrl(value);
  return !!url && (url.protocol === "https:" || url.protocol === "http:") && POLICE_HOSTS.has(url.hostname);
}

const text = (label: string, max: number) => z.string().trim().max(max, v.tooLong(label, max)).default("");

/** Every setting as the form sends it (text), and as the audit log and the public pages read it. */
export const siteSettingsSchema = z
  .object({
    siteName: z.string({ error: v.siteNameRequired }).trim().min(1, v.siteNameRequired).max(60, v.siteNameTooLong),
    shortName: z.string().trim().max(20, v.shortNameTooLong).default(""),
    // The form sends "" for "no logo"; the stored document holds null.
    logoMediaId: z.preprocess(
      (value) => (typeof value === "string" ? value.trim() || null : (value ?? null)),
      z.guid({ error: v.logoMissing }).nullable(),
    ),
    sponsor: text(ui.sponsor, 100),
    organizer: text(ui.organizer, 100),
    contact: text(ui.contact, 200),
    siteCode: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || SITE_CODE.test(value), v.siteCode),
    icpNumber: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || ICP_NUMBER.test(value), v.icpNumber),
    icpLink: z
      .string()
      .trim()
      .default(ICP_LINK)
      .refine((value) => value === "" || isIcpLink(value), v.icpLink),
    policeNumber: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || POLICE_NUMBER.test(value), v.policeNumber),
    policeLink: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || isPoliceLink(value), v.policeLink),
    defaultSource: text(ui.defaultSource, 100),
    timeZone: z.string().trim().default(DEFAULT_TIME_ZONE).refine(isSupportedTimeZone, v.timeZone),
    showViewCount: z
      .union([z.boolean(), z.enum(["on", "true", "1", "", "false", "0"])])
      .default(false)
      .transform((value) => value === true || value === "on" || value === "true" || value === "1"),
  })
  .superRefine((value, ctx) => {
    if (value.policeLink && !value.policeNumber)
      ctx.addIssue({ code: "custom", path: ["policeLink"], message: v.policeLinkWithoutNumber });
    const code = POLICE_NUMBER.exec(value.policeNumber)?.[1];
    if (value.policeLink && code && !value.policeLink.includes(code))
      ctx.addIssue({ code: "custom", path: ["policeLink"], message: v.policeLink });
  })
  .transform((value) => ({
    ...value,
    // A 备案号 without a link still has to link to the registry: the regulation wants it clickable.
    icpLink: value.icpNumber && !value.icpLink ? ICP_LINK : value.icpLink,
    policeLink: value.policeNumber && !value.policeLink ? policeRecordLink(value.policeNumber) : value.policeLink,
  }));

export type SiteSettings = z.output<typeof siteSettingsSchema>;
export type SiteSettingsInput = z.input<typeof siteSettingsSchema>;

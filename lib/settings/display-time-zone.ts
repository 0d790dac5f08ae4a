import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getSiteSettings } from "./queries";

/**
 * The site's time zone (site setting, default Asia/Shanghai) for the dates the admin shows. React's
 * `cache` reads it once per request however many components of the page ask.
 */
export const displayTimeZone = cache(async (): Promise<string> => (await getSiteSettings(db)).timeZone);

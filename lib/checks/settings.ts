import { z } from "zod";

/** SiteSetting keys the checks read. */
export const CHECK_SETTINGS = {
  /** [{ name, titles: [allowed titles], level? }] — the leader-title rule's configuration. */
  leaders: "checks.leaders",
  /** A fresh token written with every change to the term list, so every app instance rebuilds. */
  termListVersion: "checks.termListVersion",
} as const;

export const leaderSchema = z.object({
  name: z.string().trim().min(1).max(20),
  titles: z.array(z.string().trim().min(1).max(30)).min(1).max(20),
  level: z.enum(["BLOCK", "WARN"]).optional(),
});

export const leadersSettingSchema = z.array(leaderSchema).max(500);

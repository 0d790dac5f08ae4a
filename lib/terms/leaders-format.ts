import type { LeaderEntry } from "@/lib/checks/types";
import { leaderSchema } from "@/lib/checks/settings";
import { termsText } from "./messages";

const v = termsText.validation;

/**
 * The leader-title configuration as the admin edits it: one leader a line, the name, a tab (or
 * spaces, or a colon), then the allowed titles separated by 、 , or |. Stored as the SiteSetting
 * `checks.leaders` JSON the checks read.
 */
export function parseLeaders(text: string): { leaders: LeaderEntry[]; errors: string[] } {
  const leaders: LeaderEntry[] = [];
  const errors: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(\S+?)(?:\t+|\s+|[:\uff1a])\s*(.+)$/.exec(line);
    if (!match) {
      errors.push(v.leadersInvalid(index + 1, v.leaderFormat));
      return;
    }
    const titles = match[2]
      .split(/[、,\uff0c|]+/)
      .map((title) => title.trim())
      .filter(Boolean);
    const parsed = leaderSchema.safeParse({ name: match[1], titles });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "");
      errors.push(
        v.leadersInvalid(
          index + 1,
          field === "name" ? v.leaderNameTooLong : field === "titles" ? v.leaderTitleTooLong : v.leaderFormat,
        ),
      );
      return;
    }
    leaders.push(parsed.data);
  });
  return { leaders, errors };
}

export function formatLeaders(leaders: readonly LeaderEntry[]): string {
  return leaders.map((leader) => `${leader.name}\t${leader.titles.join("、")}`).join("\n");
}

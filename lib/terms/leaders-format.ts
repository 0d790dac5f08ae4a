import type { LeaderEntry } from "@/lib/checks/types";
import { leaderSchema } from "@/lib/checks/settings";
import { LineProblem, readLines } from "@/lib/forms/line-list";
import { termsText } from "./messages";

const v = termsText.validation;

/**
 * The leader-title configuration as the admin edits it: one leader a line, the name, a tab (or
 * spaces, or a colon), then the allowed titles separated by 、 , or |. Stored as the SiteSetting
 * `checks.leaders` JSON the checks read.
 */
export function parseLeaders(text: string): { leaders: LeaderEntry[]; errors: string[] } {
  const { entries: leaders, errors } = readLines(text, (line, number) => {
    if (line.startsWith("#")) return null;
    const match = /^(\S+?)(?:\t+|\s+|[:\uff1a])\s*(.+)$/.exec(line);
    if (!match) return new LineProblem(v.leadersInvalid(number, v.leaderFormat));
    const titles = match[2]
      .split(/[、,\uff0c|]+/)
      .map((title) => title.trim())
      .filter(Boolean);
    const parsed = leaderSchema.safeParse({ name: match[1], titles });
    if (parsed.success) return parsed.data;
    const field = String(parsed.error.issues[0]?.path[0] ?? "");
    return new LineProblem(
      v.leadersInvalid(
        number,
        field === "name" ? v.leaderNameTooLong : field === "titles" ? v.leaderTitleTooLong : v.leaderFormat,
      ),
    );
  });
  return { leaders, errors };
}

export function formatLeaders(leaders: readonly LeaderEntry[]): string {
  return leaders.map((leader) => `${leader.name}\t${leader.titles.join("、")}`).join("\n");
}

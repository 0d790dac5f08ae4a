import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notify } from "@/lib/notifications/commands";
import type { NewFinding } from "./findings";
import { KIND_RULES } from "./kinds";
import { inspectionText } from "./messages";

/**
 * Who hears about 网站体检: the 系统管理员 (ADMIN) always; for a finding in a column, that column's
 * 终审 (level-3 reviewers scoped to it or to every column); for a site-wide one, every 终审.
 */
async function recipients(db: PrismaClient, columnId: string | null): Promise<string[]> {
  const rows = await db.userRole.findMany({
    where: {
      user: { status: "ACTIVE" },
      OR: [{ role: "ADMIN" }, { role: "REVIEWER", level: 3, ...(columnId ? { OR: [{ columnId }, { columnId: null }] } : {}) }],
    },
    select: { userId: true },
  });
  return [...new Set(rows.map((row) => row.userId))];
}

export const REPORT_LINK = "/admin/inspection";

/** Called as each batch of new findings is written: a new 单项否决 finding is told at once. */
export async function notifyNewVetoes(db: PrismaClient, created: readonly NewFinding[]): Promise<void> {
  const vetoes = created.filter((finding) => KIND_RULES[finding.kind].severity === "VETO");
  for (const finding of vetoes) {
    const userIds = await recipients(db, finding.columnId ?? null);
    await db.$transaction((tx) =>
      notify(tx, userIds, {
        kind: "inspection.veto",
        title: inspectionText.notifications.veto(inspectionText.kindLabels[finding.kind], finding.page || "/"),
        link: `${REPORT_LINK}?kind=${finding.kind}`,
      }),
    );
  }
}

/** The weekly run's summary, to every 系统管理员 and 终审. */
export async function notifySummary(db: PrismaClient, title: string): Promise<void> {
  const userIds = await recipients(db, null);
  await db.$transaction((tx) => notify(tx, userIds, { kind: "inspection.summary", title, link: REPORT_LINK }));
}

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
      OR: [
        { role: "ADMIN" },
        { role: "REVIEWER", level: 3, ...(columnId ? { OR: [{ columnId }, { columnId: null }] } : {}) },
      ],
    },
    select: { userId: true },
  });
  return [...new Set(rows.map((row) => row.userId))];
}

export const REPORT_LINK = "/admin/inspection";

/**
 * How many new 单项否决 findings one run notifies one by one; beyond that (a BLOCK term in thousands of
 * articles) the rest are counted and told once at the end (`notifyMoreVetoes`), not flooding inboxes.
 */
export const VETO_NOTICES_PER_RUN = 20;

export interface VetoBudget {
  left: number;
  suppressed: number;
}

/** Called as each batch of new findings is written: a new 单项否决 finding is told at once. */
export async function notifyNewVetoes(
  db: PrismaClient,
  created: readonly NewFinding[],
  budget: VetoBudget = { left: VETO_NOTICES_PER_RUN, suppressed: 0 },
): Promise<void> {
  const vetoes = created.filter((finding) => KIND_RULES[finding.kind].severity === "VETO");
  for (const finding of vetoes) {
    if (budget.left <= 0) {
      budget.suppressed += 1;
      continue;
    }
    budget.left -= 1;
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

export async function notifyMoreVetoes(db: PrismaClient, budget: VetoBudget): Promise<void> {
  if (budget.suppressed === 0) return;
  const userIds = await recipients(db, null);
  await db.$transaction((tx) =>
    notify(tx, userIds, {
      kind: "inspection.veto",
      title: inspectionText.notifications.moreVetoes(budget.suppressed),
      link: `${REPORT_LINK}?severity=VETO`,
    }),
  );
}

/** The weekly run's summary, to every 系统管理员 and 终审. */
export async function notifySummary(db: PrismaClient, title: string): Promise<void> {
  const userIds = await recipients(db, null);
  await db.$transaction((tx) => notify(tx, userIds, { kind: "inspection.summary", title, link: REPORT_LINK }));
}

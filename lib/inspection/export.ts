import "server-only";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { appendAuditEvent } from "@/lib/audit/append";
import { formatDate, formatDateTime } from "@/lib/format/date";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { KIND_RULES } from "./kinds";
import { inspectionText as t } from "./messages";
import { allFindings, annualFigures, fixLink, type FindingFilter, type RunRow } from "./queries";
import { computeScore, parseCounts } from "./score";

/**
 * The 检查报告 as an .xlsx workbook (exceljs' streaming writer: rows go out as they are read, so a
 * report with 100,000 findings never sits in memory): 概况 (score, 单项否决, deductions), 问题清单
 * (every finding of the filter, with what to do and where to fix it) and 年度报表.
 */

export async function writeInspectionWorkbook(
  db: PrismaClient,
  input: { run: RunRow; filter: FindingFilter; timeZone: string; siteUrl: string; now?: Date },
  output: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const bold = { font: { bold: true } };
  const u = t.ui;
  const score = computeScore(parseCounts(input.run.counts));

  const summary = workbook.addWorksheet("概况");
  summary.columns = [{ width: 28 }, { width: 60 }, { width: 12 }, { width: 12 }];
  summary.addRow([u.reportHeading]).font = { bold: true, size: 14 };
  summary.addRow([u.startedAt, formatDateTime(input.run.startedAt, input.timeZone)]).commit();
  summary
    .addRow([u.finishedAt, input.run.finishedAt ? formatDateTime(input.run.finishedAt, input.timeZone) : ""])
    .commit();
  summary.addRow([u.score, input.run.status === "DONE" ? score.score : t.statusLabels[input.run.status]]).commit();
  summary
    .addRow([
      "结论",
      score.verdict === "veto" ? u.verdictVeto : score.verdict === "fail" ? u.verdictFail : u.verdictPass,
    ])
    .commit();
  if (input.run.error) summary.addRow(["错误", input.run.error]).commit();
  summary.addRow([]).commit();
  const vetoHeader = summary.addRow([u.vetoTitle, u.whatToDo, u.count]);
  vetoHeader.font = bold.font;
  vetoHeader.commit();
  for (const kind of ["HOME_STALE", "HOME_UNREACHABLE", "SERIOUS_ERROR"] as const) {
    const count = parseCounts(input.run.counts).get(kind) ?? 0;
    summary.addRow([t.kindLabels[kind], t.kindAdvice[kind], count]).commit();
  }
  summary.addRow([]).commit();
  const header = summary.addRow([u.category, "", u.count, u.points]);
  header.font = bold.font;
  header.commit();
  for (const deduction of score.deductions) {
    summary
      .addRow([t.categoryLabels[deduction.category], `${u.cap} ${deduction.cap}`, deduction.count, deduction.points])
      .commit();
  }
  summary.commit();

  const sheet = workbook.addWorksheet("问题清单");
  sheet.columns = [
    { header: t.ui.filterSeverity, width: 10 },
    { header: t.ui.filterKind, width: 20 },
    { header: t.ui.page, width: 40 },
    { header: t.ui.element, width: 40 },
    { header: t.ui.evidence, width: 50 },
    { header: t.ui.whatToDo, width: 50 },
    { header: t.ui.fix, width: 40 },
    { header: t.ui.firstSeen, width: 12 },
    { header: t.ui.resolvedAt, width: 12 },
  ];
  sheet.getRow(1).font = bold.font;
  for await (const finding of allFindings(db, input.run.id, input.filter)) {
    const fix = fixLink(finding);
    sheet
      .addRow([
        t.severityLabels[KIND_RULES[finding.kind].severity],
        t.kindLabels[finding.kind],
        finding.page ? `${input.siteUrl}${finding.page}` : "",
        finding.element,
        finding.evidence,
        t.kindAdvice[finding.kind],
        fix ? `${input.siteUrl}${fix}` : "",
        formatDate(finding.firstSeenAt, input.timeZone),
        finding.resolvedAt ? formatDate(finding.resolvedAt, input.timeZone) : "",
      ])
      .commit();
  }
  sheet.commit();

  await writeAnnualSheet(workbook, await annualFigures(db, input.timeZone, input.now));
  await workbook.commit();
}

async function writeAnnualSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  figures: Awaited<ReturnType<typeof annualFigures>>,
): Promise<void> {
  const u = t.ui;
  const sheet = workbook.addWorksheet("年度报表");
  sheet.columns = [{ width: 36 }, { width: 14 }];
  sheet.addRow([u.annualIntro(figures.year)]).commit();
  sheet.addRow([u.annualTotal, figures.total]).commit();
  for (const row of figures.byCategory)
    sheet.addRow([`${u.annualByCategory}：${t.updateCategoryShort[row.category]}`, row.count]).commit();
  sheet.addRow([u.annualColumns, figures.columns]).commit();
  sheet.addRow([u.annualColumnsUpdated, figures.columnsUpdated]).commit();
  sheet.addRow([u.annualTopics, figures.topics]).commit();
  sheet.commit();
}

/** The 年度报表 alone (its own export button). */
export async function writeAnnualWorkbook(
  db: PrismaClient,
  timeZone: string,
  output: Writable,
  now = new Date(),
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  await writeAnnualSheet(workbook, await annualFigures(db, timeZone, now));
  await workbook.commit();
}

/** Every export is on the record: a 检查报告 leaves the system. */
export async function recordInspectionExport(
  db: PrismaClient,
  actor: { id: string },
  data: { runId: string | null; sheet: "report" | "annual" },
): Promise<void> {
  await db.$transaction((tx) =>
    appendAuditEvent(tx, {
      actorId: actor.id,
      action: "inspection.export",
      target: data.runId ? `inspection:${data.runId}` : "inspection",
      data,
    }),
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { primaryButton } from "@/components/admin/forms/button-styles";
import {
  AnnualReport,
  Deductions,
  FindingsTable,
  ScoreSummary,
  Trend,
  VetoItems,
} from "@/components/admin/inspection/Report";
import { PrintButton } from "@/components/admin/inspection/PrintButton";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { inspectionText as t } from "@/lib/inspection/messages";
import { annualFigures, listFindings, reportState } from "@/lib/inspection/queries";
import { requirePagePermission } from "@/lib/permissions";
import { getSiteSettings } from "@/lib/settings/queries";

export const metadata = { title: t.ui.reportHeading };

/** Enough for a paper report; the .xlsx export has every finding. */
const PRINTED = 1_000;

/**
 * The 检查报告 for a department to file: the latest report without buttons or filters. The print
 * stylesheet below hides the admin shell (its header and navigation) on paper.
 */
export default async function InspectionPrintPage() {
  await requirePagePermission("inspection.view");
  const settings = await getSiteSettings(db);
  const timeZone = settings.timeZone;
  const [state, annual] = await Promise.all([reportState(db), annualFigures(db, timeZone)]);
  const latest = state.latest;
  if (!latest) notFound();
  const [vetoes, findings] = await Promise.all([
    listFindings(db, latest.id, { status: "open", severity: "VETO" }, 50),
    listFindings(db, latest.id, { status: "open" }, PRINTED),
  ]);

  return (
    <div className="inspection-print mx-auto max-w-5xl space-y-6">
      <style>
        {
          "@media print { body > div > header, body nav, [data-toaster], .no-print { display: none !important; } .inspection-print section, .inspection-print table { break-inside: auto; } }"
        }
      </style>
      <div className="no-print flex items-center gap-3">
        <PrintButton className={primaryButton} />
        <Link href="/admin/inspection" className="text-sm text-brand-700 underline">
          {t.ui.back}
        </Link>
      </div>
      <div>
        <h1 className="text-2xl font-semibold">
          {settings.siteName} {t.ui.reportHeading}
        </h1>
        <p className="text-sm text-slate-600">
          {t.ui.generatedAt}：{formatDateTime(new Date(), timeZone)}
        </p>
      </div>
      <VetoItems findings={vetoes.rows} timeZone={timeZone} withLinks={false} />
      <ScoreSummary run={latest} score={latest.computed} timeZone={timeZone} />
      <Deductions score={latest.computed} />
      <Trend runs={state.trend} timeZone={timeZone} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t.ui.findingsTitle}</h2>
        <FindingsTable findings={findings.rows} timeZone={timeZone} withLinks={false} />
        {findings.total > findings.rows.length && (
          <p className="text-sm text-slate-600">{t.ui.moreFindings(findings.rows.length, findings.total)}</p>
        )}
      </section>
      <AnnualReport figures={annual} />
    </div>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/admin/EmptyState";
import { ImportUploadForm } from "@/components/admin/import/ImportUploadForm";
import { RefreshWhileRunning } from "@/components/admin/inspection/RunProgress";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { importText as text } from "@/lib/import/messages";
import { listBatches } from "@/lib/import/queries";
import { can, requirePagePermission } from "@/lib/permissions";
import { displayTimeZone } from "@/lib/settings/display-time-zone";

export const metadata = { title: text.ui.title };

const t = text.ui;
const WORKING = new Set(["QUEUED", "PREPARING", "APPROVED", "PUBLISHING"]);

const statusStyle: Record<string, string> = {
  READY: "bg-amber-50 text-amber-800 ring-amber-200",
  DONE: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  FAILED: "bg-rose-50 text-rose-800 ring-rose-200",
  REJECTED: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** 历史稿件导入: new batch (editors), the batches with their state, and what waits for a 终审. */
export default async function ImportPage() {
  const user = await requirePagePermission("import.view");
  const [batches, columns, timeZone] = await Promise.all([
    listBatches(db),
    db.column.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    displayTimeZone(),
  ]);
  const mayCreate = can(user, "import.create");
  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro} />
      {batches.some((batch) => WORKING.has(batch.status)) && <RefreshWhileRunning />}
      {mayCreate && <ImportUploadForm columns={columns} />}
      <section aria-labelledby="import-batches" className="space-y-3">
        <h2 id="import-batches" className="text-base font-semibold text-slate-900">
          {t.batches}
        </h2>
        {batches.length === 0 ? (
          <EmptyState message={t.empty}>
            <p className="mt-2 text-sm text-slate-500">
              {mayCreate ? t.emptyHint : "编辑发起导入后，待您审批的批次会出现在这里。"}
            </p>
          </EmptyState>
        ) : (
          <ListTable
            columns={[
              { label: "来源文件" },
              { label: t.format },
              { label: t.status },
              { label: t.items },
              { label: t.createdBy },
              { label: "时间" },
            ]}
          >
            {batches.map((batch) => (
              <tr key={batch.id}>
                <td className="px-4 py-3">
                  <Link href={`/admin/import/${batch.id}`} className="font-medium text-brand-700 hover:underline">
                    {batch.sourceName}
                  </Link>
                </td>
                <td className="px-4 py-3 text-slate-600">{text.formatLabels[batch.format]}</td>
                <td className="px-4 py-3">
                  <span
                    className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${statusStyle[batch.status] ?? "bg-sky-50 text-sky-800 ring-sky-200"}`}
                  >
                    {text.statusLabels[batch.status]}
                  </span>
                  {WORKING.has(batch.status) && batch.progressTotal > 0 && (
                    <progress
                      className="ml-2 h-2 w-24 align-middle"
                      max={batch.progressTotal}
                      value={batch.progressDone}
                      aria-label={t.progress(batch.progressDone, batch.progressTotal)}
                    />
                  )}
                </td>
                <td className="px-4 py-3 text-slate-600">
                  {batch.status === "DONE" ? `已发布 ${batch.published}` : `可导入 ${batch.ready}`}
                  {batch.failed > 0 && <span className="ml-2 text-rose-700">失败 {batch.failed}</span>}
                </td>
                <td className="px-4 py-3 text-slate-600">{batch.createdBy}</td>
                <td className="px-4 py-3 text-slate-600">{formatDateTime(batch.createdAt, timeZone)}</td>
              </tr>
            ))}
          </ListTable>
        )}
      </section>
    </div>
  );
}

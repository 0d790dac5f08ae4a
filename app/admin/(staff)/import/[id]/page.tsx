import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { EmptyState } from "@/components/admin/EmptyState";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import { RefreshWhileRunning } from "@/components/admin/inspection/RunProgress";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { db } from "@/lib/db";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { batchTargetColumns, mayApprove } from "@/lib/import/commands";
import { importText as text } from "@/lib/import/messages";
import { batchDetail, ITEMS_SHOWN } from "@/lib/import/queries";
import { requirePagePermission } from "@/lib/permissions";
import { publicUrls } from "@/lib/urls";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { isUuid } from "@/lib/uuid";
import { approveImportAction, rejectImportAction } from "../actions";

export const metadata = { title: text.ui.title };

const t = text.ui;
const WORKING = new Set(["QUEUED", "PREPARING", "APPROVED", "PUBLISHING"]);

const itemStyle: Record<string, string> = {
  READY: "text-slate-700",
  PUBLISHED: "text-emerald-700",
  FAILED: "text-rose-700",
  PUBLISH_FAILED: "text-rose-700",
};

/** One batch: its dry-run preview, the failures with their reasons, photos without alt text, and the 终审's decision. */
export default async function ImportBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("import.view");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [detail, timeZone] = await Promise.all([batchDetail(db, id), displayTimeZone()]);
  if (!detail) notFound();
  const { batch, items } = detail;
  const columns = batch.status === "READY" ? await batchTargetColumns(db, batch.id) : [];
  const canDecide = batch.status === "READY" && mayApprove(user, columns) && batch.createdById !== user.id;
  const ready = items.filter((item) => item.status === "READY").length;
  const failed = items.filter((item) => item.status === "FAILED" || item.status === "PUBLISH_FAILED");
  const missingAlt = items.flatMap((item) => item.missingAlt.map((photo) => ({ ...photo, title: item.title })));
  const working = WORKING.has(batch.status);

  return (
    <div className="space-y-6">
      <BackLink href="/admin/import" label={t.back} />
      <PageHeader
        title={`${t.title}：${batch.sourceName}`}
        intro={`${text.formatLabels[batch.format]} · ${t.createdBy} ${detail.createdBy} · ${formatDateTime(batch.createdAt, timeZone)} · ${t.column} ${detail.defaultColumn}`}
      />

      <section aria-label={t.status} className="grid gap-4 md:grid-cols-4">
        <div className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <p className="text-sm text-slate-500">{t.status}</p>
          <p className="mt-1 text-lg font-semibold text-slate-900">{text.statusLabels[batch.status]}</p>
          {working && (
            <div role="status" className="mt-2 text-sm text-sky-900">
              <RefreshWhileRunning />
              <p>{t.progress(batch.progressDone, batch.progressTotal)}</p>
              <progress className="mt-1 w-full" max={Math.max(batch.progressTotal, 1)} value={batch.progressDone}>
                {batch.progressDone}
              </progress>
            </div>
          )}
          {batch.error && <p className="mt-2 text-sm text-rose-700">{batch.error}</p>}
        </div>
        <div className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <p className="text-sm text-slate-500">{batch.status === "DONE" ? "已发布" : "可导入"}</p>
          <p className="mt-1 text-2xl font-semibold text-slate-900">
            {batch.status === "DONE" ? items.filter((item) => item.status === "PUBLISHED").length : ready}
          </p>
        </div>
        <div className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <p className="text-sm text-slate-500">{t.failed}</p>
          <p className={`mt-1 text-2xl font-semibold ${failed.length ? "text-rose-700" : "text-slate-900"}`}>
            {failed.length}
          </p>
        </div>
        <div className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <p className="text-sm text-slate-500">{t.missingAlt}</p>
          <p className={`mt-1 text-2xl font-semibold ${missingAlt.length ? "text-amber-700" : "text-slate-900"}`}>
            {missingAlt.length}
          </p>
          {batch.skippedCount > 0 && (
            <p className="mt-1 text-xs text-slate-500">
              另有 {batch.skippedCount} 个非文章条目（页面、草稿、列表页）未导入
            </p>
          )}
        </div>
      </section>

      {batch.status === "READY" &&
        (canDecide ? (
          <section
            aria-labelledby="import-decision"
            className="space-y-3 rounded-xl bg-amber-50 p-5 ring-1 ring-amber-200"
          >
            <h2 id="import-decision" className="text-base font-semibold text-amber-900">
              {t.waitingApproval(columns.map((column) => column.name).join("、"))}
            </h2>
            <p className="text-sm text-amber-900">
              这些稿件已在原网站审核发布，批准后将跳过三级审核直接发布，并标注「{text.historical}
              」。请先核对下面的预览。
            </p>
            <div className="flex flex-wrap items-start gap-3">
              <ActionForm
                action={approveImportAction}
                confirm={t.approveConfirm(ready)}
                className="flex flex-wrap items-start gap-2"
              >
                <input type="hidden" name="batchId" value={batch.id} />
                <label className="text-sm text-amber-900">
                  <span className="sr-only">{t.comment}</span>
                  <input
                    name="comment"
                    maxLength={500}
                    placeholder={t.comment}
                    className="w-72 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-amber-300"
                    aria-describedby="comment-error"
                  />
                  <FormFieldError name="comment" />
                </label>
                <button type="submit" className={primaryButton}>
                  {t.approve}
                </button>
              </ActionForm>
              <ActionForm action={rejectImportAction} confirm="驳回后本批次不会发布任何稿件。确定吗？">
                <input type="hidden" name="batchId" value={batch.id} />
                <button type="submit" className={secondaryButton}>
                  {t.reject}
                </button>
              </ActionForm>
            </div>
          </section>
        ) : (
          <p className="rounded-xl bg-sky-50 p-4 text-sm text-sky-900 ring-1 ring-sky-200">
            {columns.length
              ? t.waitingApproval(columns.map((column) => column.name).join("、"))
              : text.errors.nothingToApprove}
            。{t.onlyFinal}
          </p>
        ))}
      {batch.decidedById && (
        <p className="text-sm text-slate-600">
          {t.decidedBy}：{detail.decidedBy}（{batch.decidedAt ? formatDateTime(batch.decidedAt, timeZone) : ""}）
          {batch.decisionComment ? `：${batch.decisionComment}` : ""}
        </p>
      )}

      {missingAlt.length > 0 && (
        <section aria-labelledby="import-missing-alt" className="space-y-2">
          <h2 id="import-missing-alt" className="text-base font-semibold text-slate-900">
            {t.missingAlt}
          </h2>
          <p className="text-sm text-slate-600">{t.missingAltHint}</p>
          <ul className="list-disc space-y-1 pl-6 text-sm">
            {missingAlt.map((photo) => (
              <li key={`${photo.mediaId}-${photo.title}`}>
                <Link
                  className="text-brand-700 underline"
                  href={`/admin/media?q=${encodeURIComponent(photo.src.split(/[/?#]/).filter(Boolean).pop() ?? "")}`}
                >
                  {photo.src}
                </Link>
                <span className="text-slate-500">（{photo.title}）</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="import-items" className="space-y-3">
        <h2 id="import-items" className="text-base font-semibold text-slate-900">
          {t.preview}
        </h2>
        {items.length === 0 ? (
          <EmptyState
            message={
              working
                ? "正在读取来源，稍后这里会列出每一篇稿件。"
                : "这个批次没有读到任何稿件。请检查来源格式或网页读取规则后重新导入。"
            }
          />
        ) : (
          <ListTable
            columns={[
              { label: "标题" },
              { label: t.date },
              { label: t.source },
              { label: t.byline },
              { label: t.columnName },
              { label: t.status },
            ]}
            testId="import-items"
          >
            {items.map((item) => (
              <tr key={item.id} className="align-top">
                <td className="max-w-md px-4 py-3">
                  <p className="font-medium text-slate-900">
                    {item.seriesMark}
                    {item.title || "（无标题）"}
                  </p>
                  <p className="mt-0.5 break-all text-xs text-slate-500">
                    {t.oldUrl}：{item.key}
                  </p>
                  {item.slug && (
                    <p className="text-xs">
                      <a
                        className="text-brand-700 underline"
                        href={publicUrls.article(item.slug)}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {t.newUrl}：{publicUrls.article(item.slug)}
                      </a>
                    </p>
                  )}
                  {item.warnings.map((warning) => (
                    <p key={warning} className="mt-0.5 text-xs text-amber-700">
                      {warning}
                    </p>
                  ))}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {item.publishedAt ? formatDate(item.publishedAt, timeZone) : "—"}
                </td>
                <td className="px-4 py-3 text-slate-600">{item.source || "—"}</td>
                <td className="px-4 py-3 text-slate-600">{item.byline || "—"}</td>
                <td className="px-4 py-3 text-slate-600">{item.column || "—"}</td>
                <td className={`px-4 py-3 ${itemStyle[item.status] ?? ""}`}>
                  {item.status === "READY"
                    ? item.articleId
                      ? t.update
                      : t.create
                    : text.itemStatusLabels[item.status]}
                  {item.reason && <p className="mt-0.5 text-xs">{item.reason}</p>}
                </td>
              </tr>
            ))}
          </ListTable>
        )}
        {detail.total > ITEMS_SHOWN && (
          <p className="text-sm text-slate-500">
            仅显示前 {ITEMS_SHOWN} 篇，共 {detail.total} 篇。
          </p>
        )}
      </section>
    </div>
  );
}

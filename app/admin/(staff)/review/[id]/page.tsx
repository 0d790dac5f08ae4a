import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { PendingEffects } from "@/components/admin/PendingEffects";
import { DiffView } from "@/components/admin/articles/DiffView";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { CheckResults } from "@/components/admin/workflow/CheckResults";
import { CommentForm } from "@/components/admin/workflow/CommentForm";
import { Timeline } from "@/components/admin/workflow/Timeline";
import { WorkflowPanel } from "@/components/admin/workflow/WorkflowPanel";
import { checkedFieldsOf, readRevisionMeta } from "@/lib/articles/revision-meta";
import { storedBodyOrEmpty } from "@/lib/articles/body/schema";
import { articlesText } from "@/lib/articles/messages";
import { diffRevisions } from "@/lib/articles/revision-diff";
import { checkArticle } from "@/lib/checks";
import { articleResource } from "@/lib/articles/resource";
import { db } from "@/lib/db";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, requirePagePermission } from "@/lib/permissions";
import { pendingEffects } from "@/lib/public/publish/outbox";
import { isUuid } from "@/lib/uuid";
import { workflowText, workflowUi } from "@/lib/workflow/messages";
import { renderArticlePreview } from "@/lib/public/render/preview";
import { articleTimeline, availableEvents, reviewDetail } from "@/lib/workflow/queries";
import { publicUrls } from "@/lib/urls";
import { setDisplayDateAction } from "../../articles/actions";
import { commentAction } from "../actions";

const f = articlesText.ui.fields;

const t = workflowUi.review;

export const metadata = { title: workflowUi.queue.title };

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const resource = await articleResource(db, id);
  if (!resource) notFound();
  const user = await requirePagePermission("article.read", resource);
  const timeZone = await displayTimeZone();
  const article = await reviewDetail(db, id);
  const revision = article?.currentRevision;
  if (!article || !revision) notFound();

  const body = storedBodyOrEmpty(revision.body);
  // What the revision recorded is what would be published (lib/articles/revision-meta.ts).
  const recorded = readRevisionMeta(revision.meta);
  const [preview, checks, timeline, workflow, columnNames, effects] = await Promise.all([
    renderArticlePreview(db, id),
    checkArticle(db, { ...(recorded ? checkedFieldsOf(recorded) : {}), title: revision.title, body }),
    articleTimeline(db, id),
    availableEvents(db, user, id),
    // A move to another column shows in the diff by name (the revision records the column).
    db.column
      .findMany({ select: { id: true, name: true } })
      .then((rows) => new Map(rows.map((column) => [column.id, column.name]))),
    pendingEffects(db, id),
  ]);
  const submission = article.submissions[0];
  const mayComment = can(user, "review.comment", { columnId: article.columnId, ownerId: article.createdById });
  const mayDate = can(user, "article.setDisplayDate", { columnId: article.columnId });
  const address = await db.article.findUniqueOrThrow({ where: { id }, select: { slug: true, displayDate: true } });
  const recordedDate = recorded?.displayDate ? formatDate(new Date(recorded.displayDate), timeZone) : "";

  return (
    <div className="space-y-6">
      <nav>
        <BackLink href="/admin/review" label={t.back} />
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{revision.title}</h1>
        <p className="text-sm text-slate-600">
          {t.meta(article.column.name, article.createdBy.displayName, revision.number)}
        </p>
        <p className="text-sm" data-testid="article-status">
          {t.status}：<strong>{workflowUi.queue.stage(article.status, article.reviewLevel)}</strong>
          {article.publishAt ? ` · ${t.scheduledAt}：${formatDateTime(article.publishAt, timeZone)}` : ""}
          {article.withdrawnReason ? ` · ${t.withdrawnBecause}：${article.withdrawnReason}` : ""}
          {workflow.withdrawal
            ? ` · ${t.withdrawalAt}：${formatDateTime(workflow.withdrawal.runAt, timeZone)}（${workflow.withdrawal.reason}）`
            : ""}
        </p>
        <PendingEffects total={effects.total} items={effects.items} timeZone={timeZone} />
        <p className="text-sm text-slate-600" data-testid="article-address">
          {f.address}：<code>{publicUrls.article(address.slug)}</code> · {f.displayDateShown}：
          {recordedDate || f.displayDateDefault}
        </p>
        <WorkflowPanel
          articleId={article.id}
          lockVersion={workflow.lockVersion}
          events={workflow.events}
          combined={workflow.combined}
          timeZone={timeZone}
        />
        {mayDate && (
          <ActionForm
            action={setDisplayDateAction}
            aria-label={f.setDisplayDate}
            className="rounded-lg border border-slate-200 bg-white p-4"
          >
            <input type="hidden" name="articleId" value={article.id} />
            <input type="hidden" name="lockVersion" value={workflow.lockVersion} />
            <div className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="review-displayDate" className="block text-sm font-medium">
                  {f.displayDate}
                </label>
                <input
                  id="review-displayDate"
                  name="displayDate"
                  type="date"
                  defaultValue={address.displayDate ? formatDate(address.displayDate, timeZone) : ""}
                  className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
              </div>
              <button
                type="submit"
                className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
              >
                {f.setDisplayDate}
              </button>
            </div>
            <FormFieldError name="displayDate" />
            <p className="mt-2 text-xs text-slate-500">{f.setDisplayDateHint}</p>
          </ActionForm>
        )}
      </header>

      {submission && (
        <section aria-labelledby="approvals-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="approvals-title" className="text-base font-semibold">
            {t.approvals}
          </h2>
          <p className="mt-1 text-xs text-slate-500">
            {t.submittedAt}：{formatDateTime(submission.createdAt, timeZone)} · {t.hash}：
            <code>{submission.contentHash.slice(0, 12)}</code>
          </p>
          <ol className="mt-2 flex flex-wrap gap-2 text-sm">
            {Array.from({ length: submission.levels }, (_, index) => index + 1).map((level) => {
              const review = submission.reviews.find((item) => item.level === level);
              return (
                <li key={level} className="rounded-md bg-slate-50 px-3 py-1.5">
                  {workflowText.levelLabels[level]}:
                  {review
                    ? `${review.reviewer.displayName} ${review.decision === "APPROVE" ? workflowUi.actions.approve : workflowUi.actions.return}`
                    : "—"}
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="preview-title" className="min-w-0 space-y-2">
          <h2 id="preview-title" className="text-base font-semibold">
            {t.preview}
          </h2>
          <iframe
            title={t.previewFrame}
            srcDoc={preview ?? ""}
            sandbox="allow-same-origin"
            className="h-[70vh] w-full rounded-lg border border-slate-200 bg-white"
          />
        </section>
        <div className="space-y-6">
          <section aria-labelledby="checks-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="checks-title" className="mb-2 text-base font-semibold">
              {t.checks}
            </h2>
            <CheckResults result={checks} />
          </section>
          <section
            aria-labelledby="comments-title"
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id="comments-title" className="text-base font-semibold">
              {t.comments}
            </h2>
            {article.comments.length === 0 ? (
              <p className="text-sm text-slate-500">{t.noComments}</p>
            ) : (
              <ul className="space-y-3" data-testid="comments">
                {article.comments.map((comment) => (
                  <li key={comment.id} className="text-sm">
                    <p className="text-xs text-slate-500">
                      {comment.author.displayName} · {formatDateTime(comment.createdAt, timeZone)} ·{" "}
                      {workflowUi.comment.onRevision(comment.revision.number)}
                    </p>
                    {comment.quote ? (
                      <blockquote className="border-l-2 border-slate-300 pl-2 text-slate-600">
                        {comment.quote}
                      </blockquote>
                    ) : null}
                    <p className="whitespace-pre-wrap">{comment.body}</p>
                  </li>
                ))}
              </ul>
            )}
            {mayComment && <CommentForm action={commentAction} articleId={article.id} />}
          </section>
        </div>
      </div>

      <section aria-labelledby="diff-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="diff-title" className="mb-2 text-base font-semibold">
          {t.diff}
        </h2>
        {article.publishedRevision ? (
          <DiffView
            diff={diffRevisions(
              article.publishedRevision,
              revision,
              (columnId) => columnNames.get(columnId) ?? columnId,
              timeZone,
            )}
            leftLabel={t.diffPublished(article.publishedRevision.number)}
            rightLabel={t.diffCurrent(revision.number)}
          />
        ) : (
          <p className="text-sm text-slate-500">{t.diffNone}</p>
        )}
      </section>

      <Timeline entries={timeline} timeZone={timeZone} />
    </div>
  );
}

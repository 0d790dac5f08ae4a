import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { ArticleForm } from "@/components/admin/articles/ArticleForm";
import { LockVersionProvider } from "@/components/admin/articles/LockVersion";
import { LiveLink } from "@/components/admin/articles/LiveLink";
import { RestoreButton } from "@/components/admin/articles/RestoreButton";
import { ReviewNotes } from "@/components/admin/articles/ReviewNotes";
import { ArticleWorkflow } from "@/components/admin/workflow/ArticleWorkflow";
import { ArticleStatusBadge } from "@/components/admin/articles/StatusBadge";
import { figureMediaIds } from "@/lib/articles/body-media";
import { articlesText } from "@/lib/articles/messages";
import { checkArticle } from "@/lib/checks";
import {
  getArticleForEditor,
  listColumnChoices,
  listProfileChoices,
  listRevisions,
  mediaItemsByIds,
} from "@/lib/articles/queries";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, requirePagePermission } from "@/lib/permissions";
import { workflowUi } from "@/lib/workflow/messages";
import { quotedPassages } from "@/lib/workflow/quotes";
import { articleWorkflowView, reviewNotes } from "@/lib/workflow/queries";
import { isUuid } from "@/lib/uuid";
import { publicUrls } from "@/lib/urls";

const t = articlesText.ui;

export const metadata = { title: t.editArticle };

/** Statuses in which the author may save (see lib/articles/commands.ts). */
const EDITABLE = new Set(["DRAFT", "PUBLISHED", "WITHDRAWN"]);

export default async function EditArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const article = await getArticleForEditor(db, id);
  if (!article) notFound();
  const resource = { ownerId: article.createdById, columnId: article.columnId };
  const user = await requirePagePermission("article.read", resource);
  const timeZone = await displayTimeZone();
  const editable = can(user, "article.editOwn", resource) && EDITABLE.has(article.status);
  const live = article.publishedRevisionId !== null && article.withdrawnAt === null;

  const [columns, profiles, revisions, media, workflow, checks, notes] = await Promise.all([
    listColumnChoices(db),
    listProfileChoices(db),
    listRevisions(db, id),
    mediaItemsByIds(db, [...figureMediaIds(article.body), article.coverId]),
    articleWorkflowView(db, user, id),
    checkArticle(db, {
      title: article.currentRevision?.title ?? "",
      overTitle: article.overTitle,
      subtitle: article.subtitle,
      responsibleEditor: article.responsibleEditor,
      seriesMark: article.seriesMark,
      lead: article.lead,
      summary: article.summary,
      source: article.source,
      byline: article.byline,
      body: article.body,
      coverId: article.coverId,
      profileId: article.profileId,
    }),
    reviewNotes(db, id),
  ]);
  const reviewQuotes = [
    ...(notes.returned
      ? quotedPassages(notes.returned.comment).map((quote) => ({
          quote,
          note: workflowUi.notes.quoteTitle(notes.returned?.comment ?? ""),
        }))
      : []),
    ...notes.comments
      .filter((comment) => comment.quote.trim())
      .map((comment) => ({ quote: comment.quote, note: workflowUi.notes.quoteTitle(comment.body) })),
  ];
  // A restore reloads the form with the restored content: the key changes, so the form remounts.
  const restored = typeof (await searchParams).restored === "string" ? (await searchParams).restored : "";

  return (
    <LockVersionProvider key={`lock-${restored}`} initial={article.lockVersion}>
      <div className="max-w-6xl space-y-4">
        <BackLink href="/admin/articles" label={t.backToList} />
        <header className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{t.editArticle}</h1>
          <ArticleStatusBadge status={article.status} reviewLevel={article.reviewLevel} live={live} />
          {article.currentRevision && (
            <span className="text-sm text-slate-500">{t.version(article.currentRevision.number)}</span>
          )}
          {live && <LiveLink url={`${env().SITE_URL}${publicUrls.article(article.slug)}`} />}
        </header>

        <ReviewNotes notes={notes} timeZone={timeZone} />

        <ArticleForm
          key={`form-${restored}`}
          reviewQuotes={reviewQuotes}
          articleId={article.id}
          timeZone={timeZone}
          savedAt={article.currentRevision?.updatedAt.toISOString()}
          lockVersion={article.lockVersion}
          editable={editable}
          canSetDisplayDate={can(user, "article.setDisplayDate", { columnId: article.columnId })}
          slugEditable={
            article.publishedAt === null || can(user, "article.changeLiveSlug", { columnId: article.columnId })
          }
          everPublished={article.publishedAt !== null}
          initial={{
            title: article.currentRevision?.title ?? "",
            overTitle: article.overTitle,
            subtitle: article.subtitle,
            seriesMark: article.seriesMark,
            columnId: article.columnId,
            source: article.source,
            byline: article.byline,
            responsibleEditor: article.responsibleEditor,
            displayDate: article.displayDate ? formatDate(article.displayDate, timeZone) : "",
            slug: article.slug,
            summary: article.summary,
            lead: article.lead,
            coverId: article.coverId,
            profileId: article.profileId,
          }}
          body={article.body}
          checks={checks}
          columns={columns}
          profiles={profiles}
          maxUploadBytes={env().UPLOAD_MAX_BYTES}
          media={media}
        />

        <ArticleWorkflow {...workflow} timeZone={timeZone} />

        <section aria-labelledby="revisions-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <h2 id="revisions-heading" className="text-lg font-semibold">
            {t.revisions}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t.revisionsIntro}</p>
          {/* Keyed by the newest revision: after a save refreshes the list, the default choice (the two newest) applies again. */}
          <form noValidate key={revisions[0]?.id} action={`/admin/articles/${article.id}/compare`} className="mt-4">
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t.compareFrom}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t.compareTo}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t.columns.title}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t.revisionAuthor}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t.revisionTime}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      <span className="sr-only">{t.columns.actions}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {revisions.map((revision, index) => (
                    <tr key={revision.id} data-testid="revision-row">
                      <td className="px-3 py-2">
                        <input
                          type="radio"
                          name="from"
                          value={revision.number}
                          defaultChecked={index === 1}
                          aria-label={`${t.compareFrom} ${t.version(revision.number)}`}
                        />
                      </td>
                      <td className="px-3 py-2">
                        <input
                          type="radio"
                          name="to"
                          value={revision.number}
                          defaultChecked={index === 0}
                          aria-label={`${t.compareTo} ${t.version(revision.number)}`}
                        />
                      </td>
                      <td className="px-3 py-2">
                        <span className="font-medium">{t.version(revision.number)}</span> {revision.title}
                        {revision.id === article.currentRevision?.id && (
                          <span className="ml-2 text-xs text-brand-700">{t.current}</span>
                        )}
                        {revision.id === article.publishedRevisionId && (
                          <span className="ml-2 text-xs text-emerald-700">{t.published}</span>
                        )}
                        {revision.autosave && revision.id === article.currentRevision?.id && (
                          <span className="ml-2 text-xs text-slate-500">{t.workingRevision}</span>
                        )}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{revision.author.displayName}</td>
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(revision.updatedAt, timeZone)}</td>
                      <td className="px-3 py-2 text-right">
                        {editable && revision.id !== article.currentRevision?.id && (
                          <RestoreButton
                            articleId={article.id}
                            revisionId={revision.id}
                            number={revision.number}
                            lockVersion={article.lockVersion}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {revisions.length > 1 && (
              <button
                type="submit"
                className="mt-3 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
              >
                {t.compare}
              </button>
            )}
          </form>
        </section>
      </div>
    </LockVersionProvider>
  );
}

import Link from "next/link";
import { FilePlus2 } from "lucide-react";
import { ArticleStatusBadge } from "@/components/admin/articles/StatusBadge";
import { articlesText } from "@/lib/articles/messages";
import { listArticles } from "@/lib/articles/queries";
import { ARTICLE_STATUSES, articleListQuerySchema, type ArticleListQuery } from "@/lib/articles/schemas";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { can, requirePagePermission } from "@/lib/permissions";

const t = articlesText.ui;

export const metadata = { title: t.title };

function listHref(query: Pick<ArticleListQuery, "status">, after?: string): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (after) params.set("after", after);
  const search = params.toString();
  return search ? `/admin/articles?${search}` : "/admin/articles";
}

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("article.list");
  const query = articleListQuerySchema.parse(await searchParams);
  const { rows, next } = await listArticles(db, user, query);
  const mayCreate = can(user, "article.create");

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
        </div>
        {mayCreate && (
          <Link href="/admin/articles/new" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            <FilePlus2 aria-hidden className="size-4" />
            {t.newArticle}
          </Link>
        )}
      </header>

      <form className="flex flex-wrap items-end gap-2" action="/admin/articles">
        <label className="text-sm">
          <span className="block font-medium">{t.filterStatus}</span>
          <select name="status" defaultValue={query.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">{t.allStatuses}</option>
            {ARTICLE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {articlesText.statusLabels[status]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50">
          {t.filter}
        </button>
      </form>

      {rows.length === 0 ? (
        <div className="rounded-xl bg-white p-10 text-center ring-1 ring-slate-200">
          <p className="text-slate-700">{t.emptyAll}</p>
          {mayCreate && <p className="mt-2 text-sm text-slate-600">{t.emptyHint}</p>}
        </div>
      ) : (
        <section>
          <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.title}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.column}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.status}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.author}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.updated}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={row.id} className="align-top">
                    <td className="px-4 py-3">
                      <Link href={`/admin/articles/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {row.seriesMark}
                        {row.currentRevision?.title || t.untitled}
                      </Link>
                      {row.currentRevision && <div className="text-xs text-slate-500">{t.version(row.currentRevision.number)}</div>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{row.column.name}</td>
                    <td className="px-4 py-3">
                      <ArticleStatusBadge status={row.status} reviewLevel={row.reviewLevel} live={row.publishedRevisionId !== null && row.withdrawnAt === null} />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{row.createdBy.displayName}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">{formatDateTime(row.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t.pagination} className="flex items-center justify-between gap-3 pt-4">
            {query.after ? (
              <Link href={listHref(query)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                {t.newer}
              </Link>
            ) : (
              <span />
            )}
            {next && (
              <Link href={listHref(query, next)} rel="next" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                {t.older}
              </Link>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}

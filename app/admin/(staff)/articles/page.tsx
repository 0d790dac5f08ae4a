import { importText } from "@/lib/import/messages";
import { historicalArticleIds } from "@/lib/import/redirects";
import Link from "next/link";
import { FilePlus2 } from "lucide-react";
import { EmptyState } from "@/components/admin/EmptyState";
import { FilterBar, FilterField, filterFieldClass } from "@/components/admin/FilterBar";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { KeysetPagination, listHref } from "@/components/admin/Pagination";
import { ArticleStatusBadge } from "@/components/admin/articles/StatusBadge";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { articlesText } from "@/lib/articles/messages";
import { listArticles } from "@/lib/articles/queries";
import { ARTICLE_STATUSES, articleListQuerySchema, type ArticleListQuery } from "@/lib/articles/schemas";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, requirePagePermission } from "@/lib/permissions";

const t = articlesText.ui;

export const metadata = { title: t.title };

function pageHref(query: Pick<ArticleListQuery, "status">, after?: string): string {
  return listHref("/admin/articles", { status: query.status, after });
}

export default async function ArticlesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("article.list");
  const timeZone = await displayTimeZone();
  const query = articleListQuerySchema.parse(await searchParams);
  const { rows, next } = await listArticles(db, user, query);
  const historical = await historicalArticleIds(
    db,
    rows.map((row) => row.id),
  );
  const mayCreate = can(user, "article.create");

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro}>
        {mayCreate && (
          <Link href="/admin/articles/new" className={primaryButton}>
            <FilePlus2 aria-hidden className="size-4" />
            {t.newArticle}
          </Link>
        )}
      </PageHeader>

      <FilterBar clearHref="/admin/articles" filtered={Boolean(query.status)}>
        <FilterField id="status" label={t.filterStatus}>
          <select id="status" name="status" defaultValue={query.status ?? ""} className={filterFieldClass}>
            <option value="">{t.allStatuses}</option>
            {ARTICLE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {articlesText.statusLabels[status]}
              </option>
            ))}
          </select>
        </FilterField>
      </FilterBar>

      {rows.length === 0 ? (
        <EmptyState message={t.emptyAll}>
          {mayCreate && <p className="mt-2 text-sm text-slate-600">{t.emptyHint}</p>}
        </EmptyState>
      ) : (
        <section>
          <ListTable
            columns={[
              { label: t.columns.title },
              { label: t.columns.column },
              { label: t.columns.status },
              { label: t.columns.author },
              { label: t.columns.updated },
            ]}
          >
            {rows.map((row) => (
              <tr key={row.id} className="align-top">
                <td className="px-4 py-3">
                  <Link
                    href={`/admin/articles/${row.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {row.seriesMark}
                    {row.currentRevision?.title || t.untitled}
                  </Link>
                  {historical.has(row.id) && (
                    <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 ring-1 ring-slate-200">
                      {importText.historical}
                    </span>
                  )}
                  {row.currentRevision && (
                    <div className="text-xs text-slate-500">{t.version(row.currentRevision.number)}</div>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{row.column.name}</td>
                <td className="px-4 py-3">
                  <ArticleStatusBadge
                    status={row.status}
                    reviewLevel={row.reviewLevel}
                    live={row.publishedRevisionId !== null && row.withdrawnAt === null}
                  />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{row.createdBy.displayName}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                  {formatDateTime(row.updatedAt, timeZone)}
                </td>
              </tr>
            ))}
          </ListTable>
          <KeysetPagination
            back={query.after ? { href: pageHref(query), label: t.newer } : undefined}
            on={next ? { href: pageHref(query, next), label: t.older } : undefined}
          />
        </section>
      )}
    </div>
  );
}

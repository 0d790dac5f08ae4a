import Link from "next/link";
import { Download, Plus, Upload, UserCog } from "lucide-react";
import { EmptyState } from "@/components/admin/EmptyState";
import { FilterBar, FilterField, filterFieldClass } from "@/components/admin/FilterBar";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { listHref, Pagination } from "@/components/admin/Pagination";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import { LevelBadge } from "@/components/admin/terms/LevelBadge";
import { checksText } from "@/lib/checks/messages";
import { synonymsText } from "@/lib/synonyms/schemas";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requirePagePermission } from "@/lib/permissions";
import { termsText } from "@/lib/terms/messages";
import { listTerms, termCategories } from "@/lib/terms/queries";
import { termListQuerySchema, type TermListQuery } from "@/lib/terms/schemas";

const t = termsText.ui;

export const metadata = { title: t.title };

function pageHref(query: TermListQuery, page: number): string {
  return listHref("/admin/terms", {
    q: query.q,
    level: query.level,
    category: query.category,
    page: page > 1 ? String(page) : undefined,
  });
}

export default async function TermsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("terms.manage");
  const timeZone = await displayTimeZone();
  const query = termListQuerySchema.parse(await searchParams);
  const [{ rows, total, page, pageCount }, categories] = await Promise.all([listTerms(db, query), termCategories(db)]);
  const filtered = Boolean(query.q || query.level || query.category);

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro}>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/terms/new" className={primaryButton}>
            <Plus aria-hidden className="size-4" />
            {t.newTerm}
          </Link>
          <Link href="/admin/terms/import" className={secondaryButton}>
            <Upload aria-hidden className="size-4" />
            {t.import}
          </Link>
          {/* A form, not a link: an export is recorded, so it is a same-origin POST (the route says why). */}
          <form noValidate method="post" action="/admin/terms/export">
            <button type="submit" className={secondaryButton}>
              <Download aria-hidden className="size-4" />
              {t.export}
            </button>
          </form>
          <Link href="/admin/terms/leaders" className={secondaryButton}>
            <UserCog aria-hidden className="size-4" />
            {t.leaders}
          </Link>
          <Link href="/admin/terms/synonyms" className={secondaryButton}>
            {synonymsText.title}
          </Link>
        </div>
      </PageHeader>

      <FilterBar clearHref="/admin/terms" filtered={filtered}>
        <FilterField id="q" label={t.search} grow>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder={t.searchPlaceholder}
            className={filterFieldClass}
          />
        </FilterField>
        <FilterField id="level" label={t.level}>
          <select id="level" name="level" defaultValue={query.level ?? ""} className={filterFieldClass}>
            <option value="">{t.any}</option>
            <option value="BLOCK">{checksText.levelLabels.BLOCK}</option>
            <option value="WARN">{checksText.levelLabels.WARN}</option>
          </select>
        </FilterField>
        <FilterField id="category" label={t.category}>
          <select id="category" name="category" defaultValue={query.category ?? ""} className={filterFieldClass}>
            <option value="">{t.any}</option>
            {categories.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
        </FilterField>
      </FilterBar>

      {rows.length === 0 ? (
        <EmptyState message={filtered ? t.emptyFiltered : t.emptyAll} />
      ) : (
        <section aria-labelledby="terms-total">
          <p id="terms-total" className="mb-2 text-sm text-slate-600">
            {t.total(total)}
          </p>
          <ListTable
            columns={[
              { label: t.columns.term },
              { label: t.columns.level },
              { label: t.columns.suggestion },
              { label: t.columns.category },
              { label: t.columns.exceptions },
              { label: t.columns.updatedAt },
              { label: t.columns.actions, hidden: true },
            ]}
          >
            {rows.map((row) => (
              <tr key={row.id} className="align-top">
                <td className="px-4 py-3 font-medium text-slate-900">{row.term}</td>
                <td className="px-4 py-3">
                  <LevelBadge level={row.level} />
                </td>
                <td className="px-4 py-3 text-slate-700">{row.suggestion}</td>
                <td className="px-4 py-3 text-slate-700">{row.category}</td>
                <td className="px-4 py-3 text-slate-600">{row.exceptions.join("、")}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {formatDateTime(row.updatedAt, timeZone)}
                </td>
                <td className="px-4 py-3 text-right">
                  <Link
                    href={`/admin/terms/${row.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {t.edit}
                    <span className="sr-only"> {row.term}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page} pageCount={pageCount} hrefFor={(target) => pageHref(query, target)} />
        </section>
      )}
    </div>
  );
}

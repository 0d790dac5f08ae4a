import Link from "next/link";
import { Download, Plus, Search, Upload, UserCog } from "lucide-react";
import { Pagination } from "@/components/admin/Pagination";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import { LevelBadge } from "@/components/admin/terms/LevelBadge";
import { inputClass } from "@/components/admin/terms/TermFields";
import { checksText } from "@/lib/checks/messages";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { requirePagePermission } from "@/lib/permissions";
import { termsText } from "@/lib/terms/messages";
import { listTerms, termCategories } from "@/lib/terms/queries";
import { termListQuerySchema, type TermListQuery } from "@/lib/terms/schemas";

const t = termsText.ui;

export const metadata = { title: t.title };

function pageHref(query: TermListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.level) params.set("level", query.level);
  if (query.category) params.set("category", query.category);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/terms?${search}` : "/admin/terms";
}

export default async function TermsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("terms.manage");
  const query = termListQuerySchema.parse(await searchParams);
  const [{ rows, total, page, pageCount }, categories] = await Promise.all([listTerms(db, query), termCategories(db)]);
  const filtered = Boolean(query.q || query.level || query.category);

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/terms/new" className={primaryButton}>
            <Plus aria-hidden className="size-4" />
            {t.newTerm}
          </Link>
          <Link href="/admin/terms/import" className={secondaryButton}>
            <Upload aria-hidden className="size-4" />
            {t.import}
          </Link>
          <a href="/admin/terms/export" className={secondaryButton} download>
            <Download aria-hidden className="size-4" />
            {t.export}
          </a>
          <Link href="/admin/terms/leaders" className={secondaryButton}>
            <UserCog aria-hidden className="size-4" />
            {t.leaders}
          </Link>
        </div>
      </header>

      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor="q" className="block text-sm font-medium">{t.search}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t.searchPlaceholder} className={`mt-1 text-sm ${inputClass}`} />
        </div>
        <div>
          <label htmlFor="level" className="block text-sm font-medium">{t.level}</label>
          <select id="level" name="level" defaultValue={query.level ?? ""} className={`mt-1 text-sm ${inputClass}`}>
            <option value="">{t.any}</option>
            <option value="BLOCK">{checksText.levelLabels.BLOCK}</option>
            <option value="WARN">{checksText.levelLabels.WARN}</option>
          </select>
        </div>
        <div>
          <label htmlFor="category" className="block text-sm font-medium">{t.category}</label>
          <select id="category" name="category" defaultValue={query.category ?? ""} className={`mt-1 text-sm ${inputClass}`}>
            <option value="">{t.any}</option>
            {categories.map((category) => (
              <option key={category} value={category}>{category}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="inline-flex items-center gap-1.5 rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900">
          <Search aria-hidden className="size-4" />
          {t.apply}
        </button>
        {filtered && (
          <Link href="/admin/terms" className="px-2 py-2 text-sm text-slate-600 underline hover:text-slate-900">{t.clear}</Link>
        )}
      </form>

      {rows.length === 0 ? (
        <div className="rounded-xl bg-white p-10 text-center ring-1 ring-slate-200">
          <p className="text-slate-700">{filtered ? t.emptyFiltered : t.emptyAll}</p>
        </div>
      ) : (
        <section aria-labelledby="terms-total">
          <p id="terms-total" className="mb-2 text-sm text-slate-600">{t.total(total)}</p>
          <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.term}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.level}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.suggestion}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.category}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.exceptions}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t.columns.updatedAt}</th>
                  <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">{t.columns.actions}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={row.id} className="align-top">
                    <td className="px-4 py-3 font-medium text-slate-900">{row.term}</td>
                    <td className="px-4 py-3"><LevelBadge level={row.level} /></td>
                    <td className="px-4 py-3 text-slate-700">{row.suggestion}</td>
                    <td className="px-4 py-3 text-slate-700">{row.category}</td>
                    <td className="px-4 py-3 text-slate-600">{row.exceptions.join("、")}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDateTime(row.updatedAt)}</td>
                    <td className="px-4 py-3 text-right">
                      <Link href={`/admin/terms/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {t.edit}
                        <span className="sr-only"> {row.term}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageCount={pageCount} hrefFor={(target) => pageHref(query, target)} />
        </section>
      )}
    </div>
  );
}

import Link from "next/link";
import { ArrowDown, ArrowUp, FolderPlus } from "lucide-react";
import { ActionForm } from "@/components/admin/forms/ActionForm";
import { iconButton, primaryButton } from "@/components/admin/forms/button-styles";
import { columnsText } from "@/lib/columns/messages";
import { columnTree } from "@/lib/columns/queries";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { reorderColumnAction } from "./actions";

const t = columnsText.ui;

export const metadata = { title: t.title };

export default async function ColumnsPage() {
  await requirePagePermission("column.manage");
  const tree = await columnTree(db);

  return (
    <div className="max-w-5xl space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t.intro}</p>
        </div>
        <Link href="/admin/columns/new" className={primaryButton}>
          <FolderPlus aria-hidden className="size-4" />
          {t.newColumn}
        </Link>
      </header>

      {tree.length === 0 ? (
        <p className="rounded-xl bg-white p-10 text-center text-slate-700 ring-1 ring-slate-200">{t.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl bg-white ring-1 ring-slate-200" aria-label={t.title}>
          {tree.map(({ row, depth, index, siblings }) => (
            <li
              key={row.id}
              className="flex flex-wrap items-center gap-3 px-4 py-3"
              style={{ paddingLeft: `${1 + depth * 1.75}rem` }}
            >
              <div className="min-w-0 flex-1">
                <Link href={`/admin/columns/${row.id}`} className="font-medium text-brand-700 hover:underline">
                  {row.name}
                </Link>
                <span className="ml-2 font-mono text-xs text-slate-500">/columns/{row.slug}/</span>
                {row.hidden && (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                    {t.hiddenBadge}
                  </span>
                )}
                <p className="text-xs text-slate-500">
                  {t.levels(row.reviewLevels)} · {columnsText.listStyleLabels[row.listStyle]} ·{" "}
                  {columnsText.updateCategoryLabels[row.updateCategory]} · {t.articles(row.articleCount)}
                  {row.seriesMark && ` · ${row.seriesMark}`}
                </p>
              </div>
              <ActionForm action={reorderColumnAction} className="flex gap-1">
                <input type="hidden" name="columnId" value={row.id} />
                <button
                  type="submit"
                  name="direction"
                  value="up"
                  disabled={index === 0}
                  className={iconButton}
                  aria-label={t.moveUp(row.name)}
                  title={t.moveUp(row.name)}
                >
                  <ArrowUp aria-hidden className="size-4" />
                </button>
                <button
                  type="submit"
                  name="direction"
                  value="down"
                  disabled={index === siblings - 1}
                  className={iconButton}
                  aria-label={t.moveDown(row.name)}
                  title={t.moveDown(row.name)}
                >
                  <ArrowDown aria-hidden className="size-4" />
                </button>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

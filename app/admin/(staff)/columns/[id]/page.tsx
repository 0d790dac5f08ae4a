import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { ColumnFields, inputClass } from "@/components/admin/columns/ColumnFields";
import { fieldErrorId } from "@/components/admin/FieldError";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import { StatusBadge } from "@/components/admin/users/StatusBadge";
import { columnsText } from "@/lib/columns/messages";
import { columnDetail, columnTree } from "@/lib/columns/queries";
import { descendantIds } from "@/lib/columns/tree";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requirePagePermission } from "@/lib/permissions";
import { usersText } from "@/lib/users/messages";
import { isUuid } from "@/lib/uuid";
import { deleteColumnAction, moveColumnArticlesAction, updateColumnAction } from "../actions";

const t = columnsText.ui;

export const metadata = { title: t.editColumn };

export default async function EditColumnPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("column.manage");
  const timeZone = await displayTimeZone();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [column, tree] = await Promise.all([columnDetail(db, id), columnTree(db)]);
  if (!column) notFound();
  const below = descendantIds(
    tree.map((node) => node.row),
    column.id,
  );
  const parents = tree.map(({ row, depth }) => ({
    id: row.id,
    label: `${"— ".repeat(depth)}${row.name}`,
    disabled: row.id === column.id || below.has(row.id),
  }));
  const others = tree.filter(({ row }) => row.id !== column.id);
  const articleCount = column._count.articles;

  return (
    <div className="max-w-3xl space-y-8">
      <BackLink href="/admin/columns" label={t.back} />
      <h1 className="text-2xl font-semibold">
        {t.editColumn}：{column.name}
      </h1>

      <ActionForm action={updateColumnAction} className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <input type="hidden" name="columnId" value={column.id} />
        <ColumnFields parents={parents} defaults={column} />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {t.save}
        </button>
      </ActionForm>

      {column.slugRedirects.length > 0 && (
        <section aria-labelledby="old-slugs" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <h2 id="old-slugs" className="font-semibold">
            {t.oldSlugs}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {column.slugRedirects.map((redirect) => (
              <li key={redirect.slug}>
                <span className="font-mono">/columns/{redirect.slug}/</span> →{" "}
                <span className="font-mono">/columns/{column.slug}/</span>
                <span className="ml-2 text-slate-500">{formatDate(redirect.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="reviewers" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <h2 id="reviewers" className="font-semibold">
          {t.reviewers}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t.reviewersHelp}</p>
        {column.reviewerRoles.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700">{t.noScopedReviewers}</p>
        ) : (
          <ul className="mt-3 space-y-1 text-sm">
            {column.reviewerRoles.map((role) => (
              <li key={`${role.user.id}-${role.level}`} className="flex items-center gap-2">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                  {role.level ? usersText.levelLabels[role.level] : ""}
                </span>
                <Link href={`/admin/users/${role.user.id}`} className="text-brand-700 hover:underline">
                  {role.user.displayName}
                </Link>
                <span className="font-mono text-slate-500">{role.user.username}</span>
                {role.user.status !== "ACTIVE" && <StatusBadge status={role.user.status} locked={false} />}
              </li>
            ))}
          </ul>
        )}
        <Link href="/admin/users?role=REVIEWER" className={`mt-4 ${secondaryButton}`}>
          {t.manageAccounts}
        </Link>
      </section>

      <section aria-labelledby="danger" className="space-y-4 rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <h2 id="danger" className="font-semibold">
          {t.dangerZone}
        </h2>
        <p className="text-sm text-slate-600">
          {t.deleteHelp} {t.articles(articleCount)}。
        </p>
        {articleCount > 0 && others.length > 0 && (
          <ActionForm action={moveColumnArticlesAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="columnId" value={column.id} />
            <div>
              <label htmlFor="targetColumnId" className="block text-sm font-medium">
                {t.moveArticlesTarget}
              </label>
              <select
                id="targetColumnId"
                name="targetColumnId"
                defaultValue=""
                aria-describedby={fieldErrorId("targetColumnId")}
                className={`mt-1.5 ${inputClass}`}
              >
                <option value="" disabled>
                  —
                </option>
                {others.map(({ row, depth }) => (
                  <option key={row.id} value={row.id}>
                    {`${"— ".repeat(depth)}${row.name}`}
                  </option>
                ))}
              </select>
              <FormFieldError name="targetColumnId" />
            </div>
            <button type="submit" className={secondaryButton}>
              {t.moveArticlesSubmit}
            </button>
          </ActionForm>
        )}
        <ActionForm action={deleteColumnAction} redirectTo="/admin/columns" confirm={`${t.delete}「${column.name}」？`}>
          <input type="hidden" name="columnId" value={column.id} />
          <button
            type="submit"
            className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-600/40 hover:bg-brand-50"
          >
            {t.delete}
          </button>
        </ActionForm>
      </section>
    </div>
  );
}

import { BackLink } from "@/components/admin/BackLink";
import { ColumnFields } from "@/components/admin/columns/ColumnFields";
import { ActionForm } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { columnsText } from "@/lib/columns/messages";
import { columnTree } from "@/lib/columns/queries";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { createColumnAction } from "../actions";

const t = columnsText.ui;

export const metadata = { title: t.newColumn };

export default async function NewColumnPage() {
  await requirePagePermission("column.manage");
  const tree = await columnTree(db);
  const parents = tree.map(({ row, depth }) => ({
    id: row.id,
    label: `${"— ".repeat(depth)}${row.name}`,
    disabled: false,
  }));

  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/columns" label={t.back} />
      <h1 className="text-2xl font-semibold">{t.newColumn}</h1>
      <ActionForm
        action={createColumnAction}
        redirectTo="/admin/columns/{id}"
        className="rounded-xl bg-white p-6 ring-1 ring-slate-200"
      >
        <ColumnFields
          parents={parents}
          defaults={{
            name: "",
            slug: "",
            parentId: null,
            description: "",
            seriesMark: "",
            reviewLevels: 3,
            listStyle: "NEWS_LIST",
            updateCategory: null,
            hidden: false,
          }}
        />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {t.create}
        </button>
      </ActionForm>
    </div>
  );
}

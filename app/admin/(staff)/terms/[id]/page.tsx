import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { ActionForm } from "@/components/admin/forms/ActionForm";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import { TermFields } from "@/components/admin/terms/TermFields";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { termsText } from "@/lib/terms/messages";
import { getTerm, termCategories } from "@/lib/terms/queries";
import { isUuid } from "@/lib/uuid";
import { deleteTermAction, updateTermAction } from "../actions";

const t = termsText.ui;

export const metadata = { title: t.editTerm };

export default async function EditTermPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("terms.manage");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [term, categories] = await Promise.all([getTerm(db, id), termCategories(db)]);
  if (!term) notFound();

  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/terms" label={t.back} />
      <h1 className="text-2xl font-semibold">
        {t.editTerm}：{term.term}
      </h1>
      <ActionForm
        action={updateTermAction}
        redirectTo="/admin/terms"
        className="rounded-xl bg-white p-6 ring-1 ring-slate-200"
      >
        <input type="hidden" name="id" value={term.id} />
        <TermFields categories={categories} defaults={term} />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {t.save}
        </button>
      </ActionForm>
      <ActionForm action={deleteTermAction} redirectTo="/admin/terms" confirm={t.deleteConfirm} aria-label={t.delete}>
        <input type="hidden" name="id" value={term.id} />
        <button type="submit" className={`${secondaryButton} text-brand-700`}>
          {t.delete}
        </button>
      </ActionForm>
    </div>
  );
}

import { BackLink } from "@/components/admin/BackLink";
import { ActionForm } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { TermFields } from "@/components/admin/terms/TermFields";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { termsText } from "@/lib/terms/messages";
import { termCategories } from "@/lib/terms/queries";
import { createTermAction } from "../actions";

const t = termsText.ui;

export const metadata = { title: t.newTerm };

export default async function NewTermPage() {
  await requirePagePermission("terms.manage");
  const categories = await termCategories(db);
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/terms" label={t.back} />
      <h1 className="text-2xl font-semibold">{t.newTerm}</h1>
      <ActionForm
        action={createTermAction}
        redirectTo="/admin/terms"
        className="rounded-xl bg-white p-6 ring-1 ring-slate-200"
      >
        <TermFields
          categories={categories}
          defaults={{ term: "", level: "WARN", suggestion: "", category: "", exceptions: [] }}
        />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {t.create}
        </button>
      </ActionForm>
    </div>
  );
}

import { BackLink } from "@/components/admin/BackLink";
import { TermImport } from "@/components/admin/terms/TermImport";
import { requirePagePermission } from "@/lib/permissions";
import { termsText } from "@/lib/terms/messages";
import { importTermsAction, previewTermImportAction } from "../actions";

const t = termsText.ui;

export const metadata = { title: t.importTitle };

export default async function ImportTermsPage() {
  await requirePagePermission("terms.manage");
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href="/admin/terms" label={t.back} />
      <h1 className="text-2xl font-semibold">{t.importTitle}</h1>
      <p className="text-sm text-slate-600">{t.importIntro}</p>
      <div className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <TermImport preview={previewTermImportAction} commit={importTermsAction} />
      </div>
    </div>
  );
}

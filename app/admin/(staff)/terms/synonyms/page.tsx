import { BackLink } from "@/components/admin/BackLink";
import { fieldErrorId } from "@/components/admin/FieldError";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { inputClass } from "@/components/admin/terms/TermFields";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { listSynonymGroups } from "@/lib/synonyms/commands";
import { formatSynonyms, synonymsText as t } from "@/lib/synonyms/schemas";
import { termsText } from "@/lib/terms/messages";
import { updateSynonymsAction } from "./actions";

export const metadata = { title: t.title };

export default async function SynonymsPage() {
  await requirePagePermission("settings.manage");
  const groups = await listSynonymGroups(db);
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/terms" label={termsText.ui.back} />
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p id="synonyms-help" className="text-sm text-slate-600">
        {t.intro}
      </p>
      <ActionForm action={updateSynonymsAction} className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <label htmlFor="synonyms" className="block text-sm font-medium">
          {t.field}
        </label>
        <textarea
          id="synonyms"
          name="synonyms"
          rows={12}
          defaultValue={formatSynonyms(groups)}
          placeholder={"新冠=新型冠状病毒\n危化品=危险化学品"}
          aria-describedby={`synonyms-help ${fieldErrorId("synonyms")}`}
          className={`mt-1.5 font-mono text-sm ${inputClass}`}
        />
        <FormFieldError name="synonyms" />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {t.save}
        </button>
      </ActionForm>
    </div>
  );
}

import { BackLink } from "@/components/admin/BackLink";
import { fieldErrorId } from "@/components/admin/FieldError";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { inputClass } from "@/components/admin/terms/TermFields";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { formatLeaders } from "@/lib/terms/leaders-format";
import { termsText } from "@/lib/terms/messages";
import { configuredLeaders } from "@/lib/terms/queries";
import { updateLeadersAction } from "../actions";

const t = termsText.ui;

export const metadata = { title: t.leadersTitle };

export default async function LeadersPage() {
  await requirePagePermission("terms.manage");
  const leaders = await configuredLeaders(db);
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/terms" label={t.back} />
      <h1 className="text-2xl font-semibold">{t.leadersTitle}</h1>
      <p id="leaders-help" className="text-sm text-slate-600">
        {t.leadersIntro}
      </p>
      <ActionForm action={updateLeadersAction} className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <label htmlFor="leaders" className="block text-sm font-medium">
          {t.leadersField}
        </label>
        <textarea
          id="leaders"
          name="leaders"
          rows={12}
          defaultValue={formatLeaders(leaders)}
          placeholder={"张三\t市委书记\n李四\t副市长、市公安局局长"}
          aria-describedby={`leaders-help ${fieldErrorId("leaders")}`}
          className={`mt-1.5 font-mono text-sm ${inputClass}`}
        />
        <FormFieldError name="leaders" />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {t.leadersSave}
        </button>
      </ActionForm>
    </div>
  );
}

import { BackLink } from "@/components/admin/BackLink";
import { fieldErrorId } from "@/components/admin/FieldError";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { inputClass } from "@/components/admin/terms/TermFields";
import type { FormState } from "@/lib/forms/form-state";
import { termsText } from "@/lib/terms/messages";

interface Props {
  title: string;
  intro: string;
  /** The textarea's name, id and the field its errors belong to. */
  name: string;
  label: string;
  value: string;
  placeholder: string;
  save: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

/**
 * A list the admin edits as text, one entry a line, under the term list: 领导职务配置, 搜索同义词.
 * The action parses the lines and names the line of each problem; the form keeps the text.
 */
export function LineListPage({ title, intro, name, label, value, placeholder, save, action }: Props) {
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/terms" label={termsText.ui.back} />
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p id={`${name}-help`} className="text-sm text-slate-600">
        {intro}
      </p>
      <ActionForm action={action} className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <label htmlFor={name} className="block text-sm font-medium">
          {label}
        </label>
        <textarea
          id={name}
          name={name}
          rows={12}
          defaultValue={value}
          placeholder={placeholder}
          aria-describedby={`${name}-help ${fieldErrorId(name)}`}
          className={`mt-1.5 font-mono text-sm ${inputClass}`}
        />
        <FormFieldError name={name} />
        <button type="submit" className={`mt-6 ${primaryButton}`}>
          {save}
        </button>
      </ActionForm>
    </div>
  );
}

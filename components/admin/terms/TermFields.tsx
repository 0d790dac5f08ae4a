import { fieldErrorId } from "@/components/admin/FieldError";
import { FormFieldError } from "@/components/admin/forms/ActionForm";
import { checksText } from "@/lib/checks/messages";
import { termsText } from "@/lib/terms/messages";

const t = termsText.ui;

export const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

export interface TermDefaults {
  term: string;
  level: "BLOCK" | "WARN";
  suggestion: string;
  category: string;
  exceptions: readonly string[];
  wholeWord?: boolean;
}

function Field({
  name,
  label,
  help,
  children,
}: {
  name: string;
  label: string;
  help?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {help && (
        <p id={`${name}-help`} className="mt-1 text-sm text-slate-500">
          {help}
        </p>
      )}
      <FormFieldError name={name} />
    </div>
  );
}

/** The fields of a term, shared by the add and edit pages. */
export function TermFields({ defaults, categories }: { defaults: TermDefaults; categories: readonly string[] }) {
  const described = (name: string, help = false) => `${help ? `${name}-help ` : ""}${fieldErrorId(name)}`;
  return (
    <div className="space-y-5">
      <Field name="term" label={t.term} help={t.termHelp}>
        <input
          id="term"
          name="term"
          defaultValue={defaults.term}
          required
          maxLength={100}
          autoComplete="off"
          aria-describedby={described("term", true)}
          className={`mt-1.5 max-w-md ${inputClass}`}
        />
      </Field>
      <fieldset>
        <legend className="block text-sm font-medium">{t.level}</legend>
        <div className="mt-1.5 flex gap-6">
          {(["BLOCK", "WARN"] as const).map((level) => (
            <label key={level} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="level" value={level} defaultChecked={defaults.level === level} />
              {checksText.levelLabels[level]}
              <span className="text-slate-500">({level === "BLOCK" ? "阻止提交" : "仅提醒"})</span>
            </label>
          ))}
        </div>
        <FormFieldError name="level" />
      </fieldset>
      <Field name="suggestion" label={t.suggestion} help={t.suggestionHelp}>
        <input
          id="suggestion"
          name="suggestion"
          defaultValue={defaults.suggestion}
          maxLength={100}
          aria-describedby={described("suggestion", true)}
          className={`mt-1.5 max-w-md ${inputClass}`}
        />
      </Field>
      <Field name="category" label={t.category} help={t.categoryHelp}>
        <input
          id="category"
          name="category"
          list="term-categories"
          defaultValue={defaults.category}
          maxLength={50}
          aria-describedby={described("category", true)}
          className={`mt-1.5 max-w-xs ${inputClass}`}
        />
        <datalist id="term-categories">
          {categories.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
      </Field>
      <Field name="exceptions" label={t.exceptions} help={t.exceptionsHelp}>
        <textarea
          id="exceptions"
          name="exceptions"
          rows={3}
          defaultValue={defaults.exceptions.join("\n")}
          aria-describedby={described("exceptions", true)}
          className={`mt-1.5 max-w-md ${inputClass}`}
        />
      </Field>
      <div>
        <label className="inline-flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            id="wholeWord"
            name="wholeWord"
            defaultChecked={defaults.wholeWord ?? false}
            aria-describedby="wholeWord-help"
          />
          {t.wholeWord}
        </label>
        <p id="wholeWord-help" className="mt-1 text-sm text-slate-500">
          {t.wholeWordHelp}
        </p>
      </div>
    </div>
  );
}

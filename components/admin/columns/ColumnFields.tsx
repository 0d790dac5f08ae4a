import { fieldErrorId } from "@/components/admin/FieldError";
import { FormFieldError } from "@/components/admin/forms/ActionForm";
import { columnsText } from "@/lib/columns/messages";
import { UPDATE_CATEGORIES } from "@/lib/columns/update-category";
import type { ColumnUpdateCategory } from "@/lib/generated/prisma/enums";

const t = columnsText.ui;

export const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

export interface ParentChoice {
  id: string;
  label: string;
  /** The column itself and its descendants: choosing them would make a cycle. */
  disabled: boolean;
}

export interface ColumnDefaults {
  name: string;
  slug: string;
  parentId: string | null;
  description: string;
  seriesMark: string;
  reviewLevels: number;
  listStyle: "NEWS_LIST" | "PROFILE_GRID";
  /** null on the create page: chosen by list style unless the admin picks one. */
  updateCategory: ColumnUpdateCategory | null;
  hidden: boolean;
}

function Label({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium">
      {children}
    </label>
  );
}

/** The fields of a column, shared by the create and edit pages. */
export function ColumnFields({ defaults, parents }: { defaults: ColumnDefaults; parents: readonly ParentChoice[] }) {
  return (
    <div className="space-y-5">
      <div>
        <Label htmlFor="name">{t.name}</Label>
        <input
          id="name"
          name="name"
          defaultValue={defaults.name}
          required
          maxLength={50}
          aria-describedby={fieldErrorId("name")}
          className={`mt-1.5 max-w-sm ${inputClass}`}
        />
        <FormFieldError name="name" />
      </div>
      <div>
        <Label htmlFor="slug">{t.slug}</Label>
        <input
          id="slug"
          name="slug"
          defaultValue={defaults.slug}
          required
          maxLength={64}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`slug-help ${fieldErrorId("slug")}`}
          className={`mt-1.5 max-w-sm font-mono ${inputClass}`}
        />
        <p id="slug-help" className="mt-1 text-sm text-slate-500">
          {t.slugHelp}
        </p>
        <FormFieldError name="slug" />
      </div>
      <div>
        <Label htmlFor="parentId">{t.parent}</Label>
        <select
          id="parentId"
          name="parentId"
          defaultValue={defaults.parentId ?? ""}
          aria-describedby={fieldErrorId("parentId")}
          className={`mt-1.5 max-w-sm ${inputClass}`}
        >
          <option value="">{t.noParent}</option>
          {parents.map((parent) => (
            <option key={parent.id} value={parent.id} disabled={parent.disabled}>
              {parent.label}
            </option>
          ))}
        </select>
        <FormFieldError name="parentId" />
      </div>
      <div>
        <Label htmlFor="description">{t.description}</Label>
        <textarea
          id="description"
          name="description"
          defaultValue={defaults.description}
          rows={3}
          maxLength={500}
          aria-describedby={fieldErrorId("description")}
          className={`mt-1.5 max-w-xl ${inputClass}`}
        />
        <FormFieldError name="description" />
      </div>
      <div>
        <Label htmlFor="seriesMark">{t.seriesMark}</Label>
        <input
          id="seriesMark"
          name="seriesMark"
          defaultValue={defaults.seriesMark}
          maxLength={20}
          aria-describedby={`seriesMark-help ${fieldErrorId("seriesMark")}`}
          className={`mt-1.5 max-w-xs ${inputClass}`}
        />
        <p id="seriesMark-help" className="mt-1 text-sm text-slate-500">
          {t.seriesMarkHelp}
        </p>
        <FormFieldError name="seriesMark" />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">{t.reviewLevels}</legend>
        <div className="mt-1.5 space-y-1">
          {[1, 2, 3].map((level) => (
            <label key={level} className="flex items-center gap-2 text-sm">
              <input type="radio" name="reviewLevels" value={level} defaultChecked={defaults.reviewLevels === level} />
              {columnsText.levelLabels[level]}
            </label>
          ))}
        </div>
        <FormFieldError name="reviewLevels" />
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">{t.listStyle}</legend>
        <div className="mt-1.5 space-y-1">
          {(["NEWS_LIST", "PROFILE_GRID"] as const).map((style) => (
            <label key={style} className="flex items-center gap-2 text-sm">
              <input type="radio" name="listStyle" value={style} defaultChecked={defaults.listStyle === style} />
              {columnsText.listStyleLabels[style]}
            </label>
          ))}
        </div>
        <FormFieldError name="listStyle" />
      </fieldset>
      <div>
        <Label htmlFor="updateCategory">{t.updateCategory}</Label>
        <select
          id="updateCategory"
          name="updateCategory"
          defaultValue={defaults.updateCategory ?? ""}
          aria-describedby={`updateCategory-help ${fieldErrorId("updateCategory")}`}
          className={`mt-1.5 max-w-md ${inputClass}`}
        >
          {defaults.updateCategory === null && <option value="">{t.updateCategoryDefault}</option>}
          {UPDATE_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {columnsText.updateCategoryLabels[category]}
            </option>
          ))}
        </select>
        <p id="updateCategory-help" className="mt-1 text-sm text-slate-500">
          {t.updateCategoryHelp}
        </p>
        <FormFieldError name="updateCategory" />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="hidden" defaultChecked={defaults.hidden} />
        {t.hidden}
      </label>
    </div>
  );
}

import { inputClass } from "@/components/admin/columns/ColumnFields";
import { fieldErrorId } from "@/components/admin/FieldError";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { columnTree } from "@/lib/columns/queries";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { homeText } from "@/lib/home/messages";
import { homeColumnIds, liveArticleChoices, storedHomeSlots } from "@/lib/home/queries";
import { MAX_FOCUS } from "@/lib/home/schemas";
import { requirePagePermission } from "@/lib/permissions";
import { updateHomeSlotsAction } from "./actions";

const t = homeText.ui;

export const metadata = { title: t.title };

export default async function HomeSlotsPage() {
  await requirePagePermission("homeSlots.manage");
  const timeZone = await displayTimeZone();
  const [choices, stored, columnIds, tree] = await Promise.all([
    liveArticleChoices(db),
    storedHomeSlots(db),
    homeColumnIds(db),
    columnTree(db),
  ]);
  const headline = stored.find((slot) => slot.kind === "HEADLINE");
  const focus = stored.filter((slot) => slot.kind === "FOCUS");
  const liveIds = new Set(choices.map((choice) => choice.id));
  const dropped = stored.filter((slot) => !liveIds.has(slot.articleId));
  const label = (choice: (typeof choices)[number]) =>
    `${choice.seriesMark}${choice.title}(${choice.column.name}${choice.publishedAt ? ` · ${formatDate(choice.publishedAt, timeZone)}` : ""})`;
  const withCover = choices.filter((choice) => choice.coverId);
  const position = new Map(columnIds.map((id, index) => [id, index + 1]));

  return (
    <div className="max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
      </header>
      {dropped.length > 0 && (
        <div role="status" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/30">
          {t.dropped}：
          {dropped
            .map((slot) => slot.article.publishedRevision?.title ?? slot.article.currentRevision?.title ?? "")
            .join("、")}
        </div>
      )}
      {choices.length === 0 && (
        <p className="rounded-xl bg-white p-6 text-slate-700 ring-1 ring-slate-200">{t.noLive}</p>
      )}
      <ActionForm action={updateHomeSlotsAction} className="space-y-6">
        <section className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <label htmlFor="headline" className="block font-semibold">
            {t.headline}
          </label>
          <select
            id="headline"
            name="headline"
            defaultValue={headline && liveIds.has(headline.articleId) ? headline.articleId : ""}
            aria-describedby={fieldErrorId("headline")}
            className={`mt-2 ${inputClass}`}
          >
            <option value="">{t.noHeadline}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {label(choice)}
              </option>
            ))}
          </select>
          <FormFieldError name="headline" />
        </section>

        <fieldset
          className="rounded-xl bg-white p-6 ring-1 ring-slate-200"
          aria-describedby={`focus-help ${fieldErrorId("focus")}`}
        >
          <legend className="px-1 font-semibold">{t.focus}</legend>
          <p id="focus-help" className="text-sm text-slate-600">
            {t.focusHelp(MAX_FOCUS)}
          </p>
          <div className="mt-3 space-y-2">
            {Array.from({ length: MAX_FOCUS }, (_, index) => {
              const current = focus[index];
              return (
                <div key={index} className="flex items-center gap-3">
                  <label htmlFor={`focus-${index}`} className="w-20 shrink-0 text-sm">
                    {t.focusSlot(index + 1)}
                  </label>
                  <select
                    id={`focus-${index}`}
                    name="focus"
                    defaultValue={current && liveIds.has(current.articleId) ? current.articleId : ""}
                    className={inputClass}
                  >
                    <option value="">{t.empty}</option>
                    {withCover.map((choice) => (
                      <option key={choice.id} value={choice.id}>
                        {label(choice)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
          <FormFieldError name="focus" />
        </fieldset>

        <fieldset className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <legend className="px-1 font-semibold">{t.columns}</legend>
          <p className="text-sm text-slate-600">{t.columnsHelp}</p>
          <ul className="mt-3 space-y-2">
            {tree.map(({ row, depth }) => (
              <li key={row.id} className="flex items-center gap-3" style={{ paddingLeft: `${depth * 1.5}rem` }}>
                <input
                  type="checkbox"
                  id={`column-${row.id}`}
                  name={`column:${row.id}`}
                  defaultChecked={position.has(row.id)}
                  aria-label={t.showColumn(row.name)}
                />
                <label htmlFor={`column-${row.id}`} className="min-w-32 text-sm">
                  {row.name}
                </label>
                <input
                  type="number"
                  name={`order:${row.id}`}
                  min={1}
                  max={99}
                  defaultValue={position.get(row.id) ?? ""}
                  aria-label={t.order(row.name)}
                  className="w-20 rounded-md border border-slate-300 px-2 py-1 text-sm"
                />
              </li>
            ))}
          </ul>
          <FormFieldError name="columns" />
        </fieldset>

        <button type="submit" className={primaryButton}>
          {t.save}
        </button>
      </ActionForm>
    </div>
  );
}

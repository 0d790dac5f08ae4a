import { inputClass } from "@/components/admin/columns/ColumnFields";
import { fieldErrorId } from "@/components/admin/FieldError";
import { ActionForm, FormFieldError } from "@/components/admin/forms/ActionForm";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { db } from "@/lib/db";
import { renderedMedia } from "@/lib/media/rendered";
import { requirePagePermission } from "@/lib/permissions";
import { settingsText } from "@/lib/settings/messages";
import { getSiteSettings } from "@/lib/settings/queries";
import type { SiteSettings } from "@/lib/settings/schemas";
import { updateSettingsAction } from "./actions";

const t = settingsText.ui;

export const metadata = { title: t.title };

type TextField = Exclude<keyof SiteSettings, "logoMediaId" | "showViewCount" | "timeZone">;

function SettingInput({
  name,
  label,
  value,
  help,
  mono,
  max,
}: {
  name: TextField;
  label: string;
  value: string;
  help?: string;
  mono?: boolean;
  max: number;
}) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        defaultValue={value}
        maxLength={max}
        autoComplete="off"
        aria-describedby={`${help ? `${name}-help ` : ""}${fieldErrorId(name)}`}
        className={`mt-1.5 max-w-xl ${mono ? "font-mono" : ""} ${inputClass}`}
      />
      {help && (
        <p id={`${name}-help`} className="mt-1 text-sm text-slate-500">
          {help}
        </p>
      )}
      <FormFieldError name={name} />
    </div>
  );
}

export default async function SettingsPage() {
  await requirePagePermission("settings.manage");
  const settings = await getSiteSettings(db);
  const logo = settings.logoMediaId ? await db.media.findUnique({ where: { id: settings.logoMediaId } }) : null;
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone")];

  return (
    <div className="max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t.intro}</p>
      </header>
      <ActionForm action={updateSettingsAction} className="space-y-6">
        <fieldset className="space-y-5 rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <legend className="px-1 font-semibold">{t.identity}</legend>
          <SettingInput name="siteName" label={t.siteName} value={settings.siteName} max={60} />
          <SettingInput name="shortName" label={t.shortName} value={settings.shortName} max={20} />
          <div>
            <span className="block text-sm font-medium">{t.logo}</span>
            {logo ? (
              <div className="mt-1.5 flex items-center gap-4">
                {/* eslint-disable-next-line @next/next/no-img-element -- a stored rendition, already sized */}
                <img
                  src={renderedMedia(logo).src}
                  alt={`${t.logoCurrent}：${logo.alt}`}
                  className="h-12 w-auto rounded ring-1 ring-slate-200"
                />
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="logoRemove" />
                  {t.logoRemove}
                </label>
              </div>
            ) : (
              <p className="mt-1.5 text-sm text-slate-500">{t.logoNone}</p>
            )}
            <label htmlFor="logoFile" className="mt-3 block text-sm">
              {t.logoUpload}
            </label>
            <input
              id="logoFile"
              name="logoFile"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={fieldErrorId("logoFile")}
              className="mt-1 text-sm"
            />
            <FormFieldError name="logoFile" />
            <label htmlFor="logoMediaId" className="mt-3 block text-sm">
              {t.logoMediaId}
            </label>
            <input
              id="logoMediaId"
              name="logoMediaId"
              defaultValue={settings.logoMediaId ?? ""}
              spellCheck={false}
              aria-describedby={fieldErrorId("logoMediaId")}
              className={`mt-1 max-w-md font-mono ${inputClass}`}
            />
            <FormFieldError name="logoMediaId" />
          </div>
        </fieldset>

        <fieldset className="space-y-5 rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <legend className="px-1 font-semibold">{t.footer}</legend>
          <SettingInput name="sponsor" label={t.sponsor} value={settings.sponsor} max={100} />
          <SettingInput name="organizer" label={t.organizer} value={settings.organizer} max={100} />
          <SettingInput name="contact" label={t.contact} value={settings.contact} help={t.contactHelp} max={200} />
          <SettingInput name="siteCode" label={t.siteCode} value={settings.siteCode} mono max={10} />
          <SettingInput name="icpNumber" label={t.icpNumber} value={settings.icpNumber} max={40} />
          <SettingInput name="icpLink" label={t.icpLink} value={settings.icpLink} mono max={200} />
          <SettingInput name="policeNumber" label={t.policeNumber} value={settings.policeNumber} max={40} />
          <SettingInput
            name="policeLink"
            label={t.policeLink}
            value={settings.policeLink}
            help={t.policeLinkHelp}
            mono
            max={200}
          />
        </fieldset>

        <fieldset className="space-y-5 rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <legend className="px-1 font-semibold">{t.articles}</legend>
          <SettingInput name="defaultSource" label={t.defaultSource} value={settings.defaultSource} max={100} />
          <div>
            <label htmlFor="timeZone" className="block text-sm font-medium">
              {t.timeZone}
            </label>
            <select
              id="timeZone"
              name="timeZone"
              defaultValue={settings.timeZone}
              aria-describedby={fieldErrorId("timeZone")}
              className={`mt-1.5 max-w-xs ${inputClass}`}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
            <FormFieldError name="timeZone" />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="showViewCount" defaultChecked={settings.showViewCount} />
            {t.showViewCount}
          </label>
        </fieldset>

        <button type="submit" className={primaryButton}>
          {t.save}
        </button>
      </ActionForm>
    </div>
  );
}

"use client";

import { useState } from "react";
import { toast } from "@/components/admin/toast";
import { createProfileAction, type ProfileActionResult } from "@/app/admin/(staff)/articles/actions";
import { FieldError } from "@/components/admin/FieldError";
import { MediaPickerDialog, useOpenedOnce } from "@/components/editor/lazy-dialogs";
import { articlesText } from "@/lib/articles/messages";
import type { MediaItem } from "@/lib/media/queries";

const t = articlesText.ui.profile;

export interface ProfileOption {
  id: string;
  kind: string;
  name: string;
  honour: string;
  organisation: string;
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
const EMPTY = {
  kind: "PERSON",
  name: "",
  honour: "",
  position: "",
  organisation: "",
  portraitId: null as string | null,
};

/** 人物/组织: pick an existing profile subject or create one (name, honour, position, organisation, portrait). */
export function ProfileField({
  value,
  profiles,
  disabled,
  error,
  onChange,
  maxUploadBytes,
}: {
  value: string | null;
  profiles: ProfileOption[];
  disabled: boolean;
  error?: string;
  onChange: (id: string | null) => void;
  maxUploadBytes: number;
}) {
  const [options, setOptions] = useState(profiles);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [picking, setPicking] = useState(false);
  const pickerUsed = useOpenedOnce(picking);
  const [portrait, setPortrait] = useState<MediaItem | null>(null);
  const [pending, setPending] = useState(false);
  const [duplicates, setDuplicates] = useState<
    Extract<ProfileActionResult, { status: "duplicate" }>["candidates"] | null
  >(null);

  function close() {
    setCreating(false);
    setDraft(EMPTY);
    setPortrait(null);
    setErrors({});
    setDuplicates(null);
  }

  /** 使用已有: the profile on file is picked; nothing is created. */
  function reuse(candidate: ProfileOption) {
    setOptions((list) => (list.some((item) => item.id === candidate.id) ? list : [...list, candidate]));
    onChange(candidate.id);
    close();
    toast.success(articlesText.toasts.profileReused);
  }

  async function create(confirmDuplicate = false) {
    setPending(true);
    try {
      const result = await createProfileAction({ ...draft, confirmDuplicate });
      if (result.status === "duplicate") {
        setDuplicates(result.candidates);
        setErrors({});
      } else if (result.status === "ok") {
        setOptions((list) => [...list, result.profile].sort((a, b) => a.name.localeCompare(b.name, "zh-CN")));
        onChange(result.profile.id);
        close();
        toast.success(articlesText.toasts.profileCreated);
      } else {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.message);
      }
    } finally {
      setPending(false);
    }
  }

  const field = (key: "name" | "honour" | "position" | "organisation", label: string, hint?: string) => (
    <div>
      <label htmlFor={`profile-${key}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`profile-${key}`}
        value={draft[key]}
        placeholder={hint}
        onChange={(event) => {
          setDraft({ ...draft, [key]: event.target.value });
          setDuplicates(null);
        }}
        className={inputClass}
      />
      <FieldError inputId={`profile-${key}`} message={errors[key]} />
    </div>
  );

  return (
    <div>
      <label htmlFor="article-profileId" className="block text-sm font-medium">
        {articlesText.ui.fields.profile}
      </label>
      <div className="mt-1 flex gap-2">
        <select
          id="article-profileId"
          value={value ?? ""}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value || null)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50"
        >
          <option value="">{articlesText.ui.fields.noProfile}</option>
          {options.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
              {profile.honour ? `(${profile.honour})` : ""}
              {profile.kind === "ORGANISATION" ? ` · ${articlesText.profileKinds.ORGANISATION}` : ""}
            </option>
          ))}
        </select>
        {!disabled && (
          <button
            type="button"
            onClick={() => setCreating((open) => !open)}
            aria-expanded={creating}
            className="shrink-0 rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50"
          >
            {t.create}
          </button>
        )}
      </div>
      <FieldError inputId="article-profileId" message={error} />
      {creating && (
        // Not a nested <form>: the article form around it would be submitted instead.
        <div
          role="group"
          aria-label={t.create}
          className="mt-3 grid gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 sm:grid-cols-2"
        >
          <div>
            <label htmlFor="profile-kind" className="block text-sm font-medium">
              {t.kind}
            </label>
            <select
              id="profile-kind"
              value={draft.kind}
              onChange={(event) => setDraft({ ...draft, kind: event.target.value })}
              className={inputClass}
            >
              <option value="PERSON">{articlesText.profileKinds.PERSON}</option>
              <option value="ORGANISATION">{articlesText.profileKinds.ORGANISATION}</option>
            </select>
          </div>
          {field("name", t.name)}
          {field("honour", t.honour, t.honourHint)}
          {field("position", t.position)}
          {field("organisation", t.organisation)}
          <div>
            <span className="block text-sm font-medium">{t.portrait}</span>
            <div className="mt-1 flex items-center gap-2">
              {portrait ? (
                // eslint-disable-next-line @next/next/no-img-element -- a library rendition
                <img src={portrait.thumbnailUrl} alt={portrait.alt} className="size-12 rounded object-cover" />
              ) : (
                <span className="text-sm text-slate-500">{t.noPortrait}</span>
              )}
              <button
                type="button"
                onClick={() => setPicking(true)}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-white"
              >
                {articlesText.editor.pickMedia}
              </button>
            </div>
          </div>
          {duplicates && (
            <div
              role="alertdialog"
              aria-labelledby="profile-duplicates-title"
              aria-describedby="profile-duplicates-intro"
              className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200 sm:col-span-2"
            >
              <p id="profile-duplicates-title" className="text-sm font-semibold text-amber-900">
                {t.duplicateTitle}
              </p>
              <p id="profile-duplicates-intro" className="text-sm text-amber-900">
                {t.duplicateIntro}
              </p>
              <ul className="space-y-1.5">
                {duplicates.map((candidate) => (
                  <li
                    key={candidate.id}
                    className="flex flex-wrap items-center justify-between gap-2 rounded bg-white px-3 py-2 text-sm ring-1 ring-amber-100"
                  >
                    <span>
                      <strong>{candidate.name}</strong>
                      {[candidate.honour, candidate.position, candidate.organisation]
                        .filter(Boolean)
                        .map((part) => ` · ${part}`)
                        .join("")}
                    </span>
                    <button
                      type="button"
                      onClick={() => reuse(candidate)}
                      className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700"
                    >
                      {t.useExisting}
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                disabled={pending}
                onClick={() => void create(true)}
                className="rounded-md border border-amber-300 bg-white px-3 py-1.5 text-sm hover:bg-amber-100 disabled:opacity-60"
              >
                {t.createAnyway}
              </button>
            </div>
          )}
          <div className="flex gap-2 sm:col-span-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => void create()}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {t.submit}
            </button>
            <button
              type="button"
              onClick={close}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-white"
            >
              {t.cancel}
            </button>
          </div>
          {pickerUsed && (
            <MediaPickerDialog
              open={picking}
              maxBytes={maxUploadBytes}
              title={t.portrait}
              onClose={() => setPicking(false)}
              onPick={(item) => {
                setPortrait(item);
                setDraft({ ...draft, portraitId: item.id });
                setPicking(false);
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}

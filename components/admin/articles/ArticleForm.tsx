"use client";

import type { BodyEditor } from "@/components/editor/body-editor";
import { Eye, Save } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "@/components/admin/toast";
import { createArticleAction, saveArticleAction, suggestSlugAction } from "@/app/admin/(staff)/articles/actions";
import { FieldError } from "@/components/admin/FieldError";
import { FieldCheckHits } from "@/components/editor/HitText";
import { ConflictDialog, useOpenedOnce } from "@/components/editor/lazy-dialogs";
import type { ReviewQuote } from "@/components/editor/quote-highlights";
import type { BodyDocument } from "@/lib/articles/body";
import { toStoredBody } from "@/lib/articles/editor-json";
import { articlesText } from "@/lib/articles/messages";
import { checksText } from "@/lib/checks/messages";
import type { CheckField, CheckResult } from "@/lib/checks/types";
import { formatDate } from "@/lib/format/date";
import type { MediaItem } from "@/lib/media/queries";
import { CoverField } from "./CoverField";
import { useLockVersion } from "./LockVersion";
import { ProfileField, type ProfileOption } from "./ProfileField";
import { useAutosave, useLeaveWarning } from "./use-autosave";
import { useSaveConflict, type SavedVersion } from "./use-save-conflict";

/**
 * The rich-text engine (ProseMirror and the editor: about half of the page's JavaScript) is its own
 * chunk: the server render preloads it beside the page's chunks, so the form's fields hydrate and
 * can be typed in without waiting for it. Until it runs, the same empty box the editor shows before
 * it is created (it is never rendered on the server).
 */
const ArticleEditor = dynamic(() => import("@/components/editor/ArticleEditor").then((m) => m.ArticleEditor), {
  loading: () => <div className="min-h-96 rounded-lg bg-white ring-1 ring-slate-300" aria-busy="true" />,
});

const t = articlesText.ui;
const AUTOSAVE_MS = 10_000;

export interface ArticleFields {
  title: string;
  overTitle: string;
  subtitle: string;
  seriesMark: string;
  columnId: string;
  source: string;
  byline: string;
  responsibleEditor: string;
  /** 发布日期 as the date input holds it (YYYY-MM-DD in the site's zone), "" = the first publication. */
  displayDate: string;
  /** The address: /articles/<slug>.html ("" on a new article: offered from the title on the first save). */
  slug: string;
  summary: string;
  lead: string;
  coverId: string | null;
  profileId: string | null;
}

interface Props {
  articleId: string | null;
  lockVersion: number;
  editable: boolean;
  initial: ArticleFields;
  body: BodyDocument;
  /** The content checks of the saved content; each save brings new ones. */
  checks?: CheckResult;
  columns: { id: string; name: string; seriesMark: string }[];
  profiles: ProfileOption[];
  media: MediaItem[];
  maxUploadBytes: number;
  /** The site's time zone (site setting) for the saved-at times. */
  timeZone: string;
  /** When the saved content was last written (ISO), for the status line before the first save here. */
  savedAt?: string;
  /** Passages quoted by the latest 退回意见 and 批注, marked in the body. */
  reviewQuotes?: readonly ReviewQuote[];
  /** The column's 终审 may set 发布日期 (the server decides again). */
  canSetDisplayDate?: boolean;
  /** Whether the address may change here: before the first publication, or the 终审 after it. */
  slugEditable?: boolean;
  /** The article has been published: a new address keeps the old one as a 301. */
  everPublished?: boolean;
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50";

function snapshot(fields: ArticleFields, body: unknown): string {
  return JSON.stringify({ fields, body: toStoredBody(body) });
}

/** The saved version as the form holds it (the date in the site's zone; the address is not part of it). */
function formOf(theirs: SavedVersion, slug: string, timeZone: string): ArticleFields & { body: BodyDocument } {
  return {
    title: theirs.title,
    overTitle: theirs.overTitle,
    subtitle: theirs.subtitle,
    seriesMark: theirs.seriesMark,
    columnId: theirs.columnId,
    source: theirs.source,
    byline: theirs.byline,
    responsibleEditor: theirs.responsibleEditor,
    displayDate: theirs.displayDate ? formatDate(new Date(theirs.displayDate), timeZone) : "",
    slug,
    summary: theirs.summary,
    lead: theirs.lead,
    coverId: theirs.coverId,
    profileId: theirs.profileId,
    body: theirs.body,
  };
}

/** HH:MM:SS in the site's zone (lib/format/date.ts is for dates; a save needs the seconds). */
function timeOfDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

/** The status line: what is saved and when, whether there are unsaved changes, that autosave is on. */
function saveStatus(
  state: { disabled: boolean; saving: boolean; dirty: boolean; savedAt: Date | null },
  timeZone: string,
): string {
  if (state.disabled) return t.readOnly;
  if (state.saving) return t.saving;
  const saved = state.savedAt ? timeOfDay(state.savedAt, timeZone) : null;
  if (state.dirty) return saved ? `${t.unsaved} · ${t.lastSaved(saved)}` : `${t.unsaved} · ${t.autosaveOn}`;
  return saved ? `${t.savedAt(saved)} · ${t.autosaveOn}` : t.autosaveOn;
}

/**
 * The article form: fields, body editor, explicit save (button, Ctrl+S) and autosave every 10 s while
 * something changed, a warning before leaving with unsaved changes, and the conflict dialog when the
 * server refuses a save over a newer version.
 */
export function ArticleForm(props: Props) {
  const router = useRouter();
  const [articleId, setArticleId] = useState(props.articleId);
  const [fields, setFields] = useState(props.initial);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(props.savedAt ? new Date(props.savedAt) : null);
  const [editorKey, setEditorKey] = useState(0);
  const [initialBody, setInitialBody] = useState(props.body);
  const [checks, setChecks] = useState<CheckResult | null>(props.checks ?? null);
  const hitsOf = useMemo(() => {
    const byField = new Map<CheckField, CheckResult["hits"]>();
    for (const hit of checks?.hits ?? [])
      byField.set(hit.location.field, [...(byField.get(hit.location.field) ?? []), hit]);
    return (field: CheckField) => byField.get(field) ?? [];
  }, [checks]);
  const bodyHits = useMemo(() => hitsOf("body"), [hitsOf]);

  const lockVersion = useLockVersion(props.lockVersion);
  const body = useRef<unknown>(props.body);
  const saved = useRef(snapshot(props.initial, props.body));
  const busy = useRef(false);
  const fieldsRef = useRef(props.initial);
  const editorRef = useRef<BodyEditor | null>(null);
  // Created here by an autosave: the address is the article's, but the page is still the new-article one.
  const onNewPage = useRef(props.articleId === null);

  const columnsById = useMemo(() => new Map(props.columns.map((column) => [column.id, column])), [props.columns]);
  const labels = useMemo(
    () => ({
      title: t.fields.title,
      overTitle: t.fields.overTitle,
      subtitle: t.fields.subtitle,
      seriesMark: t.fields.seriesMark,
      column: t.fields.column,
      source: t.fields.source,
      byline: t.fields.byline,
      responsibleEditor: t.fields.responsibleEditor,
      displayDate: t.fields.displayDate,
      summary: t.fields.summary,
      lead: t.fields.lead,
      cover: t.fields.cover,
      profile: t.fields.profile,
    }),
    [],
  );

  const markChanged = useCallback(() => {
    setDirty(snapshot(fieldsRef.current, body.current) !== saved.current);
  }, []);

  function update<K extends keyof ArticleFields>(key: K, value: ArticleFields[K]) {
    setFields((previous) => {
      const next = { ...previous, [key]: value };
      // A new column brings its series mark unless the editor typed their own.
      if (key === "columnId") {
        const before = columnsById.get(previous.columnId)?.seriesMark ?? "";
        if (previous.seriesMark === "" || previous.seriesMark === before)
          next.seriesMark = columnsById.get(String(value))?.seriesMark ?? "";
      }
      fieldsRef.current = next;
      return next;
    });
    markChanged();
  }

  const { conflict, setConflict, keepTheirs, keepMine } = useSaveConflict({
    setLockVersion: (version) => lockVersion.set(version),
    restore: (theirs) => restoreTheirs(theirs),
    saveAgain: () => void saveRef.current("manual"),
  });
  const conflictUsed = useOpenedOnce(conflict !== null);

  const comparable = useCallback(
    (version: ArticleFields & { body: BodyDocument }) => ({
      title: version.title,
      body: version.body,
      fields: {
        overTitle: version.overTitle,
        subtitle: version.subtitle,
        seriesMark: version.seriesMark,
        column: columnsById.get(version.columnId)?.name ?? version.columnId,
        source: version.source,
        byline: version.byline,
        responsibleEditor: version.responsibleEditor,
        displayDate: version.displayDate,
        summary: version.summary,
        lead: version.lead,
        cover: version.coverId ?? "",
        profile: props.profiles.find((profile) => profile.id === version.profileId)?.name ?? version.profileId ?? "",
      },
    }),
    [columnsById, props.profiles],
  );

  const save = useCallback(
    async (kind: "manual" | "auto") => {
      if (busy.current) return;
      const current = fieldsRef.current;
      if (kind === "auto" && (!current.title.trim() || !current.columnId)) return;
      busy.current = true;
      setSaving(true);
      const storedBody = toStoredBody(body.current);
      const sent = snapshot(current, body.current);
      // 发布日期 and the address go only when changed here: the server refuses a change by someone
      // who may not make it, and a date-only input must not rewrite a stored time of day.
      const request = {
        ...current,
        displayDate: current.displayDate !== props.initial.displayDate ? current.displayDate : undefined,
        slug: current.slug && current.slug !== props.initial.slug ? current.slug : undefined,
        body: storedBody,
      };
      try {
        const result = articleId
          ? await saveArticleAction({
              ...request,
              articleId,
              lockVersion: lockVersion.get(),
              autosave: kind === "auto",
            })
          : await createArticleAction(request);
        if (result.status === "ok") {
          lockVersion.set(result.lockVersion);
          if (result.checks) setChecks(result.checks);
          saved.current = sent;
          setFieldErrors({});
          setSavedAt(new Date());
          setDirty(snapshot(fieldsRef.current, body.current) !== sent);
          const changedMeanwhile = snapshot(fieldsRef.current, body.current) !== sent;
          if (!articleId) {
            setArticleId(result.articleId);
            toast.success(articlesText.toasts.created);
          }
          if (onNewPage.current && kind === "manual" && !changedMeanwhile) {
            // The article's own page (title, 提交审核, timeline, history) replaces the new-article form;
            // nothing is lost: what the form holds is what was just saved.
            onNewPage.current = false;
            router.replace(`/admin/articles/${result.articleId}`);
          } else if (onNewPage.current) {
            // An autosave (or typing during the save): the editor keeps its state and cursor, only the
            // address becomes the article's; the next manual save brings the full page.
            window.history.replaceState(null, "", `/admin/articles/${result.articleId}`);
          } else if (kind === "manual") {
            toast.success(
              result.revisionCreated
                ? articlesText.toasts.savedRevision(result.revisionNumber)
                : articlesText.toasts.unchanged,
            );
            router.refresh();
          }
        } else if (result.status === "conflict") {
          const mine = { ...current, body: storedBody as BodyDocument };
          // The diff (and its library) is fetched only when a conflict happens.
          const { diffVersions } = await import("@/lib/articles/version-diff");
          setConflict({
            theirs: result.theirs,
            diff: diffVersions(
              comparable(formOf(result.theirs, current.slug, props.timeZone)),
              comparable(mine),
              labels,
            ),
          });
          toast.error(result.message);
        } else {
          setFieldErrors(result.fieldErrors ?? {});
          toast.error(result.message);
        }
      } catch (error) {
        toast.error(articlesText.toasts.saveFailed);
        throw error;
      } finally {
        busy.current = false;
        setSaving(false);
      }
    },
    [
      articleId,
      comparable,
      labels,
      lockVersion,
      router,
      setConflict,
      props.initial.displayDate,
      props.initial.slug,
      props.timeZone,
    ],
  );

  /** Keep theirs: the newer version replaces the form's fields and body; nothing unsaved remains. */
  function restoreTheirs(theirs: SavedVersion) {
    const { body: theirBody, ...next } = formOf(theirs, fieldsRef.current.slug, props.timeZone);
    fieldsRef.current = next;
    setFields(next);
    body.current = theirBody;
    saved.current = snapshot(next, theirs.body);
    setInitialBody(theirs.body);
    setEditorKey((key) => key + 1);
    setDirty(false);
  }

  // The autosave timer and Ctrl+S read the latest save through this.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useAutosave({
    enabled: props.editable,
    dirty,
    blocked: conflict !== null,
    save: () => save("auto"),
    intervalMs: AUTOSAVE_MS,
  });
  useLeaveWarning(dirty, t.leaveWarning);

  const onBodyChange = useCallback(
    (json: unknown) => {
      body.current = json;
      markChanged();
    },
    [markChanged],
  );
  const onReady = useCallback((editor: BodyEditor) => {
    editorRef.current = editor;
  }, []);

  const disabled = !props.editable;
  const longText = (key: "summary" | "lead", rows: number, label: string, hint: string) => (
    <div className="md:col-span-2">
      <label htmlFor={`article-${key}`} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={`article-${key}`}
        name={key}
        rows={rows}
        value={fields[key]}
        disabled={disabled}
        onChange={(event) => update(key, event.target.value)}
        className={inputClass}
        aria-describedby={`article-${key}-hint`}
      />
      <p id={`article-${key}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <FieldError inputId={`article-${key}`} message={fieldErrors[key]} />
      <FieldCheckHits id={`article-${key}-checks`} field={checksText.fieldLabels[key]} hits={hitsOf(key)} />
    </div>
  );

  async function suggest() {
    const title = fieldsRef.current.title.trim();
    if (!title) {
      setFieldErrors((errors) => ({ ...errors, slug: t.fields.slugSuggestFailed }));
      return;
    }
    const result = await suggestSlugAction({ title, articleId });
    if (result.status === "ok") {
      update("slug", result.slug);
      setFieldErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([key]) => key !== "slug")));
    } else setFieldErrors((errors) => ({ ...errors, slug: result.message }));
  }

  const slugDisabled = disabled || props.slugEditable === false;
  const dateDisabled = disabled || !props.canSetDisplayDate;

  const text = (
    key: "title" | "seriesMark" | "source" | "byline" | "overTitle" | "subtitle" | "responsibleEditor",
    label: string,
    hint?: string,
  ) => (
    <div>
      <label htmlFor={`article-${key}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`article-${key}`}
        name={key}
        value={fields[key]}
        disabled={disabled}
        onChange={(event) => update(key, event.target.value)}
        className={inputClass}
        aria-invalid={fieldErrors[key] ? true : undefined}
        aria-describedby={hint ? `article-${key}-hint` : undefined}
      />
      {hint && (
        <p id={`article-${key}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError inputId={`article-${key}`} message={fieldErrors[key]} />
    </div>
  );

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void save("manual");
      }}
    >
      <div className="sticky top-0 z-20 -mx-4 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur">
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="save-status">
          {saveStatus({ disabled, saving, dirty, savedAt }, props.timeZone)}
        </p>
        <div className="flex gap-2">
          {articleId && (
            <Link
              href={`/admin/articles/${articleId}/preview`}
              target="_blank"
              className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
            >
              <Eye aria-hidden className="size-4" />
              {t.preview}
            </Link>
          )}
          {!disabled && (
            <button
              type="submit"
              disabled={saving}
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              <Save aria-hidden className="size-4" />
              {saving ? t.saving : t.save}
            </button>
          )}
        </div>
      </div>

      <div className="grid gap-4 rounded-xl bg-white p-6 ring-1 ring-slate-200 md:grid-cols-2">
        <div className="md:col-span-2">
          {text("overTitle", t.fields.overTitle, t.fields.overTitleHint)}
          <FieldCheckHits
            id="article-overTitle-checks"
            field={checksText.fieldLabels.overTitle}
            hits={hitsOf("overTitle")}
          />
        </div>
        <div className="md:col-span-2">
          {text("title", t.fields.title)}
          <FieldCheckHits id="article-title-checks" field={checksText.fieldLabels.title} hits={hitsOf("title")} />
        </div>
        <div className="md:col-span-2">
          {text("subtitle", t.fields.subtitle, t.fields.subtitleHint)}
          <FieldCheckHits
            id="article-subtitle-checks"
            field={checksText.fieldLabels.subtitle}
            hits={hitsOf("subtitle")}
          />
        </div>
        {text("seriesMark", t.fields.seriesMark, t.fields.seriesMarkHint)}
        <div>
          <label htmlFor="article-columnId" className="block text-sm font-medium">
            {t.fields.column}
          </label>
          <select
            id="article-columnId"
            name="columnId"
            value={fields.columnId}
            disabled={disabled}
            onChange={(event) => update("columnId", event.target.value)}
            className={inputClass}
          >
            <option value="">{t.fields.chooseColumn}</option>
            {props.columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.name}
              </option>
            ))}
          </select>
          <FieldError inputId="article-columnId" message={fieldErrors.columnId} />
        </div>
        {text("source", t.fields.source)}
        {text("byline", t.fields.byline)}
        <div>
          {text("responsibleEditor", t.fields.responsibleEditor, t.fields.responsibleEditorHint)}
          <FieldCheckHits
            id="article-responsibleEditor-checks"
            field={checksText.fieldLabels.responsibleEditor}
            hits={hitsOf("responsibleEditor")}
          />
        </div>
        <div>
          <label htmlFor="article-displayDate" className="block text-sm font-medium">
            {t.fields.displayDate}
          </label>
          {dateDisabled ? (
            // A disabled native date input shows the browser's own format (mm/dd/yyyy in an English browser).
            <input
              id="article-displayDate"
              type="text"
              value={fields.displayDate || t.fields.displayDateDefault}
              disabled
              className={inputClass}
              aria-describedby="article-displayDate-hint"
            />
          ) : (
            <input
              id="article-displayDate"
              name="displayDate"
              type="date"
              value={fields.displayDate}
              onChange={(event) => update("displayDate", event.target.value)}
              className={inputClass}
              aria-invalid={fieldErrors.displayDate ? true : undefined}
              aria-describedby="article-displayDate-hint"
            />
          )}
          <p id="article-displayDate-hint" className="mt-1 text-xs text-slate-500">
            {dateDisabled && !disabled ? t.fields.displayDateLocked : t.fields.displayDateHint}
          </p>
          <FieldError inputId="article-displayDate" message={fieldErrors.displayDate} />
        </div>
        <div className="md:col-span-2">
          <label htmlFor="article-slug" className="block text-sm font-medium">
            {t.fields.slug}
          </label>
          <div className="mt-1 flex items-center gap-2">
            <span className="shrink-0 text-sm text-slate-500">/articles/</span>
            <input
              id="article-slug"
              name="slug"
              value={fields.slug}
              disabled={slugDisabled}
              spellCheck={false}
              autoComplete="off"
              onChange={(event) => update("slug", event.target.value.toLowerCase())}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm disabled:bg-slate-50"
              aria-invalid={fieldErrors.slug ? true : undefined}
              aria-describedby="article-slug-hint"
            />
            <span className="shrink-0 text-sm text-slate-500">.html</span>
            {!slugDisabled && (
              <button
                type="button"
                onClick={() => void suggest()}
                className="shrink-0 rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50"
              >
                {t.fields.slugSuggest}
              </button>
            )}
          </div>
          <p id="article-slug-hint" className="mt-1 text-xs text-slate-500">
            {slugDisabled && !disabled
              ? t.fields.slugLocked
              : props.everPublished
                ? t.fields.slugLiveHint
                : t.fields.slugHint}
          </p>
          <FieldError inputId="article-slug" message={fieldErrors.slug} />
        </div>
        {longText("summary", 2, t.fields.summary, t.fields.summaryHint)}
        {longText("lead", 3, t.fields.lead, t.fields.leadHint)}
        <CoverField
          value={fields.coverId}
          media={props.media}
          maxUploadBytes={props.maxUploadBytes}
          disabled={disabled}
          error={fieldErrors.coverId}
          onChange={(id) => update("coverId", id)}
        />
        <ProfileField
          value={fields.profileId}
          profiles={props.profiles}
          maxUploadBytes={props.maxUploadBytes}
          disabled={disabled}
          error={fieldErrors.profileId}
          onChange={(id) => update("profileId", id)}
        />
      </div>

      <section aria-labelledby="article-body-label" className="space-y-2">
        <h2 id="article-body-label" className="text-sm font-medium">
          {t.fields.body}
        </h2>
        {fieldErrors.body && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {fieldErrors.body}
          </p>
        )}
        <ArticleEditor
          key={editorKey}
          initialBody={initialBody}
          editable={props.editable}
          media={props.media}
          maxUploadBytes={props.maxUploadBytes}
          onChange={onBodyChange}
          onSaveShortcut={() => void saveRef.current("manual")}
          onReady={onReady}
          checkHits={checks ? bodyHits : undefined}
          checksBlocking={checks?.blocking ?? false}
          reviewQuotes={props.reviewQuotes}
        />
      </section>

      {conflictUsed && (
        <ConflictDialog
          open={conflict !== null}
          diff={conflict?.diff ?? null}
          savedBy={conflict?.theirs.savedBy ?? ""}
          savedAt={
            conflict
              ? new Date(conflict.theirs.savedAt).toLocaleString("zh-CN", { timeZone: props.timeZone, hour12: false })
              : ""
          }
          onKeepMine={keepMine}
          onKeepTheirs={keepTheirs}
          onClose={() => setConflict(null)}
        />
      )}
    </form>
  );
}

"use client";

import { ImagePlus, Upload } from "lucide-react";
import { useEffect, useId, useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { toast } from "@/components/admin/toast";
import { FieldError, fieldErrorId } from "@/components/admin/FieldError";
import { mediaText } from "@/lib/media/messages";
import type { MediaItem } from "@/lib/media/queries";
import { megabytes, uploadWithProgress } from "./upload-xhr";

const t = mediaText.uploader;
const ACCEPT = "image/jpeg,image/png,image/webp,image/gif";
const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600";

export interface MediaUploaderProps {
  /** Called with the library row once the server has stored the photo (or found the same one). */
  onUploaded?: (media: MediaItem, created: boolean) => void;
  /** UPLOAD_MAX_BYTES, so an oversized file is refused before it is sent. */
  maxBytes: number;
  /** Focus the alt-text field after a file is chosen (true inside dialogs). */
  autoFocusAlt?: boolean;
}

function firstImage(files: FileList | null | undefined): File | null {
  return [...(files ?? [])].find((file) => file.type.startsWith("image/") || file.type === "") ?? null;
}

/**
 * Choose, drop or paste a photo, describe it, upload it with a progress bar. The server decides what
 * is acceptable (type by content, size, dimensions); the checks here only save a pointless upload.
 */
export function MediaUploader({ onUploaded, maxBytes, autoFocusAlt = true }: MediaUploaderProps) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const altInput = useRef<HTMLInputElement>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [fields, setFields] = useState({ alt: "", caption: "", credit: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  const previewRef = useRef<string | null>(null);

  function showPreview(next: File | null) {
    if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    previewRef.current = next ? URL.createObjectURL(next) : null;
    setPreview(previewRef.current);
  }

  // Leaving the page mid-upload cancels it, and the preview's blob: URL is released.
  useEffect(
    () => () => {
      abortRef.current?.();
      if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    },
    [],
  );

  const uploading = progress !== null;

  function choose(next: File | null) {
    if (!next || uploading) return;
    if (next.size > maxBytes) {
      setFile(null);
      showPreview(null);
      setErrors({ file: mediaText.errors.tooLarge(megabytes(maxBytes)) });
      return;
    }
    setFile(next);
    showPreview(next);
    setErrors({});
    if (autoFocusAlt) requestAnimationFrame(() => altInput.current?.focus());
  }

  function reset() {
    setFile(null);
    showPreview(null);
    setFields({ alt: "", caption: "", credit: "" });
    setErrors({});
    setProgress(null);
    if (fileInput.current) fileInput.current.value = "";
  }

  async function upload() {
    const alt = fields.alt.trim();
    const nextErrors: Record<string, string> = {};
    if (!file) nextErrors.file = mediaText.errors.noFile;
    if (!alt) nextErrors.alt = mediaText.validation.altRequired;
    else if ([...alt].length > 300) nextErrors.alt = mediaText.validation.altTooLong;
    setErrors(nextErrors);
    if (!file || Object.keys(nextErrors).length > 0) {
      if (nextErrors.alt) altInput.current?.focus();
      return;
    }
    setProgress(0);
    const request = uploadWithProgress(file, { ...fields, alt }, setProgress, mediaText.errors.uploadFailed);
    abortRef.current = request.abort;
    const outcome = await request.done;
    abortRef.current = null;
    if (outcome.ok) {
      toast.success(outcome.created ? t.uploaded : t.duplicate);
      onUploaded?.(outcome.media, outcome.created);
      reset();
      return;
    }
    setProgress(null);
    if (!outcome.error) return; // cancelled by the user
    setErrors({
      [outcome.field === "alt" || outcome.field === "caption" || outcome.field === "credit" ? outcome.field : "file"]:
        outcome.error,
    });
    toast.error(outcome.error);
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(firstImage(event.dataTransfer.files));
  };
  const onPaste = (event: ClipboardEvent) => {
    const pasted = firstImage(event.clipboardData.files);
    if (!pasted) return;
    event.preventDefault();
    choose(pasted);
  };

  const percent = progress === null ? 0 : Math.round(progress * 100);
  const field = (name: "caption" | "credit", label: string, max: number) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        value={fields[name]}
        maxLength={max}
        disabled={uploading}
        onChange={(event) => setFields((current) => ({ ...current, [name]: event.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? fieldErrorId(`${id}-${name}`) : undefined}
        className={`mt-1 ${inputClass}`}
      />
      <FieldError inputId={`${id}-${name}`} message={errors[name]} />
    </div>
  );

  return (
    <div
      className="space-y-4"
      onPaste={onPaste}
      onKeyDown={(event) => {
        // Not a <form>: the uploader sits inside the article form, and Enter must not submit that.
        if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type === "text") {
          event.preventDefault();
          void upload();
        }
      }}
      data-testid="media-uploader"
    >
      <div
        role="group"
        aria-label={t.dropHint}
        tabIndex={0}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed p-6 text-center focus:outline-none focus:ring-2 focus:ring-brand-600/40 ${
          dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"
        }`}
      >
        {preview ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local blob: preview, not a site image
          <img src={preview} alt="" className="max-h-48 max-w-full rounded-md object-contain" />
        ) : (
          <ImagePlus aria-hidden className="size-10 text-slate-400" />
        )}
        <p className="text-sm text-slate-700">{file ? t.selected(file.name || "image") : t.dropHint}</p>
        <p className="text-xs text-slate-500">{t.formats(megabytes(maxBytes))}</p>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          className="sr-only"
          disabled={uploading}
          onChange={(event) => choose(firstImage(event.target.files))}
          aria-describedby={errors.file ? fieldErrorId(`${id}-file`) : undefined}
        />
        <label
          htmlFor={`${id}-file`}
          className="inline-flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
        >
          <Upload aria-hidden className="size-4" />
          {t.chooseFile}
        </label>
        <FieldError inputId={`${id}-file`} message={errors.file} />
      </div>

      {file && (
        <div className="space-y-3">
          <div>
            <label htmlFor={`${id}-alt`} className="block text-sm font-medium">
              {t.alt}
            </label>
            <input
              ref={altInput}
              id={`${id}-alt`}
              value={fields.alt}
              required
              maxLength={300}
              disabled={uploading}
              onChange={(event) => setFields((current) => ({ ...current, alt: event.target.value }))}
              aria-invalid={errors.alt ? true : undefined}
              aria-describedby={errors.alt ? fieldErrorId(`${id}-alt`) : `${id}-alt-hint`}
              className={`mt-1 ${inputClass}`}
            />
            {errors.alt ? (
              <FieldError inputId={`${id}-alt`} message={errors.alt} />
            ) : (
              <p id={`${id}-alt-hint`} className="mt-1 text-xs text-slate-500">
                {t.altHint}
              </p>
            )}
          </div>
          {field("caption", t.caption, 300)}
          {field("credit", t.credit, 100)}

          {uploading && (
            <div>
              <label htmlFor={`${id}-progress`} className="text-sm text-slate-700">
                {progress !== null && progress >= 1 ? t.processing : `${t.uploading} ${percent}%`}
              </label>
              <progress
                id={`${id}-progress`}
                max={100}
                value={percent}
                aria-label={t.progress}
                className="mt-1 block h-2 w-full overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
              >
                {percent}%
              </progress>
            </div>
          )}

          <div className="flex gap-3">
            <button
              type="button"
              onClick={upload}
              disabled={uploading}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {uploading ? t.uploading : t.upload}
            </button>
            <button
              type="button"
              onClick={() => (uploading ? abortRef.current?.() : reset())}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
            >
              {t.cancel}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

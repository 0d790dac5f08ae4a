"use client";

import { ImagePlus, X } from "lucide-react";
import { useState } from "react";
import { FieldError } from "@/components/admin/FieldError";
import { MediaPickerDialog, useOpenedOnce } from "@/components/editor/lazy-dialogs";
import { articlesText } from "@/lib/articles/messages";
import type { MediaItem } from "@/lib/media/queries";

const t = articlesText.ui.fields;

/** 封面: a photo from the library (or none), shown as a thumbnail. */
export function CoverField({
  value,
  media,
  disabled,
  error,
  onChange,
  maxUploadBytes,
}: {
  value: string | null;
  media: MediaItem[];
  disabled: boolean;
  error?: string;
  onChange: (id: string | null) => void;
  maxUploadBytes: number;
}) {
  const [picking, setPicking] = useState(false);
  const pickerUsed = useOpenedOnce(picking);
  const [known, setKnown] = useState(media);
  const current = known.find((item) => item.id === value);
  return (
    <div>
      <span id="article-cover-label" className="block text-sm font-medium">
        {t.cover}
      </span>
      <div className="mt-1 flex items-center gap-3" aria-labelledby="article-cover-label" role="group">
        {current ? (
          // eslint-disable-next-line @next/next/no-img-element -- a library rendition
          <img
            src={current.thumbnailUrl}
            alt={current.alt}
            className="h-16 w-24 rounded object-cover ring-1 ring-slate-200"
          />
        ) : (
          <span className="text-sm text-slate-500">{t.noCover}</span>
        )}
        {!disabled && (
          <>
            <button
              type="button"
              onClick={() => setPicking(true)}
              className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              <ImagePlus aria-hidden className="size-4" />
              {articlesText.editor.pickMedia}
            </button>
            {value && (
              <button
                type="button"
                onClick={() => onChange(null)}
                className="inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
              >
                <X aria-hidden className="size-4" />
                {t.noCover}
              </button>
            )}
          </>
        )}
      </div>
      <FieldError inputId="article-coverId" message={error} />
      {pickerUsed && (
        <MediaPickerDialog
          open={picking}
          maxBytes={maxUploadBytes}
          title={t.cover}
          onClose={() => setPicking(false)}
          onPick={(item) => {
            setKnown((list) => [item, ...list.filter((other) => other.id !== item.id)]);
            setPicking(false);
            onChange(item.id);
          }}
        />
      )}
    </div>
  );
}

"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { ImagePlus, Search } from "lucide-react";
import { MediaUploader } from "@/components/admin/media/MediaUploader";
import { useEffect, useState } from "react";
import { articlesText } from "@/lib/articles/messages";
import type { MediaItem } from "@/lib/media/queries";

const t = articlesText.editor;

interface Props {
  open: boolean;
  /** UPLOAD_MAX_BYTES, for the uploader's own check before sending. */
  maxBytes: number;
  title?: string;
  onClose: () => void;
  onPick: (item: MediaItem) => void;
}

interface ListAnswer {
  items: MediaItem[];
  error?: string;
}

async function fetchList(query: string): Promise<ListAnswer> {
  const response = await fetch(`/api/media${query ? `?q=${encodeURIComponent(query)}` : ""}`, {
    headers: { accept: "application/json" },
  });
  const answer = (await response.json()) as Partial<ListAnswer>;
  if (!response.ok) return { items: [], error: answer.error ?? t.noMedia };
  return { items: answer.items ?? [] };
}

/**
 * Picks a photo from the library (GET /api/media, searchable) or uploads a new one with the media
 * library's uploader (progress bar, drag-and-drop, paste; alt text required) and hands it to the
 * caller: a figure in the body, the cover, a portrait. Controlled by the caller, unlike the library's
 * own MediaPicker, so the toolbar button and Ctrl shortcuts can open it.
 */
export function MediaPickerDialog({ open, maxBytes, title, onClose, onPick }: Props) {
  const [q, setQ] = useState("");
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [error, setError] = useState("");

  function apply(answer: ListAnswer) {
    setError(answer.error ?? "");
    setItems(answer.items);
  }

  async function load(query: string) {
    apply(await fetchList(query));
  }

  useEffect(() => {
    // Fetching is the external system here; the list arrives asynchronously.
    if (!open) return;
    let cancelled = false;
    void fetchList("").then((answer) => {
      if (!cancelled) apply(answer);
    });
    return () => {
      cancelled = true;
    };
  }, [open]);

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100%-2rem)] max-w-3xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
            <ImagePlus aria-hidden className="size-5 text-brand-600" />
            {title ?? t.pickMedia}
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{t.pickMediaIntro}</Dialog.Description>

          <details className="mt-4 rounded-lg bg-slate-50 p-3">
            <summary className="cursor-pointer text-sm font-medium">{t.uploadFile}</summary>
            <div className="mt-3">
              <MediaUploader maxBytes={maxBytes} onUploaded={(media) => onPick(media)} />
            </div>
          </details>

          <form
            noValidate
            role="search"
            className="mt-4 flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void load(q);
            }}
          >
            <label className="sr-only" htmlFor="media-search">
              {t.searchMedia}
            </label>
            <input
              id="media-search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder={t.searchMedia}
              className="flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
            />
            <button
              type="submit"
              className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              <Search aria-hidden className="size-4" />
              {t.searchMedia}
            </button>
          </form>

          {error && (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {error}
            </p>
          )}

          <div className="mt-4 min-h-40">
            {items === null ? null : items.length === 0 ? (
              <p className="py-8 text-center text-sm text-slate-600">{t.noMedia}</p>
            ) : (
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                {items.map((item) => (
                  <li key={item.id}>
                    <button
                      type="button"
                      onClick={() => onPick(item)}
                      className="group block w-full rounded-lg p-1 text-left ring-1 ring-slate-200 hover:ring-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
                    >
                      {/* eslint-disable-next-line @next/next/no-img-element -- a 480 px library rendition */}
                      <img
                        src={item.thumbnailUrl}
                        alt={item.alt}
                        className="aspect-[4/3] w-full rounded object-cover"
                        loading="lazy"
                      />
                      <span className="mt-1 block truncate text-xs text-slate-700">
                        {item.alt || item.originalName}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>

          <div className="mt-4 flex justify-end">
            <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50">
              {t.cancel}
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

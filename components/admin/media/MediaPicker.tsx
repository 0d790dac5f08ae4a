"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Images, Search, X } from "lucide-react";
import { useCallback, useId, useState } from "react";
import { mediaText } from "@/lib/media/messages";
import type { MediaItem } from "@/lib/media/queries";
import { MediaUploader } from "./MediaUploader";

const t = mediaText.picker;

export interface MediaPickerProps {
  /** Called with the chosen (or newly uploaded) photo; the dialog closes. */
  onSelect: (media: MediaItem) => void;
  maxBytes: number;
  /** The trigger's text; defaults to 从图片库选择. */
  label?: string;
}

interface Page {
  items: MediaItem[];
  nextCursor: string | null;
}

async function fetchPage(q: string, cursor: string | null): Promise<Page> {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/media?${params}`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`GET /api/media answered ${response.status}`);
  return (await response.json()) as Page;
}

/** A dialog to reuse a photo from the library — search, page, choose — or upload a new one. */
export function MediaPicker({ onSelect, maxBytes, label = t.open }: MediaPickerProps) {
  const searchId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [items, setItems] = useState<MediaItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");

  const load = useCallback(async (q: string, after: string | null) => {
    setState("loading");
    try {
      const page = await fetchPage(q, after);
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setState("idle");
    } catch (error) {
      console.error(error);
      setState("error");
    }
  }, []);

  const search = (q: string) => {
    setSubmitted(q);
    void load(q, null);
  };

  const choose = (media: MediaItem) => {
    onSelect(media);
    setOpen(false);
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load(submitted, null);
      }}
    >
      <Dialog.Trigger className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
        <Images aria-hidden className="size-4" />
        {label}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-4xl -translate-x-1/2 -translate-y-1/2 flex-col gap-4 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <div className="flex items-start justify-between gap-4">
            <div>
              <Dialog.Title className="text-lg font-semibold">{t.title}</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-600">{t.description}</Dialog.Description>
            </div>
            <Dialog.Close className="rounded-md p-1 hover:bg-slate-100" aria-label={t.close}>
              <X aria-hidden className="size-5" />
            </Dialog.Close>
          </div>

          <div role="search" className="flex gap-2">
            <label htmlFor={searchId} className="sr-only">
              {t.search}
            </label>
            <input
              id={searchId}
              type="search"
              value={query}
              placeholder={t.searchPlaceholder}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  search(query.trim());
                }
              }}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            />
            <button
              type="button"
              onClick={() => search(query.trim())}
              className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50"
            >
              <Search aria-hidden className="size-4" />
              {t.search}
            </button>
          </div>

          {state === "error" && (
            <p role="alert" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
              {t.loadFailed}
            </p>
          )}
          {items.length === 0 && state === "idle" && <p className="text-sm text-slate-600">{t.empty}</p>}
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4" aria-busy={state === "loading"}>
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => choose(item)}
                  className="group block w-full overflow-hidden rounded-lg text-left ring-1 ring-slate-200 hover:ring-2 hover:ring-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
                  aria-label={`${t.choose}：${item.alt || item.originalName}`}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- our own renditions, already sized */}
                  <img
                    src={item.thumbnailUrl}
                    alt=""
                    loading="lazy"
                    width={item.width}
                    height={item.height}
                    className="aspect-[4/3] w-full bg-slate-100 object-cover"
                  />
                  <span className="block truncate px-2 py-1 text-xs text-slate-700">
                    {item.alt || item.originalName}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {state === "loading" && <p className="text-sm text-slate-500">{t.loading}</p>}
          {cursor && state !== "loading" && (
            <button
              type="button"
              onClick={() => void load(submitted, cursor)}
              className="self-center rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50"
            >
              {t.more}
            </button>
          )}

          <div className="border-t border-slate-200 pt-4">
            <MediaUploader maxBytes={maxBytes} onUploaded={(media) => choose(media)} />
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

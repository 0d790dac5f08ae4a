"use client";

/**
 * The admin's toasts: `toast.success(message)` (and `error`, `warning`, `info`) from any client
 * component; `<Toaster />` in the staff layout shows them. Our own instead of a library (sonner was
 * 10 KB gzip of every admin page for the four calls below); the queue is kept here, apart from React,
 * so a toast raised before a navigation is still shown after it.
 */
export type ToastKind = "success" | "error" | "warning" | "info";

export interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
  /** Dismissed: fading out, removed from the queue by `removeToast` once the fade is over. */
  leaving: boolean;
}

/** How long a shown toast stays, hover and a hidden tab not counted (sonner's 4 s, as before). */
export const TOAST_DURATION_MS = 4000;
/** The fade-out before a dismissed toast leaves the page. */
export const TOAST_LEAVE_MS = 200;
/** Toasts shown at once; newer ones first, the others wait their turn (their time starts when shown). */
export const VISIBLE_TOASTS = 3;

let queue: readonly ToastItem[] = [];
let lastId = 0;
const listeners = new Set<() => void>();

function publish(next: readonly ToastItem[]): void {
  queue = next;
  for (const listener of listeners) listener();
}

function add(kind: ToastKind, message: string): number {
  lastId += 1;
  publish([{ id: lastId, kind, message, leaving: false }, ...queue]);
  return lastId;
}

export const toast = {
  success: (message: string) => add("success", message),
  error: (message: string) => add("error", message),
  warning: (message: string) => add("warning", message),
  info: (message: string) => add("info", message),
};

/** Starts a toast's fade-out (its time is up, or its close button was pressed). */
export function dismissToast(id: number): void {
  if (queue.some((item) => item.id === id && !item.leaving))
    publish(queue.map((item) => (item.id === id ? { ...item, leaving: true } : item)));
}

export function removeToast(id: number): void {
  if (queue.some((item) => item.id === id)) publish(queue.filter((item) => item.id !== id));
}

/** The toasts on screen: the newest `VISIBLE_TOASTS` (a leaving one still holds its place until gone). */
export function shownToasts(items: readonly ToastItem[] = queue): readonly ToastItem[] {
  return items.slice(0, VISIBLE_TOASTS);
}

export function toastQueue(): readonly ToastItem[] {
  return queue;
}

export function subscribeToasts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

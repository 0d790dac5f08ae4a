"use client";

import { useSyncExternalStore } from "react";

/**
 * Progress of the photos being uploaded into the body, by placeholder key. Kept outside the document:
 * a progress event is not an edit, and must neither mark the article changed nor fill the undo history.
 */
const progress = new Map<string, number>();
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

export function setUploadProgress(key: string, fraction: number): void {
  progress.set(key, fraction);
  notify();
}

export function endUpload(key: string): void {
  progress.delete(key);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The fraction sent (0–1), or null when no upload with this key is under way. */
export function useUploadProgress(key: string | null): number | null {
  return useSyncExternalStore(
    subscribe,
    () => (key === null ? null : (progress.get(key) ?? null)),
    () => null,
  );
}

import type { MediaItem } from "@/lib/media/queries";

/** POST /api/media's answer, as the uploader reads it. */
export type UploadOutcome =
  { ok: true; media: MediaItem; created: boolean } | { ok: false; status: number; error: string; field?: string };

/** A byte limit as the refusal messages show it ("20", "0.5"). */
export const megabytes = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);

export interface UploadFields {
  alt: string;
  caption: string;
  credit: string;
}

/**
 * XMLHttpRequest rather than fetch: only XHR reports upload progress in every browser staff use.
 * Same-origin, so the session cookie and the browser's Origin header go along by themselves.
 */
export function uploadWithProgress(
  file: File,
  fields: UploadFields,
  onProgress: (fraction: number) => void,
  fallbackError: string,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const body = new FormData();
  body.append("file", file, file.name || "image");
  body.append("alt", fields.alt);
  body.append("caption", fields.caption);
  body.append("credit", fields.credit);

  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.upload.addEventListener("load", () => onProgress(1));
    xhr.addEventListener("load", () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: a proxy's error page or a server fault; answered below with the generic message.
      }
      const answer = (json ?? {}) as { media?: MediaItem; created?: boolean; error?: string; field?: string };
      if (xhr.status >= 200 && xhr.status < 300 && answer.media) {
        resolve({ ok: true, media: answer.media, created: answer.created ?? true });
      } else {
        resolve({ ok: false, status: xhr.status, error: answer.error ?? fallbackError, field: answer.field });
      }
    });
    xhr.addEventListener("error", () => resolve({ ok: false, status: 0, error: fallbackError }));
    xhr.addEventListener("abort", () => resolve({ ok: false, status: 0, error: "" }));
  });

  xhr.open("POST", "/api/media");
  xhr.setRequestHeader("accept", "application/json");
  xhr.send(body);
  return { done, abort: () => xhr.abort() };
}

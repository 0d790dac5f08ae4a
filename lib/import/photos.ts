import { decodeImageDataUri } from "@/lib/media/data-uri";
import type { SourceFile } from "./types";

/**
 * Finds a body photo's bytes among the files given with the source — the mirror folder (wget saves
 * `host/path`), or the uploads folder given beside a WordPress export (`wp-content/uploads/…`).
 * Nothing is ever fetched: an import must not make the server request addresses taken from a file
 * (SSRF), and the old site may be gone. A photo not found is reported, and the article goes on.
 */
export class PhotoFiles {
  private readonly byPath = new Map<string, SourceFile>();

  constructor(files: readonly SourceFile[]) {
    for (const file of files) this.byPath.set(normalise(file.path), file);
    // Also under every tail of two segments or more: a browser's folder upload puts the chosen folder's
    // own name in front (mirror/old.example.gov.cn/…, export/wp-content/uploads/…). Whole paths win.
    for (const file of files) {
      const parts = normalise(file.path).split("/");
      for (let index = 1; index < parts.length - 1; index++) {
        const tail = parts.slice(index).join("/");
        if (!this.byPath.has(tail)) this.byPath.set(tail, file);
      }
    }
  }

  /** The bytes and a file name for `src` as written in a page whose address is `baseUrl`. */
  find(src: string, baseUrl: string): { name: string; data: Buffer } | null {
    const trimmed = src.trim();
    if (trimmed.startsWith("data:")) {
      const decoded = decodeImageDataUri(trimmed);
      return decoded ? { name: `image.${decoded.extension}`, data: Buffer.from(decoded.bytes) } : null;
    }
    let url: URL;
    try {
      url = new URL(trimmed, baseUrl || "http://old-site.invalid/");
    } catch {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    const pathname = safeDecode(url.pathname).replace(/^\/+/, "");
    // Most specific first: host/path as wget saves it, then the path alone, then ever shorter tails
    // (an uploads folder chosen on its own starts below wp-content/) — never the file name alone, which
    // would take another article's 1.jpg.
    const parts = pathname.split("/");
    const tails = parts.length === 1 ? [pathname] : parts.slice(0, -1).map((_, index) => parts.slice(index).join("/"));
    const candidates = [`${url.host}/${pathname}`, ...tails];
    for (const candidate of candidates) {
      const file = this.byPath.get(normalise(candidate));
      if (file) return { name: parts[parts.length - 1] || "image", data: file.data };
    }
    return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function normalise(path: string): string {
  return path
    .replace(/\\/g, "/")
    .replace(/^\.?\/+/, "")
    .toLowerCase();
}

import type { PastedImage } from "@/lib/articles/paste-clean";
import { decodeImageDataUri } from "@/lib/media/data-uri";

/** One photo to upload into the body, and the key of the placeholder figure that waits for it. */
export interface BodyUpload {
  key: string;
  file: File;
}

export interface PastedImageFiles {
  uploads: BodyUpload[];
  /** Placeholders whose image could not be read (a broken data: URI, a missing clipboard file). */
  unreadable: string[];
}

/**
 * The files behind the images paste-clean found: a `data:` URI decoded into a file named for the
 * library (`fileName(n, extension)`, n counting from 1), or the clipboard's n-th image file.
 */
export function pastedImageFiles(
  images: readonly PastedImage[],
  clipboardFiles: readonly File[],
  fileName: (n: number, extension: string) => string,
): PastedImageFiles {
  const result: PastedImageFiles = { uploads: [], unreadable: [] };
  images.forEach(({ key, source }, index) => {
    if (source.kind === "file") {
      const file = clipboardFiles[source.index];
      if (file) result.uploads.push({ key, file });
      else result.unreadable.push(key);
      return;
    }
    const decoded = decodeImageDataUri(source.src);
    if (!decoded) {
      result.unreadable.push(key);
      return;
    }
    result.uploads.push({
      key,
      file: new File([decoded.bytes], fileName(index + 1, decoded.extension), { type: decoded.mimeType }),
    });
  });
  return result;
}

/**
 * Decodes the `data:image/...;base64,` images that Word for the web, WPS and web editors put in
 * pasted HTML, so the editor can upload their bytes like any other photo. Pure (atob only), so it runs
 * in the browser and in unit tests. The server still decides what the bytes are (magic bytes).
 */

const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,([a-z0-9+/=\s]*)$/i;

const EXTENSIONS: Record<string, string> = { png: "png", jpeg: "jpg", jpg: "jpg", gif: "gif", webp: "webp" };

export interface DecodedImage {
  mimeType: string;
  extension: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The image in a base64 `data:` URI, or null when it is not one (or not valid base64). */
export function decodeImageDataUri(uri: string): DecodedImage | null {
  const match = DATA_IMAGE.exec(uri.trim());
  if (!match) return null;
  const subtype = match[1].toLowerCase();
  let binary: string;
  try {
    binary = atob(match[2].replace(/\s+/g, ""));
  } catch {
    return null;
  }
  if (binary.length === 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { mimeType: `image/${subtype === "jpg" ? "jpeg" : subtype}`, extension: EXTENSIONS[subtype] ?? "img", bytes };
}

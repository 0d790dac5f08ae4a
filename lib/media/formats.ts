/**
 * The photo formats the site accepts, recognised by their first bytes. The file name and the
 * browser's Content-Type are chosen by the uploader and prove nothing; SVG is refused outright
 * because it is a document that can carry scripts.
 */
export const IMAGE_FORMATS = ["jpeg", "png", "webp", "gif"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const MIME_TYPES: Record<ImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};

/** File extensions as they appear in storage keys (`<sha256>/<variant>.<ext>`). */
export const EXTENSIONS: Record<ImageFormat, "jpg" | "png" | "webp" | "gif"> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  gif: "gif",
};

const startsWith = (data: Buffer, bytes: readonly number[], offset = 0) =>
  data.length >= offset + bytes.length && bytes.every((byte, index) => data[offset + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

export function detectImageFormat(data: Buffer): ImageFormat | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(data, ascii("GIF87a")) || startsWith(data, ascii("GIF89a"))) return "gif";
  if (startsWith(data, ascii("RIFF")) && startsWith(data, ascii("WEBP"), 8)) return "webp";
  return null;
}

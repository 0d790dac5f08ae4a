import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo, type Sharp } from "sharp";
import { AppError } from "@/lib/errors";
import { EXTENSIONS, MIME_TYPES, detectImageFormat, type ImageFormat } from "./formats";
import { mediaText } from "./messages";

/**
 * The one photo pipeline: every upload and every seeded photo goes through here, so no stored image
 * carries its uploader's EXIF (camera serial, GPS position of an interviewee's home) and every one has
 * the same renditions.
 */

export const RENDITION_WIDTHS = [480, 960, 1600] as const;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** 50 megapixels: above any camera a department uses, far below what would exhaust a 2-core server. */
export const DEFAULT_MAX_PIXELS = 50_000_000;

export interface ProcessOptions {
  maxBytes?: number;
  maxPixels?: number;
}

export interface ProcessedVariant {
  /** Storage key, `<sha256>/<variant>.<ext>`. */
  key: string;
  /** `original` (full size, re-encoded without metadata) or `w480`, `w960`, `w1600`. */
  variant: string;
  width: number;
  height: number;
  format: ImageFormat;
  bytes: number;
  data: Buffer;
}

export interface ProcessedImage {
  /** sha-256 (hex) of the uploaded bytes: the identity used to find duplicates. */
  sha256: string;
  format: ImageFormat;
  mimeType: string;
  /** Display size, after EXIF orientation is applied. */
  width: number;
  height: number;
  /** Size of the uploaded file. */
  bytes: number;
  originalName: string;
  variants: ProcessedVariant[];
}

export function sha256OfBytes(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The name as shown to staff: no directories (a browser may send a full Windows path), no control characters. */
export function cleanOriginalName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return [...printable].slice(0, 255).join("") || "image";
}

export const megabytes = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
/** Chinese counts large numbers in 万 (10,000): 50 megapixels reads as 5000 万像素. */
const tenThousands = (pixels: number) => String(Math.round(pixels / 10_000));

function refuse(message: string): AppError {
  return new AppError("VALIDATION", message, "file");
}

/** Reads only the header: a file that claims 30000×30000 is refused before a single pixel is decoded. */
async function readHeader(input: Buffer, format: ImageFormat, maxPixels: number): Promise<Metadata> {
  let header: Metadata;
  try {
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw refuse(mediaText.errors.corrupt);
  }
  // A JPEG signature in front of some other payload: the decoder, not the magic bytes, decides.
  if (header.format !== format) throw refuse(mediaText.errors.unsupportedType);
  const frames = header.pages ?? 1;
  const frameHeight = header.pageHeight ?? header.height;
  if (!header.width || !frameHeight) throw refuse(mediaText.errors.corrupt);
  if (header.width * frameHeight * frames > maxPixels)
    throw refuse(mediaText.errors.tooManyPixels(tenThousands(maxPixels)));
  return header;
}

function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case "jpeg":
      return pipeline.jpeg({ quality: 82, progressive: true });
    case "png":
      return pipeline.png();
    case "webp":
      return pipeline.webp({ quality: 80 });
    case "gif":
      return pipeline.gif();
  }
}

/**
 * Validates an upload and produces its renditions: each of 480 / 960 / 1600 px narrower than it
 * (never enlarged) in WebP and in the uploaded format, and the full size in the uploaded format (in
 * WebP too when it is no wider than 1600 px, where it is part of the responsive set). sharp writes no
 * metadata unless asked to, so every output is free of EXIF, GPS, XMP and IPTC.
 */
export async function processImage(
  input: Buffer,
  originalName: string,
  options: ProcessOptions = {},
): Promise<ProcessedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (input.length === 0) throw refuse(mediaText.errors.empty);
  if (input.length > maxBytes) throw refuse(mediaText.errors.tooLarge(megabytes(maxBytes)));
  const format = detectImageFormat(input);
  if (!format) throw refuse(mediaText.errors.unsupportedType);

  const header = await readHeader(input, format, maxPixels);
  const animated = (header.pages ?? 1) > 1;
  // Animated frames carry no EXIF orientation, and sharp cannot rotate a multi-page image.
  const width = animated ? header.width : header.autoOrient.width;
  const height = animated ? (header.pageHeight ?? header.height) : header.autoOrient.height;

  const sha256 = sha256OfBytes(input);
  const outputFormats: ImageFormat[] = format === "webp" ? ["webp"] : [format, "webp"];
  const sizes = [...RENDITION_WIDTHS.filter((target) => target < width), width];
  const variants: ProcessedVariant[] = [];
  // One at a time: each rendition decodes the input again (JPEG shrink-on-load makes the small ones
  // cheap), and running them in parallel would multiply peak memory on a 2-core server.
  const largestRendition = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1];
  for (const targetWidth of sizes) {
    const variant = targetWidth === width ? "original" : `w${targetWidth}`;
    // Pages never show a photo wider than the largest rendition, so a full-size WebP of a larger
    // photo would never be requested; it is also the most expensive encode of the set.
    const formats = targetWidth > largestRendition ? outputFormats.filter((item) => item === format) : outputFormats;
    for (const outputFormat of formats) {
      let pipeline = sharp(input, { limitInputPixels: maxPixels, failOn: "error", animated });
      if (!animated) pipeline = pipeline.rotate();
      if (targetWidth < width) pipeline = pipeline.resize({ width: targetWidth });
      let result: { data: Buffer; info: OutputInfo };
      try {
        result = await encode(pipeline, outputFormat).toBuffer({ resolveWithObject: true });
      } catch (error) {
        // The header was readable but the pixels are not: a truncated or damaged file. sharp's
        // message is technical and English; the uploader needs to know the file itself is bad.
        const message =
          error instanceof Error && /pixel limit/i.test(error.message)
            ? mediaText.errors.tooManyPixels(tenThousands(maxPixels))
            : mediaText.errors.corrupt;
        throw refuse(message);
      }
      variants.push({
        key: `${sha256}/${variant}.${EXTENSIONS[outputFormat]}`,
        variant,
        width: result.info.width,
        height: animated ? (result.info.pageHeight ?? result.info.height) : result.info.height,
        format: outputFormat,
        bytes: result.data.length,
        data: result.data,
      });
    }
  }

  return {
    sha256,
    format,
    mimeType: MIME_TYPES[format],
    width,
    height,
    bytes: input.length,
    originalName: cleanOriginalName(originalName),
    variants,
  };
}

import "server-only";
import { AppError } from "@/lib/errors";
import { mediaText } from "./messages";
import { megabytes } from "./process";

/**
 * Reads a multipart upload (`file`, `alt`, `caption`, `credit`) with the size limit enforced while
 * the body streams in: a client that sends 2 GB is cut off after the limit, not after the server has
 * held 2 GB in memory. A declared Content-Length over the limit is refused before reading anything.
 */

/** Room for the multipart boundaries, part headers and the text fields around the file. */
export const MULTIPART_ALLOWANCE = 64 * 1024;

export interface UploadForm {
  file: Buffer;
  fileName: string;
  fields: Record<"alt" | "caption" | "credit", string>;
}

const tooLarge = (maxBytes: number) =>
  new AppError("TOO_LARGE", mediaText.errors.tooLarge(megabytes(maxBytes)), "file");

async function readLimited(body: ReadableStream<Uint8Array>, limit: number, maxBytes: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop the transfer; the rest of the body is never read.
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export async function readUploadRequest(request: Request, maxBytes: number): Promise<UploadForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType))
    throw new AppError("VALIDATION", mediaText.errors.notMultipart, "file");
  const limit = maxBytes + MULTIPART_ALLOWANCE;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(maxBytes);
  if (!request.body) throw new AppError("VALIDATION", mediaText.errors.noFile, "file");

  const raw = await readLimited(request.body, limit, maxBytes);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("VALIDATION", mediaText.errors.notMultipart, "file");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("VALIDATION", mediaText.errors.noFile, "file");
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    file: Buffer.from(await file.arrayBuffer()),
    fileName: file instanceof File ? file.name : "image",
    fields: { alt: text("alt"), caption: text("caption"), credit: text("credit") },
  };
}

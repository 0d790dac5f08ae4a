import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { importText } from "./messages";
import { importFormatSchema, htmlSelectorsSchema } from "./schemas";
import type { SourceFile } from "./types";

/**
 * The admin page's upload (POST /api/import): the export file(s) or a whole folder chosen with the
 * browser's folder picker, each part with its path inside the folder. The body is read with the size
 * limit enforced as it streams in, and every field is validated before anything is stored.
 */

export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
const MAX_FILES = 20_000;

const e = importText.errors;

const uploadFieldsSchema = z.object({
  format: z.union([importFormatSchema, z.literal("AUTO")]).catch("AUTO"),
  columnId: z.guid({ message: e.columnMissing }),
  baseUrl: z.string().trim().max(500).default(""),
  selectors: htmlSelectorsSchema.partial(),
});

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new AppError("TOO_LARGE", e.tooLarge(Math.round(IMPORT_MAX_BYTES / 1024 / 1024)), "files");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** A relative path as the browser sent it, with nothing that climbs out of the folder. */
function cleanPath(value: string, fallback: string): string {
  const parts = value
    .replace(/\\/g, "/")
    .split("/")
    .filter((part) => part && part !== "." && part !== "..");
  return parts.join("/").slice(0, 1000) || fallback;
}

export async function readImportUpload(request: Request): Promise<{ fields: UploadFields; files: SourceFile[] }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType) || !request.body)
    throw new AppError("VALIDATION", e.noUpload, "files");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > IMPORT_MAX_BYTES)
    throw new AppError("TOO_LARGE", e.tooLarge(Math.round(IMPORT_MAX_BYTES / 1024 / 1024)), "files");
  const raw = await readLimited(request.body, IMPORT_MAX_BYTES);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("VALIDATION", e.noUpload, "files");
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const parsed = uploadFieldsSchema.safeParse({
    format: text("format"),
    columnId: text("columnId"),
    baseUrl: text("baseUrl"),
    selectors: {
      title: text("selectorTitle"),
      source: text("selectorSource"),
      date: text("selectorDate"),
      body: text("selectorBody"),
    },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("VALIDATION", issue?.message ?? e.invalidRequest, String(issue?.path[0] ?? "files"));
  }
  const blobs = form.getAll("files").filter((value): value is File => value instanceof File);
  const paths = form.getAll("paths").map((value) => (typeof value === "string" ? value : ""));
  if (blobs.length === 0) throw new AppError("VALIDATION", e.noUpload, "files");
  if (blobs.length > MAX_FILES)
    throw new AppError("TOO_LARGE", e.tooLarge(Math.round(IMPORT_MAX_BYTES / 1024 / 1024)), "files");
  const files: SourceFile[] = [];
  for (const [index, blob] of blobs.entries()) {
    files.push({
      path: cleanPath(paths[index] || blob.name, `file-${index + 1}`),
      data: Buffer.from(await blob.arrayBuffer()),
    });
  }
  return { fields: parsed.data, files };
}

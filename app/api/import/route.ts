import { guardedRoute } from "@/lib/actions/guarded-route";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appErrorResponse, jsonResponse } from "@/lib/http/json-error";
import { FOREIGN_ORIGIN_MESSAGE } from "@/lib/http/same-origin";
import { createImportBatch } from "@/lib/import/commands";
import { importText } from "@/lib/import/messages";
import { detectFormat } from "@/lib/import/prepare";
import { readImportUpload } from "@/lib/import/upload";

// An upload with progress (XHR) is HTTP's job, so this is a route handler (a guardedRoute). It only stores the source: the dry run is the job runner's (lib/import/runner.ts).
export const dynamic = "force-dynamic";

/** multipart: `files` (+ `paths`, each file's place in the chosen folder), `format`, `columnId`, selectors. */
export const POST = guardedRoute({
  action: "import.create",
  foreignOrigin: () => appErrorResponse(new AppError("FORBIDDEN", FOREIGN_ORIGIN_MESSAGE)),
  // Authorized before the body is read: a caller who may not import does not get to send 200 MB.
  run: async (request, _context, actor) => {
    const { fields, files } = await readImportUpload(request);
    let format;
    try {
      format = fields.format === "AUTO" ? detectFormat(files) : fields.format;
    } catch {
      throw new AppError("VALIDATION", importText.parse.unknownFormat, "format");
    }
    const sourceName = files.length === 1 ? files[0].path : (files[0].path.split("/")[0] ?? "import");
    const batch = await createImportBatch(db, actor, {
      format,
      sourceName,
      columnId: fields.columnId,
      options: { baseUrl: fields.baseUrl, selectors: fields.selectors },
      files,
    });
    return jsonResponse({ id: batch.id, message: importText.ui.started }, 201);
  },
});

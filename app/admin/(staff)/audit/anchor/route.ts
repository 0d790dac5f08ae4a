import { readFile } from "node:fs/promises";
import { auditAnchorPath } from "@/lib/audit/anchor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";

/**
 * GET /admin/audit/anchor: the chain-head anchor file as it is on disk (MACed JSON), for the auditor
 * to keep a copy outside this server. Reads only, so a GET: the anchor holds a hash and a count, and
 * downloading it records nothing.
 */
export async function GET(): Promise<Response> {
  try {
    await authorize("audit.read");
    const file = await auditAnchorPath(db);
    const body = await readFile(file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw new AppError("NOT_FOUND", "尚无链尾锚点：首次校验通过后生成。");
      throw error;
    });
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-anchor-${new Date().toISOString().slice(0, 10).replace(/-/g, "")}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      const status = error.code === "UNAUTHENTICATED" ? 401 : error.code === "NOT_FOUND" ? 404 : 403;
      return new Response(error.message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}

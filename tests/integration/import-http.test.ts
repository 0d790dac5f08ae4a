/**
 * The admin side of 历史稿件导入 as Next calls it: POST /api/import (origin check, authorization before
 * the body is read, validation) and the 终审's approve / reject server actions. Only the session lookup
 * is replaced (tests/support/server-action-session.ts); the rest is real.
 */
import { TEST_SITE_URL, TEST_UPLOAD_DIR } from "../support/media-env";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { CurrentUser } from "@/lib/auth/session";
import { asCurrentUser, createUser, testDb } from "../support/factories";
import { actAs, formData } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn() }));

import { POST } from "@/app/api/import/route";
import { approveImportAction, rejectImportAction } from "@/app/admin/(staff)/import/actions";
import { importText } from "@/lib/import/messages";
import { runOneImport } from "@/lib/import/runner";
import { LocalDiskStorage } from "@/lib/media/storage";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";

const db = testDb();
const FEED = path.join(__dirname, "..", "fixtures", "import", "feeds", "news.rss.xml");

let editor: CurrentUser;
let finalReviewer: CurrentUser;
let firstLevel: CurrentUser;
let admin: CurrentUser;
let columnId: string;

beforeAll(async () => {
  columnId = (await db.column.create({ data: { slug: "yaowen", name: "要闻" } })).id;
  editor = asCurrentUser(await createUser(db, "EDITOR"), "EDITOR");
  admin = asCurrentUser(await createUser(db, "ADMIN"), "ADMIN");
  const final = await createUser(db, [{ role: "REVIEWER", level: 3 }]);
  finalReviewer = { ...asCurrentUser(final, "REVIEWER"), roles: final.roles };
  const first = await createUser(db, [{ role: "REVIEWER", level: 1 }]);
  firstLevel = { ...asCurrentUser(first, "REVIEWER"), roles: first.roles };
});

afterAll(async () => {
  await stopCacheBus();
  await db.$disconnect();
  await rm(TEST_UPLOAD_DIR, { recursive: true, force: true });
});

async function upload(
  fields: Record<string, string>,
  files: { name: string; data: Buffer }[],
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) {
    form.append("files", new File([new Uint8Array(file.data)], path.basename(file.name)));
    form.append("paths", file.name);
  }
  const response = await POST(
    new Request(`${TEST_SITE_URL}/api/import`, {
      method: "POST",
      body: form,
      headers: { origin: TEST_SITE_URL, "sec-fetch-site": "same-origin", ...headers },
    }),
  );
  return { status: response.status, body: (await response.json()) as { id?: string; error?: string; field?: string } };
}

describe("POST /api/import", () => {
  it("refuses a foreign origin, anyone who may not import, and an upload without files", async () => {
    const feed = { name: "feeds/news.rss.xml", data: await readFile(FEED) };
    actAs(editor);
    expect(
      (await upload({ columnId }, [feed], { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    for (const user of [admin, finalReviewer, null]) {
      actAs(user);
      expect((await upload({ columnId }, [feed])).status).toBe(user ? 403 : 401);
    }
    actAs(editor);
    const empty = await upload({ columnId }, []);
    expect(empty).toMatchObject({ status: 400, body: { error: importText.errors.noUpload } });
    const noColumn = await upload({ columnId: "not-a-uuid" }, [feed]);
    expect(noColumn).toMatchObject({ status: 400, body: { field: "columnId" } });
    expect(await db.importBatch.count()).toBe(0);
  });

  it("stores an editor's upload as a QUEUED batch, audited, for the job runner", async () => {
    actAs(editor);
    const answer = await upload({ columnId, format: "AUTO" }, [
      { name: "../../feeds/news.rss.xml", data: await readFile(FEED) },
    ]);
    expect(answer.status).toBe(201);
    const batch = await db.importBatch.findUniqueOrThrow({
      where: { id: answer.body.id ?? "" },
      include: { files: true },
    });
    expect(batch).toMatchObject({ status: "QUEUED", format: "FEED", createdById: editor.id });
    // A path that climbs out of the folder is cut back to inside it.
    expect(batch.files.map((file) => file.path)).toEqual(["feeds/news.rss.xml"]);
    expect(await db.auditEvent.count({ where: { action: "import.create", target: `import:${batch.id}` } })).toBe(1);

    expect(await runOneImport(db, new LocalDiskStorage(TEST_UPLOAD_DIR))).toBe(true);
    const prepared = await db.importBatch.findUniqueOrThrow({ where: { id: batch.id }, include: { files: true } });
    expect(prepared.status).toBe("READY");
    expect(prepared.files).toHaveLength(0);
  });
});

describe("approving a batch (server actions)", () => {
  it("refuses a non-final reviewer with the Chinese reason, then lets the 终审 approve it once", async () => {
    const batch = await db.importBatch.findFirstOrThrow({ where: { status: "READY" } });
    actAs(firstLevel);
    const refused = await approveImportAction({ status: "idle" }, formData({ batchId: batch.id, comment: "" }));
    expect(refused).toMatchObject({ status: "error", code: "FORBIDDEN" });
    actAs(admin);
    expect(await rejectImportAction({ status: "idle" }, formData({ batchId: batch.id }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    actAs(finalReviewer);
    const tooLong = await approveImportAction(
      { status: "idle" },
      formData({ batchId: batch.id, comment: "长".repeat(501) }),
    );
    expect(tooLong).toMatchObject({ status: "error", fieldErrors: { comment: importText.errors.commentTooLong } });
    expect(
      await approveImportAction({ status: "idle" }, formData({ batchId: batch.id, comment: "同意" })),
    ).toMatchObject({ status: "ok", message: importText.ui.approved });
    // A second click finds it approved already.
    const again = await approveImportAction({ status: "idle" }, formData({ batchId: batch.id }));
    expect(again).toMatchObject({ status: "error" });
    const events = await db.auditEvent.findMany({ where: { action: "import.approve" } });
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(finalReviewer.id);
  });
});

/**
 * POST /api/media as Next calls it: the route module's handler with real Request objects, against
 * the real database and a real folder on disk. Only the session lookup is replaced (it needs a
 * request's cookies and next-auth's JWT); origin check, size limit, parsing, authorization,
 * processing, storage and the audit event are real.
 */
import { TEST_SITE_URL, TEST_UPLOAD_DIR, TEST_UPLOAD_MAX_BYTES } from "../support/media-env";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { CurrentUser } from "@/lib/auth/session";
import { asCurrentUser, createCurrentUser, testDb } from "../support/factories";
import { actAs } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());

import { GET, POST } from "@/app/api/media/route";
import { mediaText } from "@/lib/media/messages";

const db = testDb();
afterAll(async () => {
  await db.$disconnect();
  await rm(TEST_UPLOAD_DIR, { recursive: true, force: true });
});

async function jpeg(width = 900, height = 600, colour = "#2563eb"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

interface UploadOptions {
  file?: Buffer;
  name?: string;
  type?: string;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
}

function uploadRequest({
  file,
  name = "photo.jpg",
  type = "image/jpeg",
  fields = { alt: "蓝色背景的测试照片" },
  headers,
}: UploadOptions): Request {
  const form = new FormData();
  if (file) form.append("file", new File([new Uint8Array(file)], name, { type }));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return new Request(`${TEST_SITE_URL}/api/media`, {
    method: "POST",
    body: form,
    headers: { origin: TEST_SITE_URL, "sec-fetch-site": "same-origin", ...headers },
  });
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/media", () => {
  let editor: CurrentUser;
  let auditor: CurrentUser;

  beforeAll(async () => {
    editor = await createCurrentUser(db, "EDITOR", "upload.editor");
    auditor = await createCurrentUser(db, "AUDITOR", "upload.auditor");
  });

  it("stores an editor's photo with its renditions and audits the upload in the same transaction", async () => {
    actAs(editor);
    const file = await jpeg();
    const { status, body } = await answer(
      await POST(
        uploadRequest({
          file,
          name: "C:\\Users\\编辑\\现场.jpg",
          fields: { alt: "  蓝色背景  ", caption: "现场照片", credit: "宣传部 摄" },
        }),
      ),
    );
    expect(status).toBe(201);
    expect(body.created).toBe(true);
    const media = body.media as {
      id: string;
      alt: string;
      caption: string;
      credit: string;
      originalName: string;
      thumbnailUrl: string;
      uploaderName: string;
    };
    expect(media).toMatchObject({
      alt: "蓝色背景",
      caption: "现场照片",
      credit: "宣传部 摄",
      originalName: "现场.jpg",
      uploaderName: editor.displayName,
    });
    expect(media.thumbnailUrl).toMatch(/^\/media\/[a-f0-9]{64}\/w480\.webp$/);

    const row = await db.media.findUniqueOrThrow({ where: { id: media.id } });
    expect(row.uploaderId).toBe(editor.id);
    expect(existsSync(path.join(TEST_UPLOAD_DIR, row.storageKey))).toBe(true);
    expect(existsSync(path.join(TEST_UPLOAD_DIR, media.thumbnailUrl.replace("/media/", "")))).toBe(true);

    const events = await db.auditEvent.findMany({ where: { action: "media.upload", target: `media:${media.id}` } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: editor.id,
      data: expect.objectContaining({ sha256: row.sha256, alt: "蓝色背景" }),
    });
  });

  it("returns the same row for the same bytes, without a second copy or event", async () => {
    actAs(editor);
    const file = await jpeg(700, 500, "#16a34a");
    const first = await answer(await POST(uploadRequest({ file, fields: { alt: "第一次" } })));
    const second = await answer(await POST(uploadRequest({ file, name: "again.jpg", fields: { alt: "第二次" } })));
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(false);
    const [a, b] = [first.body.media as { id: string; alt: string }, second.body.media as { id: string; alt: string }];
    expect(b.id).toBe(a.id);
    expect(b.alt).toBe("第一次");
    expect(await db.auditEvent.count({ where: { action: "media.upload", target: `media:${a.id}` } })).toBe(1);
  });

  it("answers 401 to an anonymous caller and stores nothing", async () => {
    actAs(null);
    const before = await db.media.count();
    const { status, body } = await answer(await POST(uploadRequest({ file: await jpeg(300, 300, "#000") })));
    expect(status).toBe(401);
    expect(body.error).toBe("请先登录");
    expect(await db.media.count()).toBe(before);
  });

  it("answers 403 to an auditor (三员分立: auditors change nothing)", async () => {
    actAs(auditor);
    const { status, body } = await answer(await POST(uploadRequest({ file: await jpeg(300, 300, "#111") })));
    expect(status).toBe(403);
    expect(typeof body.error).toBe("string");
  });

  it("answers 403 to a request from another site, even with the editor's session", async () => {
    actAs(editor);
    const before = await db.media.count();
    const foreign = await answer(
      await POST(
        uploadRequest({
          file: await jpeg(300, 300, "#222"),
          headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
        }),
      ),
    );
    expect(foreign).toEqual({ status: 403, body: { error: mediaText.errors.foreignOrigin, code: "FORBIDDEN" } });
    // No Origin and no Sec-Fetch-Site: not a browser page of this site either.
    const bare = new Request(`${TEST_SITE_URL}/api/media`, { method: "POST", body: new FormData() });
    expect((await POST(bare)).status).toBe(403);
    // A same-site subdomain is still another origin.
    const sibling = await POST(
      uploadRequest({
        file: await jpeg(300, 300, "#333"),
        headers: { origin: "http://other.cms.test:3000", "sec-fetch-site": "same-site" },
      }),
    );
    expect(sibling.status).toBe(403);
    expect(await db.media.count()).toBe(before);
  });

  it("accepts the browser's Sec-Fetch-Site: same-origin when the site is reached under another name", async () => {
    actAs(editor);
    const response = await POST(
      uploadRequest({
        file: await jpeg(320, 240, "#444"),
        headers: { origin: "http://10.0.0.5:3000", "sec-fetch-site": "same-origin" },
      }),
    );
    expect(response.status).toBe(201);
  });

  it("answers 413 to a file over UPLOAD_MAX_BYTES, before processing", async () => {
    actAs(editor);
    const big = Buffer.concat([await jpeg(100, 100), Buffer.alloc(TEST_UPLOAD_MAX_BYTES)]);
    const { status, body } = await answer(await POST(uploadRequest({ file: big })));
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: mediaText.errors.tooLarge("1"), field: "file" });
  });

  it("answers 413 from the declared Content-Length, and cuts off a body that streams past the limit", async () => {
    actAs(editor);
    const declared = new Request(`${TEST_SITE_URL}/api/media`, {
      method: "POST",
      body: "x",
      headers: {
        origin: TEST_SITE_URL,
        "content-type": "multipart/form-data; boundary=abc",
        "content-length": String(50 * 1024 * 1024),
      },
    });
    expect((await POST(declared)).status).toBe(413);

    // A body of unknown length that never ends: the handler must stop reading at the limit.
    let sent = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const streaming = new Request(`${TEST_SITE_URL}/api/media`, {
      method: "POST",
      body: endless,
      headers: { origin: TEST_SITE_URL, "content-type": "multipart/form-data; boundary=abc" },
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect((await POST(streaming)).status).toBe(413);
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(TEST_UPLOAD_MAX_BYTES + 256 * 1024);
  });

  it("answers 400 to an SVG, whatever it is called", async () => {
    actAs(editor);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const { status, body } = await answer(
      await POST(uploadRequest({ file: svg, name: "logo.png", type: "image/png" })),
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: mediaText.errors.unsupportedType, field: "file" });
  });

  it("accepts a photo without alt text (a figure in an article body gets it before the article is saved)", async () => {
    actAs(editor);
    const file = await jpeg(210, 200, "#556");
    const { status, body } = await answer(await POST(uploadRequest({ file, fields: { alt: "   " } })));
    expect(status).toBe(201);
    expect(body).toMatchObject({ media: { alt: "" }, created: true });
  });

  it("answers 400 with the field when alt text is too long, or no file was sent", async () => {
    actAs(editor);
    const file = await jpeg(200, 200, "#555");
    expect((await answer(await POST(uploadRequest({ file, fields: { alt: "长".repeat(301) } })))).body).toMatchObject({
      field: "alt",
      error: mediaText.validation.altTooLong,
    });
    expect((await answer(await POST(uploadRequest({ fields: { alt: "没有文件" } })))).body).toMatchObject({
      field: "file",
      error: mediaText.errors.noFile,
    });
    const notMultipart = new Request(`${TEST_SITE_URL}/api/media`, {
      method: "POST",
      body: new Uint8Array(file),
      headers: { origin: TEST_SITE_URL, "content-type": "image/jpeg" },
    });
    expect((await answer(await POST(notMultipart))).status).toBe(400);
  });
});

describe("GET /api/media", () => {
  it("lists and searches the library for an editor", async () => {
    const editorRow = await db.user.findUniqueOrThrow({ where: { username: "upload.editor" } });
    actAs(asCurrentUser(editorRow, "EDITOR"));
    const all = await answer(await GET(new Request(`${TEST_SITE_URL}/api/media`)));
    expect(all.status).toBe(200);
    expect((all.body.items as unknown[]).length).toBeGreaterThanOrEqual(3);
    const found = await answer(await GET(new Request(`${TEST_SITE_URL}/api/media?q=${encodeURIComponent("现场")}`)));
    expect((found.body.items as { caption: string }[]).map((item) => item.caption)).toEqual(["现场照片"]);
  });

  it("refuses an auditor", async () => {
    actAs(asCurrentUser({ id: "auditor", username: "upload.auditor", displayName: "审计员" }, "AUDITOR"));
    expect((await GET(new Request(`${TEST_SITE_URL}/api/media`))).status).toBe(403);
  });
});

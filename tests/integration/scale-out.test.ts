import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import { createArticle } from "@/lib/articles/commands";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { S3Storage, type S3Settings } from "@/lib/media/storage";
import { transition } from "@/lib/workflow/transition";
import { startApp, type RunningApp } from "../support/app-server";
import { articleInput, createUser, testDb } from "../support/factories";

/**
 * #18 "Scale-out, proven": two real server processes (scripts/server.ts, the production build) on one
 * PostgreSQL database and one S3-compatible store (s3rver), nothing shared between them but those.
 * Sessions, jobs and cache invalidation live in PostgreSQL, photos in the store.
 */

const BUCKET = "cms-media";
const PASSWORD = "Scale-Out-Test-Pass-9";
// How long a change made through one instance may take to show on the other: the job poller runs
// every 5 s and the invalidation arrives by LISTEN/NOTIFY right after the commit.
const BOUND_MS = 15_000;

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

async function signIn(app: RunningApp, username: string): Promise<string> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    // As the login form posts it: next-auth's endpoints are same-origin only (lib/http/same-origin.ts).
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(csrf), origin: app.url },
    body: new URLSearchParams({ username, password: PASSWORD, json: "true", csrfToken }),
    redirect: "manual",
  });
  const cookie = cookiesFrom(response);
  if (!cookie.includes("session-token"))
    throw new Error(`sign-in of ${username} on ${app.url} failed: ${response.status}`);
  return cookie;
}

describe("two app instances on one database and one object store", () => {
  let db: PrismaClient;
  let s3: S3rver;
  let s3Dir: string;
  let a: RunningApp;
  let b: RunningApp;
  let column: { id: string; slug: string };
  let s3Settings: S3Settings;
  const users: Record<"editor" | "r1" | "r2" | "r3", Awaited<ReturnType<typeof createUser>>> = {} as never;

  beforeAll(async () => {
    db = testDb();
    s3Dir = await mkdtemp(path.join(os.tmpdir(), "s3rver-scale-"));
    s3 = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await s3.run();
    const env = {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: BUCKET,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    };
    s3Settings = {
      endpoint: env.S3_ENDPOINT,
      bucket: BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    };
    [a, b] = await Promise.all([startApp({ env }), startApp({ env })]);

    const passwordHash = await hashPassword(PASSWORD);
    // Signed in over HTTP with a password only: the apps' own DATA_DIR keys could not read a factor
    // enrolled here, and an editor is not required to have one.
    users.editor = await createUser(db, [{ role: "EDITOR" }], { username: "scale.editor", secondFactor: false });
    users.r1 = await createUser(db, [{ role: "REVIEWER", level: 1 }], { username: "scale.r1" });
    users.r2 = await createUser(db, [{ role: "REVIEWER", level: 2 }], { username: "scale.r2" });
    users.r3 = await createUser(db, [{ role: "REVIEWER", level: 3 }], { username: "scale.r3" });
    await db.user.updateMany({
      where: { username: { startsWith: "scale." } },
      data: { passwordHash, mustChangePassword: false },
    });
    column = await db.column.create({ data: { slug: "scale-news", name: "扩展测试", reviewLevels: 3 } });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stopCacheBus();
    await s3?.close();
    await rm(s3Dir, { recursive: true, force: true });
    await db?.$disconnect();
  });

  const act = async (
    user: keyof typeof users,
    articleId: string,
    event: Parameters<typeof transition>[2]["event"],
    extra: { publishAt?: Date; withdrawAt?: Date; reason?: string } = {},
  ) => {
    const { lockVersion } = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { lockVersion: true },
    });
    return transition(db, users[user], { articleId, event, lockVersion, ...extra });
  };

  async function approved(title: string): Promise<{ id: string; url: string }> {
    const { articleId } = await createArticle(db, users.editor, articleInput(column.id, title));
    await act("editor", articleId, "submit");
    await act("r1", articleId, "approve");
    await act("r2", articleId, "approve");
    await act("r3", articleId, "approve");
    const { slug } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { slug: true } });
    return { id: articleId, url: `/articles/${slug}.html` };
  }

  it("accepts a session signed in on A at B", async () => {
    const cookie = await signIn(a, "scale.editor");
    const onB = await fetch(`${b.url}/admin/account`, { headers: { cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("scale.editor");
  });

  it("shows on B a photo uploaded on A", async () => {
    const cookie = await signIn(a, "scale.editor");
    const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#c0392b" } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append("file", new File([new Uint8Array(photo)], "red.jpg", { type: "image/jpeg" }));
    form.append("alt", "红色测试照片");
    const upload = await fetch(`${a.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: a.url, "sec-fetch-site": "same-origin" },
    });
    expect(upload.status).toBe(201);
    const media = await db.media.findFirstOrThrow({ where: { alt: "红色测试照片" } });
    // Staff see every photo; the public only those live pages show (no live page shows this one yet).
    expect((await fetch(`${b.url}/media/${media.storageKey}`)).status).toBe(404);
    const onB = await fetch(`${b.url}/media/${media.storageKey}`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    const stored = await new S3Storage(s3Settings).get(media.storageKey);
    expect(stored?.length).toBeGreaterThan(0);
    expect(Buffer.from(await onB.arrayBuffer())).toEqual(stored);
  });

  it("runs a scheduled publication exactly once, and the page and its column go live on both", async () => {
    const { id, url } = await approved("扩展测试定时发布");
    // Both instances have the column page cached without the article.
    for (const app of [a, b]) {
      for (let i = 0; i < 2; i++)
        expect(await (await fetch(`${app.url}/columns/${column.slug}`)).text()).not.toContain("扩展测试定时发布");
    }
    await act("r3", id, "schedule", { publishAt: new Date(Date.now() + 1500) });
    await until(
      async () => ((await db.job.findFirst({ where: { articleId: id, status: "DONE" } })) ? true : undefined),
      BOUND_MS,
      "the job",
    );
    for (const app of [a, b]) {
      await until(
        async () => ((await fetch(`${app.url}${url}`)).status === 200 ? true : undefined),
        BOUND_MS,
        `${app.url}${url}`,
      );
      await until(
        async () =>
          (await (await fetch(`${app.url}/columns/${column.slug}`)).text()).includes("扩展测试定时发布")
            ? true
            : undefined,
        BOUND_MS,
        "column page",
      );
    }
    const job = await db.job.findFirstOrThrow({ where: { articleId: id } });
    expect(job).toMatchObject({ status: "DONE", attempts: expect.any(Number) });
    expect(await db.auditEvent.count({ where: { action: "article.publish", target: `article:${id}` } })).toBe(1);
  }, 60_000);

  it("answers 410 on B, at once, for an article withdrawn while B had it cached", async () => {
    const { id, url } = await approved("扩展测试撤稿");
    // Published from the test process, a third instance: its after-commit invalidation reaches A and B.
    await act("r3", id, "publish");
    for (const app of [a, b]) {
      await until(async () => ((await fetch(`${app.url}${url}`)).status === 200 ? true : undefined), BOUND_MS, "live");
      expect((await fetch(`${app.url}${url}`)).status).toBe(200); // cached now
    }
    await act("r3", id, "scheduleWithdraw", { withdrawAt: new Date(Date.now() + 1500), reason: "内容需要更新" });
    for (const app of [a, b])
      await until(
        async () => ((await fetch(`${app.url}${url}`)).status === 410 ? true : undefined),
        BOUND_MS,
        `410 on ${app.url}`,
      );
    expect(await db.auditEvent.count({ where: { action: "article.withdraw", target: `article:${id}` } })).toBe(1);
  }, 60_000);
});

import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * 静态发布 to an S3-compatible bucket (issue 18): the whole site, its photos and the signed manifest
 * as objects under `s3://<bucket>/<prefix>`, kept in step by the outbox on every withdrawal (the page
 * object deleted, the 410 marker written), and verify:static against the bucket — tampering included.
 * s3rver is a real S3 server (HTTP, SigV4) in this process; the photo store uses it too.
 */

const run = promisify(execFile);
const SECRET = process.env.AUTH_SECRET ?? "";
const STATIC_BUCKET = "cms-static";
const MEDIA_BUCKET = "cms-media";
const LOCATION = `s3://${STATIC_BUCKET}/site`;
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

jest.setTimeout(120_000);

describe("static publishing to S3", () => {
  let server: S3rver;
  let s3Dir: string;
  let s3: S3Client;
  let db: PrismaClient;
  let site: typeof import("@/lib/public/publish/static-site");
  let reviewer: Awaited<ReturnType<typeof import("../support/factories").createUser>>;
  let photoKey: string;

  const keys = async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: STATIC_BUCKET, Prefix: "site/" }));
    return (page.Contents ?? []).map((object) => object.Key ?? "");
  };
  const text = async (key: string) =>
    (await (await s3.send(new GetObjectCommand({ Bucket: STATIC_BUCKET, Key: key }))).Body?.transformToString()) ?? "";
  const cli = (command: "publish" | "verify") =>
    run(
      path.join(process.cwd(), "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/publish-static.ts", command, LOCATION],
      {
        env: { ...process.env, NODE_ENV: "production" },
      },
    );

  beforeAll(async () => {
    s3Dir = await mkdtemp(path.join(os.tmpdir(), "s3rver-static-"));
    server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: STATIC_BUCKET }, { name: MEDIA_BUCKET }],
    });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    // Before any app module reads the environment: photos and the static copy on the same S3 server.
    Object.assign(process.env, {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: MEDIA_BUCKET,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      STATIC_DIR: LOCATION,
    });
    s3 = new S3Client({ endpoint, region: "us-east-1", credentials: CREDENTIALS, forcePathStyle: true });
    const factories = await import("../support/factories");
    const fixtures = await import("../support/public-fixtures");
    site = await import("@/lib/public/publish/static-site");
    db = factories.testDb();
    await fixtures.createBasics(db);
    reviewer = await factories.createUser(db, [{ role: "REVIEWER", level: 3 }]);
    for (let i = 0; i < 3; i++) {
      await fixtures.createArticle(db, {
        slug: `s3-${i}`,
        title: `存储桶测试${i}`,
        columnSlug: "gongzuo-dongtai",
        body: fixtures.paragraphs(`正文${i}`),
        publishedAt: new Date(Date.UTC(2026, 0, 1, i)),
      });
    }
    // A photo the site shows (the logo's LiveMedia row), stored in the photo bucket.
    const { mediaStorage } = await import("@/lib/media/storage");
    photoKey = `${"ab".repeat(32)}/original.jpg`;
    await mediaStorage().put(photoKey, Buffer.from("jpeg bytes"));
    const media = await db.media.create({
      data: {
        sha256: "ab".repeat(32),
        originalName: "logo.jpg",
        mimeType: "image/jpeg",
        width: 10,
        height: 10,
        bytes: 10,
        storageKey: photoKey,
        uploaderId: reviewer.id,
      },
    });
    const owner = factories.ownerDb();
    await owner.$executeRaw`INSERT INTO "LiveMedia" (holder, "mediaId") VALUES ('site', ${media.id}::uuid)`;
    await owner.$disconnect();
  });

  afterAll(async () => {
    const bus = await import("@/lib/public/cache/cache-bus");
    await bus.stopCacheBus();
    await db?.$disconnect();
    s3?.destroy();
    await server?.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  it("writes every page, the photos and a signed manifest as objects, with their content types", async () => {
    const result = await site.publishStaticSite(db, LOCATION, SECRET);
    expect(result.files).toBeGreaterThan(10);
    const stored = await keys();
    expect(stored).toEqual(
      expect.arrayContaining([
        "site/index.html",
        "site/articles/s3-1.html",
        "site/.cms-manifest.json",
        `site/media/${photoKey}`,
        "site/columns/gongzuo-dongtai.html",
      ]),
    );
    expect(await text("site/articles/s3-1.html")).toContain("存储桶测试1");
    const head = await s3.send(new HeadObjectCommand({ Bucket: STATIC_BUCKET, Key: "site/articles/s3-1.html" }));
    expect(head.ContentType).toBe("text/html; charset=utf-8");
    expect(await site.verifyStaticSite(LOCATION, SECRET, db)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
    expect((await cli("verify")).stdout).toContain("all files match");
  });

  it("a withdrawal deletes the page object and writes its 410 marker through the outbox", async () => {
    const article = await db.article.findUniqueOrThrow({
      where: { slug: "s3-2" },
      select: { id: true, lockVersion: true },
    });
    const { transition } = await import("@/lib/workflow/transition");
    const result = await transition(db, reviewer, {
      articleId: article.id,
      event: "withdraw",
      reason: "需要撤回",
      lockVersion: article.lockVersion,
    });
    expect(result).toMatchObject({ status: "WITHDRAWN", effectsPending: 0 });
    const stored = await keys();
    expect(stored).not.toContain("site/articles/s3-2.html");
    expect(stored).toContain(`site/${site.withdrawnMarker("/articles/s3-2.html")}`);
    expect(await text("site/index.html")).not.toContain("存储桶测试2");
    expect(await site.verifyStaticSite(LOCATION, SECRET, db)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
  });

  it("a photo no live page shows any more is deleted from the bucket", async () => {
    const owner = (await import("../support/factories")).ownerDb();
    await owner.$executeRaw`DELETE FROM "LiveMedia" WHERE holder = 'site'`;
    await owner.$disconnect();
    await site.publishStaticSite(db, LOCATION, SECRET);
    expect(await keys()).not.toContain(`site/media/${photoKey}`);
  });

  it("verify:static reports objects changed or added behind the CMS's back, and exits 1", async () => {
    await s3.send(new PutObjectCommand({ Bucket: STATIC_BUCKET, Key: "site/articles/s3-1.html", Body: "<p>篡改</p>" }));
    await s3.send(
      new PutObjectCommand({ Bucket: STATIC_BUCKET, Key: "site/articles/planted.html", Body: "<p>植入</p>" }),
    );
    const report = await site.verifyStaticSite(LOCATION, SECRET, db);
    expect(report.modified).toEqual(["articles/s3-1.html"]);
    expect(report.unexpected).toEqual(["articles/planted.html"]);
    await expect(cli("verify")).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining("modified: articles/s3-1.html"),
    });
    // A full publish puts the page back; the planted object stays reported until someone removes it.
    expect((await cli("publish")).stdout).toContain(LOCATION);
    expect((await site.verifyStaticSite(LOCATION, SECRET, db)).modified).toEqual([]);
  });
});

import type { AuditAction } from "@/lib/audit/codes";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { appendAuditEvent } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createBackup, restoreBackup, type Manifest } from "@/lib/backup/backup";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { LocalDiskStorage } from "@/lib/media/storage";
import { applyMigrations } from "@/lib/migrations/runner";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { publishStaticSite, verifyStaticSite } from "@/lib/public/publish/static-site";
import { seedDemo } from "@/lib/seed/seed-demo";
import { testDb } from "../support/factories";
import { TEST_ENV, databaseUrl, uniqueDatabaseName } from "../support/test-server";
import { cliAdapter } from "@/lib/db-pool";

const run = promisify(execFile);

/**
 * #18 "Backup and restore": a backup of a site with demo content, photos and a published static copy,
 * restored into a fresh install, gives the same site — the static copy still verifies with the restored
 * secret, a new static copy has the same bytes, the audit chain verifies to the recorded head — and a
 * damaged archive is refused before anything is touched.
 */

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = (await readFile(file)).toString("base64");
  }
  return out;
}

describe("npm run backup / npm run restore", () => {
  const source = testDb();
  let work: string;
  let archive: string;
  let manifest: Manifest;
  let target: { name: string; ownerUrl: string; db: PrismaClient };
  const secret = randomBytes(32).toString("base64url");

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "cms-backup-test-"));
    const dataDir = path.join(work, "src-data");
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "auth-secret"), secret, { mode: 0o600 });
    await seedDemo(source, new LocalDiskStorage(path.join(dataDir, "uploads")));
    await source.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorId: null,
        action: "test.before-backup" as AuditAction,
        target: "x:1",
        data: { n: 1 },
      }),
    );
    await publishStaticSite(source, path.join(work, "static"), secret);

    archive = path.join(work, "site.tar.gz");
    ({ manifest } = await createBackup({
      ownerUrl: process.env.MIGRATION_DATABASE_URL ?? "",
      uploadDir: path.join(dataDir, "uploads"),
      dataDir,
      out: archive,
    }));

    const admin = process.env[TEST_ENV.adminUrl] ?? "";
    const name = uniqueDatabaseName("cms_restore");
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const ownerUrl = databaseUrl(admin, name);
    await applyMigrations(ownerUrl);
    target = { name, ownerUrl, db: new PrismaClient({ adapter: cliAdapter(ownerUrl) }) };
  }, 180_000);

  afterAll(async () => {
    await target?.db.$disconnect();
    await source.$disconnect();
    await stopCacheBus();
    const client = new Client({ connectionString: process.env[TEST_ENV.adminUrl] });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${target?.name}" WITH (FORCE)`);
    await client.end();
    await rm(work, { recursive: true, force: true });
  });

  it("records the audit chain head and a hash of every file", async () => {
    const head = await source.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(manifest.auditHead).toEqual({
      lastId: String(head.lastId),
      lastHash: head.lastHash,
      count: String(head.count),
    });
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining(["data/auth-secret", "database/AuditEvent.jsonl", "database/Article.jsonl"]),
    );
    expect(Object.keys(manifest.files).some((file) => file.startsWith("uploads/"))).toBe(true);
    expect(manifest.tables.Article).toBe(await source.article.count());
  });

  it("refuses a damaged archive and one whose contents no longer match the manifest, touching nothing", async () => {
    const flipped = path.join(work, "flipped.tar.gz");
    const bytes = await readFile(archive);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await writeFile(flipped, bytes);
    const options = {
      ownerUrl: target.ownerUrl,
      uploadDir: path.join(work, "dst-data", "uploads"),
      dataDir: path.join(work, "dst-data"),
    };
    await expect(restoreBackup({ ...options, archive: flipped })).rejects.toThrow(/已损坏.*damaged/);

    const unpacked = path.join(work, "unpacked");
    await mkdir(unpacked);
    await run("tar", ["-xzf", archive, "-C", unpacked]);
    const users = path.join(unpacked, "database", "User.jsonl");
    await writeFile(users, (await readFile(users, "utf8")).replace(/"displayName":"[^"]*"/, '"displayName":"forged"'));
    const edited = path.join(work, "edited.tar.gz");
    await run("tar", ["-czf", edited, "-C", unpacked, "."]);
    await expect(restoreBackup({ ...options, archive: edited })).rejects.toThrow(/sha-256 of database\/User\.jsonl/);

    expect(await target.db.user.count()).toBe(0);
  });

  it("brings a fresh install to the backed-up state: static copy, photos and audit chain verify", async () => {
    const dataDir = path.join(work, "dst-data");
    await restoreBackup({ archive, ownerUrl: target.ownerUrl, uploadDir: path.join(dataDir, "uploads"), dataDir });

    for (const table of ["user", "article", "revision", "media", "auditEvent"] as const) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same count() on each delegate
      expect(await (target.db[table] as any).count()).toBe(await (source[table] as any).count());
    }
    const verified = await verifyAuditChain(target.db);
    expect(verified).toMatchObject({
      ok: true,
      lastHash: manifest.auditHead?.lastHash,
      count: Number(manifest.auditHead?.count),
    });

    const restoredSecret = (await readFile(path.join(dataDir, "auth-secret"), "utf8")).trim();
    expect(restoredSecret).toBe(secret);
    const report = await verifyStaticSite(path.join(work, "static"), restoredSecret);
    expect(report).toMatchObject({ manifestValid: true, modified: [], missing: [], unexpected: [] });

    await publishStaticSite(target.db, path.join(work, "static-again"), restoredSecret);
    const [before, after] = await Promise.all([tree(path.join(work, "static")), tree(path.join(work, "static-again"))]);
    delete before[".cms-manifest.json"];
    delete after[".cms-manifest.json"];
    expect(after).toEqual(before);
    expect(await tree(path.join(dataDir, "uploads"))).toEqual(await tree(path.join(work, "src-data", "uploads")));
    await chmod(dataDir, 0o700);
  });

  it("refuses to restore over a database that already holds data", async () => {
    const dataDir = path.join(work, "dst-data");
    await expect(
      restoreBackup({ archive, ownerUrl: target.ownerUrl, uploadDir: path.join(dataDir, "uploads"), dataDir }),
    ).rejects.toThrow(/already holds data/);
  });
});

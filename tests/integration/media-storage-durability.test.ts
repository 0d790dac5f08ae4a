import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { LocalDiskStorage } from "@/lib/media/storage";
import { sweepOrphanMedia } from "@/lib/media/sweep";
import { createUser, testDb } from "../support/factories";

/**
 * #18 finding 6: a process killed while it writes a photo must not leave a truncated file at the
 * photo's key (it would be served at /media/<key> for a year, `immutable`), and what such kills or a
 * failed deletion leave behind is swept once no Media row refers to it and it is old enough not to
 * belong to an upload still in progress.
 */

const KEY = `${"a".repeat(64)}/1600.webp`;
const SIZE = 128 * 1024 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("local disk photo storage", () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "cms-storage-"));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it("leaves nothing at the key when the writer is killed halfway", async () => {
    const writer = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `const { LocalDiskStorage } = require("./lib/media/storage.ts");
         new LocalDiskStorage(process.argv[1]).put(process.argv[2], Buffer.alloc(${SIZE}, 7)).then(() => process.exit(0));`,
        root,
        KEY,
      ],
      { cwd: process.cwd(), stdio: "ignore" },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      writer.once("exit", (code, signal) => resolve({ code, signal })),
    );
    // Kill it as soon as any byte of the photo is on disk.
    while (writer.exitCode === null && (await filesUnder(root)).length === 0)
      await new Promise((resolve) => setTimeout(resolve, 1));
    writer.kill("SIGKILL");
    const { signal } = await exited;
    expect(signal).toBe("SIGKILL"); // otherwise the write finished first and this proved nothing

    const stored = await new LocalDiskStorage(root).get(KEY);
    expect(stored === null || stored.length === SIZE).toBe(true);
    expect(stored).toBeNull();
  }, 60_000);

  it("replaces a key's bytes whole (write, fsync, rename)", async () => {
    const storage = new LocalDiskStorage(root);
    await storage.put(KEY, Buffer.from("first"));
    await storage.put(KEY, Buffer.from("second"));
    expect((await storage.get(KEY))?.toString()).toBe("second");
    expect(await filesUnder(root)).toEqual([path.join(root, KEY)]);
  });
});

describe("sweepOrphanMedia", () => {
  const db = testDb();
  let root: string;
  afterAll(() => db.$disconnect());

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "cms-sweep-"));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("removes old unreferenced files and abandoned writes, keeping every referenced and every recent file", async () => {
    const storage = new LocalDiskStorage(root);
    const uploader = await createUser(db, "EDITOR", { username: `sweep-${Date.now()}` });
    const sha = "b".repeat(64);
    const referenced = [`${sha}/original.jpg`, `${sha}/480.webp`];
    await db.media.create({
      data: {
        sha256: sha,
        originalName: "a.jpg",
        mimeType: "image/jpeg",
        width: 10,
        height: 10,
        bytes: 5,
        alt: "图",
        storageKey: referenced[0],
        renditions: [{ width: 480, format: "webp", key: referenced[1], bytes: 5 }],
        uploaderId: uploader.id,
      },
    });
    const orphan = `${"c".repeat(64)}/original.jpg`;
    const recentOrphan = `${"d".repeat(64)}/original.jpg`; // an upload whose row is not committed yet
    for (const key of [...referenced, orphan, recentOrphan]) await storage.put(key, Buffer.from(key));
    const abandoned = path.join(root, `${"e".repeat(64)}`, "original.jpg.partial-123-abcd");
    await mkdir(path.dirname(abandoned), { recursive: true });
    await writeFile(abandoned, "trunc");
    const old = new Date(Date.now() - 7 * 3600_000);
    for (const file of [...referenced, orphan].map((key) => path.join(root, key)).concat(abandoned))
      await utimes(file, old, old);

    const result = await sweepOrphanMedia(db, storage, { graceMs: 3600_000 });

    expect(result.removed).toEqual([orphan]);
    expect(result.abandonedWrites).toBe(1);
    for (const key of [...referenced, recentOrphan]) expect(await storage.get(key)).not.toBeNull();
    expect(existsSync(path.join(root, orphan))).toBe(false);
    expect(existsSync(abandoned)).toBe(false);
  });
});

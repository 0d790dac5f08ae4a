/**
 * S3Storage against s3rver, an S3-compatible server (real HTTP, SigV4 signatures, a bucket on disk)
 * started in this process on a loopback port: the same requests the app sends to MinIO or a cloud
 * object store, without needing one on the test machine.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import { parseEnv } from "@/lib/env";
import { processImage } from "@/lib/media/process";
import { storeProcessedImage } from "@/lib/media/save";
import { LocalDiskStorage, S3Storage, storageFromEnv } from "@/lib/media/storage";

const BUCKET = "cms-media";
// s3rver's built-in account.
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

let server: S3rver;
let directory: string;
let endpoint: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

const KEY = `${"ab".repeat(32)}/w480.webp`;

describe("S3-compatible photo storage", () => {
  it("stores, reads back and removes an object", async () => {
    const storage = new S3Storage({ endpoint, bucket: BUCKET, region: "us-east-1", ...CREDENTIALS });
    const data = Buffer.from("not really a webp, but bytes are bytes");
    await storage.put(KEY, data);
    expect(await storage.get(KEY)).toEqual(data);
    await storage.remove(KEY);
    expect(await storage.get(KEY)).toBeNull();
  });

  it("answers null for a key that was never stored, and refuses keys the server would not make", async () => {
    const storage = new S3Storage({ endpoint, bucket: BUCKET, region: "us-east-1", ...CREDENTIALS });
    expect(await storage.get(`${"cd".repeat(32)}/original.jpg`)).toBeNull();
    await expect(storage.put("../../etc/passwd", Buffer.from("x"))).rejects.toThrow("invalid storage key");
  });

  it("holds every rendition of a processed photo", async () => {
    const storage = new S3Storage({ endpoint, bucket: BUCKET, region: "us-east-1", ...CREDENTIALS });
    const jpeg = await sharp({ create: { width: 1000, height: 600, channels: 3, background: "#1a6" } })
      .jpeg()
      .toBuffer();
    const image = await processImage(jpeg, "green.jpg");
    await storeProcessedImage(storage, image);
    for (const variant of image.variants) expect(await storage.get(variant.key)).toEqual(variant.data);
  });

  it("surfaces a missing bucket as an error rather than a missing photo", async () => {
    const storage = new S3Storage({ endpoint, bucket: "no-such-bucket", region: "us-east-1", ...CREDENTIALS });
    await expect(storage.get(KEY)).rejects.toThrow(/bucket/i);
    await expect(storage.put(KEY, Buffer.from("x"))).rejects.toThrow(/bucket/i);
  });

  it("is chosen when all S3 variables are set, local disk otherwise", () => {
    const base = { DATABASE_URL: "postgresql://u:p@localhost/cms", AUTH_SECRET: "s".repeat(32) };
    expect(storageFromEnv(parseEnv(base))).toBeInstanceOf(LocalDiskStorage);
    const s3 = parseEnv({
      ...base,
      S3_ENDPOINT: endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    });
    expect(storageFromEnv(s3)).toBeInstanceOf(S3Storage);
    expect(() => parseEnv({ ...base, S3_BUCKET: BUCKET })).toThrow(/S3_ENDPOINT/);
  });
});

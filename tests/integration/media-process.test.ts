import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { processImage } from "@/lib/media/process";
import { parseRenditions } from "@/lib/media/renditions";
import { saveMedia } from "@/lib/media/save";
import type { MediaStorage } from "@/lib/media/storage";
import { testDb } from "../support/factories";

const KEY_PATTERN = /^[a-f0-9]{64}\/[a-z0-9-]+\.(jpg|png|webp|gif)$/;

class MemoryStorage implements MediaStorage {
  readonly files = new Map<string, Buffer>();
  puts = 0;
  async put(key: string, data: Buffer): Promise<void> {
    this.puts++;
    this.files.set(key, data);
  }
  async get(key: string): Promise<Buffer | null> {
    return this.files.get(key) ?? null;
  }
  async remove(key: string): Promise<void> {
    this.files.delete(key);
  }
}

function photo(width: number, height: number, colour = "#c0392b") {
  return sharp({ create: { width, height, channels: 3, background: colour } }).composite([
    {
      input: Buffer.from(
        `<svg width="${width}" height="${height}"><circle cx="${width / 3}" cy="${height / 3}" r="${height / 5}" fill="#fff"/></svg>`,
      ),
    },
  ]);
}

/** A camera photo taken in portrait: stored landscape with Orientation 6, and where it was taken. */
async function phoneJpegWithGps(): Promise<Buffer> {
  const base = await photo(2000, 1500).jpeg().toBuffer();
  return sharp(base)
    .withExif({
      IFD0: { Make: "TestCam", Model: "Phone 1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 14/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "121/1 28/1 0/1" },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid PNG header claiming 30000×30000 RGB pixels, followed by a few bytes of image data. */
function hugePngHeader(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0);
  ihdr.writeUInt32BE(30000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(Buffer.alloc(1000))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe("VALIDATION");
  return appError;
}

describe("the photo pipeline", () => {
  it("applies the EXIF orientation, strips EXIF and GPS, and makes renditions that are never enlarged", async () => {
    const input = await phoneJpegWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif?.toString("latin1")).toContain("TestCam");
    expect(before.orientation).toBe(6);

    const image = await processImage(input, "IMG_0001.JPG");

    expect(image.sha256).toBe(createHash("sha256").update(input).digest("hex"));
    expect(image).toMatchObject({
      format: "jpeg",
      mimeType: "image/jpeg",
      width: 1500,
      height: 2000,
      bytes: input.length,
    });
    expect(image.variants.map((item) => `${item.variant}.${item.format}`).sort()).toEqual(
      ["original.jpeg", "original.webp", "w480.jpeg", "w480.webp", "w960.jpeg", "w960.webp"].sort(),
    );
    for (const variant of image.variants) {
      expect(variant.key).toMatch(KEY_PATTERN);
      expect(variant.key.startsWith(`${image.sha256}/`)).toBe(true);
      expect(variant.bytes).toBe(variant.data.length);
      const meta = await sharp(variant.data).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.format).toBe(variant.format);
      expect(meta.width).toBe(variant.width);
      // Portrait after orientation: taller than wide, in the original's proportions.
      expect(meta.height).toBe(Math.round((variant.width * 2000) / 1500));
      expect(variant.data.includes(Buffer.from("TestCam"))).toBe(false);
    }
    expect(image.variants.find((item) => item.variant === "original" && item.format === "jpeg")?.key).toBe(
      `${image.sha256}/original.jpg`,
    );
  });

  it("makes 480, 960 and 1600 px renditions of a wide photo, and only the full size of a small one", async () => {
    const wide = await processImage(await photo(2400, 1200).png().toBuffer(), "wide.png");
    expect([...new Set(wide.variants.map((item) => item.width))].sort((a, b) => a - b)).toEqual([480, 960, 1600, 2400]);
    // Every rendition in WebP and PNG; the full size, wider than any page shows, only as uploaded.
    expect(wide.variants.map((item) => `${item.variant}.${item.format}`).sort()).toEqual(
      ["original.png", "w480.png", "w480.webp", "w960.png", "w960.webp", "w1600.png", "w1600.webp"].sort(),
    );
    const small = await processImage(await photo(300, 200).jpeg().toBuffer(), "small.jpg");
    expect(small.variants.map((item) => [item.variant, item.width])).toEqual([
      ["original", 300],
      ["original", 300],
    ]);
  });

  it("detects the type by content: a PNG named .jpg is accepted as a PNG", async () => {
    const image = await processImage(await photo(800, 600, "#1f5f99").png().toBuffer(), "holiday.jpg");
    expect(image.format).toBe("png");
    expect(image.mimeType).toBe("image/png");
    expect(image.originalName).toBe("holiday.jpg");
    expect(image.variants.map((item) => item.key.slice(65)).sort()).toEqual([
      "original.png",
      "original.webp",
      "w480.png",
      "w480.webp",
    ]);
  });

  it("accepts WebP and GIF", async () => {
    const webp = await processImage(await photo(640, 480).webp().toBuffer(), "a.webp");
    expect(webp.mimeType).toBe("image/webp");
    expect(webp.variants.every((item) => item.format === "webp")).toBe(true);
    const gif = await processImage(await photo(640, 480).gif().toBuffer(), "a.gif");
    expect(gif.mimeType).toBe("image/gif");
    expect(gif.variants.map((item) => item.format).sort()).toEqual(["gif", "gif", "webp", "webp"]);
  });

  it("refuses an SVG, even one that only looks like a picture", async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>',
    );
    const error = await refusal(processImage(svg, "logo.png"));
    expect(error.message).toBe("只支持 JPEG、PNG、WebP、GIF 格式的图片");
    await refusal(processImage(Buffer.from("%PDF-1.7\n"), "scan.jpg"));
  });

  it("refuses a PNG whose header claims 30000×30000 pixels, from the header alone", async () => {
    const started = Date.now();
    const error = await refusal(processImage(hugePngHeader(), "huge.png"));
    // The pixel data is a few bytes of zeros: had it been decoded, the answer would be "damaged".
    expect(error.message).toContain("像素");
    expect(Date.now() - started).toBeLessThan(2000);
    // Allowed to decode, the same file is refused as damaged: the refusal above came from the header.
    const decoded = await refusal(processImage(hugePngHeader(), "huge.png", { maxPixels: 10_000_000_000 }));
    expect(decoded.message).toBe("图片文件已损坏或不完整，无法读取");
  });

  it("refuses a truncated JPEG as damaged", async () => {
    const whole = await photo(1200, 800).jpeg().toBuffer();
    const error = await refusal(processImage(whole.subarray(0, Math.floor(whole.length * 0.6)), "cut.jpg"));
    expect(error.message).toBe("图片文件已损坏或不完整，无法读取");
  });

  it("refuses files over the size limit and empty files", async () => {
    const jpeg = await photo(400, 300).jpeg().toBuffer();
    const error = await refusal(processImage(jpeg, "big.jpg", { maxBytes: jpeg.length - 1 }));
    expect(error.message).toContain("不能超过");
    await refusal(processImage(Buffer.alloc(0), "empty.jpg"));
  });
});

describe("saving a photo", () => {
  let db: PrismaClient;
  let uploaderId: string;

  beforeAll(async () => {
    db = testDb();
    const user = await db.user.create({ data: { username: "uploader", displayName: "上传者", passwordHash: "x" } });
    uploaderId = user.id;
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  it("stores the renditions and records them on the Media row", async () => {
    const storage = new MemoryStorage();
    const input = await phoneJpegWithGps();
    const media = await saveMedia(db, storage, input, {
      originalName: "C:\\Users\\x\\IMG_0002.JPG",
      alt: "走访企业",
      caption: "走访企业党支部",
      uploaderId,
    });

    expect(media).toMatchObject({
      mimeType: "image/jpeg",
      width: 1500,
      height: 2000,
      alt: "走访企业",
      caption: "走访企业党支部",
      originalName: "IMG_0002.JPG",
    });
    expect(media.storageKey).toBe(`${media.sha256}/original.jpg`);
    const renditions = parseRenditions(media.renditions);
    expect(renditions).toHaveLength(6);
    for (const rendition of renditions) {
      const stored = await storage.get(rendition.key);
      expect(stored?.length).toBe(rendition.bytes);
    }
    const stored = await storage.get(media.storageKey);
    expect(stored && (await sharp(stored).metadata()).exif).toBeUndefined();
  });

  it("returns the existing row for the same bytes, without storing them again", async () => {
    const storage = new MemoryStorage();
    const input = await photo(900, 600, "#27ae60").jpeg().toBuffer();
    const first = await saveMedia(db, storage, input, { originalName: "a.jpg", alt: "第一次", uploaderId });
    const puts = storage.puts;
    const second = await saveMedia(db, storage, input, { originalName: "b.jpg", alt: "第二次", uploaderId });
    expect(second.id).toBe(first.id);
    expect(second.alt).toBe("第一次");
    expect(storage.puts).toBe(puts);
    expect(await db.media.count({ where: { sha256: first.sha256 } })).toBe(1);
  });

  it("requires alt text", async () => {
    const input = await photo(500, 400, "#8e44ad").jpeg().toBuffer();
    const error = await refusal(
      saveMedia(db, new MemoryStorage(), input, { originalName: "a.jpg", alt: "   ", uploaderId }),
    );
    expect(error.field).toBe("alt");
  });
});

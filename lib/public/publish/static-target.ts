import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { connectS3, contentTypeOfKey, s3Settings, type S3Settings } from "@/lib/media/storage";

/**
 * Where the static copy of the public site (./static-site.ts) is written: a directory nginx serves,
 * or a prefix of an S3-compatible bucket (`s3://<bucket>/<prefix>`) a CDN or nginx serves, reached
 * with the photo store's endpoint and credentials (S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID,
 * S3_SECRET_ACCESS_KEY). Paths are relative and use "/" (`articles/x.html`).
 */
export interface StaticTarget {
  /** For messages: the directory, or the s3:// location. */
  readonly label: string;
  write(file: string, data: Buffer | string): Promise<void>;
  /** The file's bytes, or null when it is not there. */
  read(file: string): Promise<Buffer | null>;
  exists(file: string): Promise<boolean>;
  remove(file: string): Promise<void>;
  /** Every file under `prefix` (default: all), as relative paths. */
  list(prefix?: string): Promise<string[]>;
}

function checkedPath(file: string): string {
  // The files are named by the CMS; this refuses anything that could leave the target all the same.
  if (!file || file.startsWith("/") || file.split("/").some((part) => part === ".." || part === ""))
    throw new Error(`invalid static file name: ${file}`);
  return file;
}

export class DirectoryTarget implements StaticTarget {
  constructor(readonly dir: string) {}

  get label(): string {
    return this.dir;
  }

  private full(file: string): string {
    return path.join(/* turbopackIgnore: true */ this.dir, checkedPath(file));
  }

  /** A temporary name and a rename: nginx never serves a half-written file. */
  async write(file: string, data: Buffer | string): Promise<void> {
    const target = this.full(file);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, target);
  }

  async read(file: string): Promise<Buffer | null> {
    try {
      return await readFile(this.full(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async exists(file: string): Promise<boolean> {
    return (await this.read(file)) !== null;
  }

  async remove(file: string): Promise<void> {
    await rm(this.full(file), { force: true });
  }

  async list(prefix = ""): Promise<string[]> {
    const walk = async (base: string): Promise<string[]> => {
      let entries;
      try {
        entries = await readdir(path.join(/* turbopackIgnore: true */ this.dir, base), { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const files: string[] = [];
      for (const entry of entries) {
        const relative = base ? `${base}/${entry.name}` : entry.name;
        if (entry.isDirectory()) files.push(...(await walk(relative)));
        else files.push(relative);
      }
      return files;
    };
    return (await walk("")).filter((file) => file.startsWith(prefix));
  }
}

const STATIC_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
};

function contentTypeOf(file: string): string {
  const extension = file.slice(file.lastIndexOf(".") + 1);
  return STATIC_TYPES[extension] ?? contentTypeOfKey(file);
}

export class S3Target implements StaticTarget {
  private sdk?: ReturnType<typeof connectS3>;

  constructor(
    private readonly settings: S3Settings,
    /** Without leading or trailing "/"; "" for the bucket's root. */
    private readonly prefix: string,
  ) {}

  get label(): string {
    return `s3://${this.settings.bucket}/${this.prefix}`;
  }

  private connect() {
    this.sdk ??= connectS3(this.settings);
    return this.sdk;
  }

  private key(file: string): string {
    return this.prefix ? `${this.prefix}/${checkedPath(file)}` : checkedPath(file);
  }

  /** One PUT: an object is replaced whole, never seen half-written. */
  async write(file: string, data: Buffer | string): Promise<void> {
    const { client, api } = await this.connect();
    await client.send(
      new api.PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.key(file),
        Body: typeof data === "string" ? Buffer.from(data, "utf8") : data,
        ContentType: contentTypeOf(file),
        // Photos are content-addressed; pages change with every publication.
        CacheControl: file.startsWith("media/") ? "public, max-age=31536000, immutable" : "no-cache",
      }),
    );
  }

  async read(file: string): Promise<Buffer | null> {
    const { client, api } = await this.connect();
    try {
      const result = await client.send(new api.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(file) }));
      return result.Body ? Buffer.from(await result.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if (error instanceof api.NoSuchKey) return null;
      throw error;
    }
  }

  async exists(file: string): Promise<boolean> {
    const { client, api } = await this.connect();
    try {
      await client.send(new api.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(file) }));
      return true;
    } catch (error) {
      if (
        error instanceof api.NotFound ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
      )
        return false;
      throw error;
    }
  }

  async remove(file: string): Promise<void> {
    const { client, api } = await this.connect();
    await client.send(new api.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(file) }));
  }

  async list(prefix = ""): Promise<string[]> {
    const { client, api } = await this.connect();
    const base = this.prefix ? `${this.prefix}/` : "";
    const files: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new api.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: `${base}${prefix}`, ContinuationToken }),
      );
      for (const object of page.Contents ?? []) if (object.Key) files.push(object.Key.slice(base.length));
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return files;
  }
}

const S3_LOCATION = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/** Whether a STATIC_DIR value (or publish:static argument) names a bucket rather than a directory. */
export function isS3Location(location: string): boolean {
  return location.startsWith("s3://");
}

/**
 * The target a STATIC_DIR value names: `s3://<bucket>[/<prefix>]` with the photo store's S3 settings,
 * anything else a directory.
 */
export function staticTarget(
  location: string,
  config: Pick<Env, "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"> = env(),
): StaticTarget {
  if (!isS3Location(location)) return new DirectoryTarget(location);
  const match = S3_LOCATION.exec(location);
  if (!match?.[1])
    throw new Error(
      `静态发布地址无效：${location}（应为 s3://<存储桶>/<前缀>） / invalid static location ${location} (expected s3://<bucket>/<prefix>)`,
    );
  const settings = s3Settings(config);
  if (!settings) {
    throw new Error(
      `静态发布到 ${location} 需要设置 S3_ENDPOINT、S3_REGION、S3_ACCESS_KEY_ID、S3_SECRET_ACCESS_KEY（与图片存储相同） / publishing to ${location} needs S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (the photo store's)`,
    );
  }
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  if (prefix.split("/").some((part) => part === ".."))
    throw new Error(`静态发布地址无效：${location} / invalid static location ${location}`);
  return new S3Target({ ...settings, bucket: match[1] }, prefix);
}

/** A target as given, or the one a location string names. */
export function asStaticTarget(target: StaticTarget | string): StaticTarget {
  return typeof target === "string" ? staticTarget(target) : target;
}

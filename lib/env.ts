import { z } from "zod";
import { parseCidr, type Cidr } from "./http/ip-address";

/**
 * Every environment variable the app reads, parsed once. `.env.example` documents each of them;
 * tests/unit/env-example.test.ts keeps the two lists equal.
 */
const S3_KEYS = ["S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "未设置 DATABASE_URL / DATABASE_URL is not set" })
      .regex(
        /^postgres(ql)?:\/\//,
        "DATABASE_URL 必须是 postgresql:// 地址 / DATABASE_URL must be a postgresql:// URL",
      ),
    // The owner of the tables, for migrations only (#13: the app's own role owns nothing). Unset: the
    // migrations run as DATABASE_URL's role, which then owns the tables (a single-role install).
    MIGRATION_DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "MIGRATION_DATABASE_URL 必须是 postgresql:// 地址 / MIGRATION_DATABASE_URL must be a postgresql:// URL",
      )
      .optional(),
    AUTH_SECRET: z
      .string({ error: "未设置 AUTH_SECRET / AUTH_SECRET is not set" })
      .min(32, "AUTH_SECRET 至少 32 个字符 / AUTH_SECRET must be at least 32 characters"),
    SITE_URL: z
      .url({ protocol: /^https?$/, error: "SITE_URL 必须是 http(s) 地址 / SITE_URL must be an http(s) URL" })
      .default("http://localhost:3000")
      .transform((url) => url.replace(/\/+$/, "")),
    DATA_DIR: z.string().min(1).default("./.data"),
    UPLOAD_DIR: z.string().min(1).optional(),
    UPLOAD_MAX_BYTES: z.coerce
      .number({ error: "UPLOAD_MAX_BYTES 必须是数字 / UPLOAD_MAX_BYTES must be a number" })
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    TZ_DISPLAY: z.string().default("Asia/Shanghai"),
    // Server processes sharing the port (scripts/server.ts, node:cluster); 1 runs no cluster at all.
    WEB_CONCURRENCY: z.coerce
      .number({ error: "WEB_CONCURRENCY 必须是 1–32 的整数 / WEB_CONCURRENCY must be a whole number from 1 to 32" })
      .int({ error: "WEB_CONCURRENCY 必须是 1–32 的整数 / WEB_CONCURRENCY must be a whole number from 1 to 32" })
      .min(1, "WEB_CONCURRENCY 必须是 1–32 的整数 / WEB_CONCURRENCY must be a whole number from 1 to 32")
      .max(32, "WEB_CONCURRENCY 必须是 1–32 的整数 / WEB_CONCURRENCY must be a whole number from 1 to 32")
      .default(1),
    // Bearer token for /api/metrics (Prometheus); unset, the endpoint answers 404.
    METRICS_TOKEN: z
      .string()
      .min(16, "METRICS_TOKEN 至少 16 个字符 / METRICS_TOKEN must be at least 16 characters")
      .optional(),
    // The page cache's LISTEN connection, when DATABASE_URL goes through a transaction-pooling PgBouncer
    // (which cannot LISTEN): a direct session to the same database (lib/public/cache/cache-bus.ts).
    DATABASE_LISTEN_URL: z.string().min(1).optional(),
    // A streaming standby of DATABASE_URL for the public pages' reads (lib/public/data/read-replica.ts);
    // writes, the admin, the workflow and search (which indexes as it reads) stay on DATABASE_URL.
    DATABASE_REPLICA_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "DATABASE_REPLICA_URL 必须是 postgresql:// 地址 / DATABASE_REPLICA_URL must be a postgresql:// URL",
      )
      .optional(),
    // 静态发布: when set, every publish also rewrites the affected files of the static site here — a
    // directory, or s3://<bucket>/<prefix> on the photo store's S3 endpoint (lib/public/publish/static-target.ts).
    STATIC_DIR: z.string().min(1).optional(),
    // S3-compatible photo storage (MinIO, Ceph, a cloud object store): all five, or none for local disk.
    S3_ENDPOINT: z
      .url({ protocol: /^https?$/, error: "S3_ENDPOINT 必须是 http(s) 地址 / S3_ENDPOINT must be an http(s) URL" })
      .optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Keys the audit chain's hashes (lib/audit/key.ts); generated into DATA_DIR when unset.
    AUDIT_HMAC_KEY: z
      .string()
      .min(32, "AUDIT_HMAC_KEY 至少 32 个字符 / AUDIT_HMAC_KEY must be at least 32 characters")
      .optional(),
    // Reverse proxies whose X-Forwarded-For is believed (lib/auth/client-ip.ts); empty = none.
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((text, context) => {
        const ranges: Cidr[] = [];
        for (const part of text.split(/[\s,]+/).filter(Boolean)) {
          const range = parseCidr(part);
          if (range) ranges.push(range);
          else
            context.addIssue({
              code: "custom",
              message: `TRUSTED_PROXIES 中的 “${part}” 不是 IP 地址或 CIDR 网段 / "${part}" in TRUSTED_PROXIES is not an IP address or CIDR range`,
            });
        }
        return ranges;
      }),
  })
  .superRefine((data, context) => {
    if (data.STATIC_DIR?.startsWith("s3://") && S3_KEYS.some((key) => data[key] === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["STATIC_DIR"],
        message: `静态发布到 S3 需同时设置 ${S3_KEYS.join("、")}（与图片存储相同） / STATIC_DIR=s3://… needs ${S3_KEYS.join(", ")} (the photo store's)`,
      });
    }
    const given = S3_KEYS.filter((key) => data[key] !== undefined);
    if (given.length === 0 || given.length === S3_KEYS.length) return;
    const missing = S3_KEYS.filter((key) => data[key] === undefined);
    context.addIssue({
      code: "custom",
      path: [missing[0]],
      message: `S3 存储需同时设置 ${S3_KEYS.join("、")}，缺少 ${missing.join("、")} / S3 storage needs all of ${S3_KEYS.join(", ")}; missing ${missing.join(", ")}`,
    });
  });

export type Env = z.infer<typeof envSchema> & { UPLOAD_DIR: string };

/** The names of every variable the schema parses (for tests/unit/env-example.test.ts). */
export const ENV_KEYS = Object.keys(envSchema.shape) as readonly (keyof typeof envSchema.shape)[];

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`配置错误 / Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const data = result.data;
  return { ...data, UPLOAD_DIR: data.UPLOAD_DIR ?? `${data.DATA_DIR}/uploads` };
}

let cached: Env | undefined;

/** The parsed environment; throws a ConfigError (Chinese + English) on the first bad variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

import { ConfigError, parseEnv } from "@/lib/env";

const valid = { DATABASE_URL: "postgresql://u:p@localhost:5432/cms", AUTH_SECRET: "s".repeat(32) };

describe("configuration", () => {
  it("accepts a minimal valid environment and fills the defaults", () => {
    const env = parseEnv(valid);
    expect(env.SITE_URL).toBe("http://localhost:3000");
    expect(env.UPLOAD_DIR).toBe("./.data/uploads");
    expect(env.UPLOAD_MAX_BYTES).toBe(20 * 1024 * 1024);
  });

  it("takes all five S3 variables together, or none", () => {
    const s3 = {
      S3_ENDPOINT: "https://minio.example.gov.cn:9000",
      S3_BUCKET: "cms-media",
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
    };
    expect(parseEnv({ ...valid, ...s3 })).toMatchObject(s3);
    expect(parseEnv(valid).S3_ENDPOINT).toBeUndefined();
  });

  it("drops a trailing slash from SITE_URL", () => {
    expect(parseEnv({ ...valid, SITE_URL: "https://www.example.gov.cn/" }).SITE_URL).toBe("https://www.example.gov.cn");
  });

  it.each([
    [{ AUTH_SECRET: valid.AUTH_SECRET }, "DATABASE_URL"],
    [{ ...valid, DATABASE_URL: "mysql://localhost/cms" }, "postgresql://"],
    [{ ...valid, AUTH_SECRET: "short" }, "AUTH_SECRET 至少 32 个字符"],
    [{ ...valid, SITE_URL: "ftp://example.com" }, "SITE_URL"],
    [{ ...valid, UPLOAD_MAX_BYTES: "lots" }, "UPLOAD_MAX_BYTES"],
    [{ ...valid, S3_BUCKET: "cms-media", S3_REGION: "us-east-1" }, "S3 存储需同时设置"],
    [
      {
        ...valid,
        S3_ENDPOINT: "minio:9000",
        S3_BUCKET: "b",
        S3_REGION: "r",
        S3_ACCESS_KEY_ID: "k",
        S3_SECRET_ACCESS_KEY: "s",
      },
      "S3_ENDPOINT",
    ],
  ])("refuses bad configuration with a Chinese and English message (%#)", (source, fragment) => {
    expect(() => parseEnv(source)).toThrow(ConfigError);
    try {
      parseEnv(source);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("配置错误 / Invalid configuration");
      expect(message).toContain(fragment);
    }
  });
});

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as articleRoute } from "@/app/articles/[file]/route";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { affectedTags } from "@/lib/public/publish/publication-events";
import {
  publishStaticSite,
  updateStaticSite,
  verifyStaticSite,
  withdrawnMarker,
  WITHDRAWN_DIR,
} from "@/lib/public/publish/static-site";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs, withdraw } from "../support/public-fixtures";

const run = promisify(execFile);
const SECRET = "static-test-secret-static-test-secret";

describe("static publishing （静态发布） and tamper detection （网页防篡改）", () => {
  let db: PrismaClient;
  let dir: string;

  beforeAll(async () => {
    db = testDb();
    dir = await mkdtemp(path.join(os.tmpdir(), "cms-static-"));
    await createBasics(db);
    for (let i = 0; i < 25; i++) {
      await createArticle(db, {
        slug: `st-${i}`,
        title: `静态测试${i}`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs(`正文${i}`),
        publishedAt: new Date(Date.UTC(2026, 0, 1, i)),
      });
    }
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the same bytes the app serves, every column page and feed, and a clean manifest", async () => {
    const result = await publishStaticSite(db, dir, SECRET);
    expect(result.files).toBeGreaterThan(30);
    const served = await (
      await articleRoute(new Request("http://localhost:3000/articles/st-3.html"), {
        params: Promise.resolve({ file: "st-3.html" }),
      })
    ).text();
    expect(await readFile(path.join(dir, "articles/st-3.html"), "utf8")).toBe(served);
    const first = await readFile(path.join(dir, "columns/gongzuo-dongtai.html"), "utf8");
    const cursor = /href="\/columns\/gongzuo-dongtai\?before=([^"]+)" rel="next"/.exec(first)?.[1];
    expect(cursor).toBeDefined();
    await expect(readFile(path.join(dir, `columns/gongzuo-dongtai/before/${cursor}.html`), "utf8")).resolves.toContain(
      "静态测试0",
    );
    for (const file of [
      "index.html",
      "rss.xml",
      "sitemap.xml",
      "robots.txt",
      "404.html",
      "assets/site.css",
      "assets/reader.js",
      "columns/xianfeng.html",
      "columns/gongzuo-dongtai/rss.xml",
    ]) {
      await expect(readFile(path.join(dir, file))).resolves.toBeDefined();
    }
    expect(await verifyStaticSite(dir, SECRET)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
  });

  it("reports modified, missing and added files, and a forged manifest", async () => {
    await writeFile(path.join(dir, "articles/st-1.html"), "<p>被篡改</p>");
    await rm(path.join(dir, "articles/st-2.html"));
    await writeFile(path.join(dir, "articles/evil.html"), "<script>alert(1)</script>");
    const report = await verifyStaticSite(dir, SECRET);
    expect(report).toEqual({
      manifestValid: true,
      modified: ["articles/st-1.html"],
      missing: ["articles/st-2.html"],
      unexpected: ["articles/evil.html"],
      stale: [],
    });
    expect((await verifyStaticSite(dir, "another-secret-another-secret-another")).manifestValid).toBe(false);
    await rm(path.join(dir, "articles/evil.html"));
    await publishStaticSite(db, dir, SECRET);
    expect(await verifyStaticSite(dir, SECRET)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
  });

  it("on publish and withdraw rewrites the affected files only", async () => {
    const untouched = await readFile(path.join(dir, "articles/st-5.html"), "utf8");
    const id = await createArticle(db, {
      slug: "st-new",
      title: "静态新稿",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("新稿"),
      publishedAt: new Date(Date.UTC(2026, 5, 1)),
    });
    await updateStaticSite(db, dir, SECRET, { articleIds: [id], tags: await affectedTags(db, [id]) });
    await expect(readFile(path.join(dir, "articles/st-new.html"), "utf8")).resolves.toContain("静态新稿");
    await expect(readFile(path.join(dir, "columns/gongzuo-dongtai.html"), "utf8")).resolves.toContain("静态新稿");
    await expect(readFile(path.join(dir, "rss.xml"), "utf8")).resolves.toContain("静态新稿");
    await expect(readFile(path.join(dir, "articles/st-24.html"), "utf8")).resolves.toContain(
      'href="/articles/st-new.html"',
    );
    expect(await readFile(path.join(dir, "articles/st-5.html"), "utf8")).toBe(untouched);
    expect((await verifyStaticSite(dir, SECRET)).modified).toEqual([]);

    await withdraw(db, id);
    await updateStaticSite(db, dir, SECRET, { articleIds: [id], tags: await affectedTags(db, [id]) });
    await expect(readFile(path.join(dir, "articles/st-new.html"))).rejects.toThrow();
    // nginx answers 410 where this marker exists, without a reload (deploy/nginx-static.conf tests it).
    await expect(readFile(path.join(dir, withdrawnMarker("/articles/st-new.html")))).resolves.toBeDefined();
    const nginx = await readFile(path.join(process.cwd(), "deploy/nginx-static.conf"), "utf8");
    expect(nginx).toContain(`if (-f $document_root/${WITHDRAWN_DIR}$uri) { return 410; }`);
    expect(nginx).not.toContain(".withdrawn.map");

    // Live again: the page is back and the marker gone, so nginx never answers 410 for a live page.
    await db.article.update({ where: { id }, data: { status: "PUBLISHED", withdrawnAt: null, withdrawnReason: null } });
    await updateStaticSite(db, dir, SECRET, { articleIds: [id], tags: await affectedTags(db, [id]) });
    await expect(readFile(path.join(dir, "articles/st-new.html"), "utf8")).resolves.toContain("静态新稿");
    await expect(readFile(path.join(dir, withdrawnMarker("/articles/st-new.html")))).rejects.toThrow();
    await withdraw(db, id);
    await updateStaticSite(db, dir, SECRET, { articleIds: [id], tags: await affectedTags(db, [id]) });
    await expect(readFile(path.join(dir, "rss.xml"), "utf8")).resolves.not.toContain("静态新稿");
    expect(await verifyStaticSite(dir, SECRET)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
  });

  it("runs as npm run publish:static / verify:static", async () => {
    const cliDir = path.join(dir, "..", `${path.basename(dir)}-cli`);
    const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: SECRET, NODE_ENV: "production" };
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    try {
      const published = await run(tsx, ["--conditions=react-server", "scripts/publish-static.ts", "publish", cliDir], {
        env,
      });
      expect(published.stdout).toMatch(/files/);
      const verified = await run(tsx, ["--conditions=react-server", "scripts/publish-static.ts", "verify", cliDir], {
        env,
      });
      expect(verified.stdout).toContain("all files match");
      await writeFile(path.join(cliDir, "index.html"), "tampered");
      await expect(
        run(tsx, ["--conditions=react-server", "scripts/publish-static.ts", "verify", cliDir], { env }),
      ).rejects.toMatchObject({
        code: 1,
        stdout: expect.stringContaining("modified: index.html"),
      });
    } finally {
      await rm(cliDir, { recursive: true, force: true });
    }
  }, 120_000);
});

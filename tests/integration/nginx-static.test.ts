import { STATIC_DIR } from "../support/static-dir-env";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";
import { publishStaticSite } from "@/lib/public/publish/static-site";
import { transition } from "@/lib/workflow/transition";
import { createUser, testDb, type TestUser } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * deploy/nginx-static.conf under a real nginx (issue 12, finding 10): a withdrawal answers 410 from
 * the moment the publisher has written its marker, and a re-publication 200, both without
 * `nginx -s reload`; the marker itself is never served. The config is the shipped file with only its
 * port, root and upstream changed. CI installs nginx (.ci/run); without it this test fails, on purpose.
 */

const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
const SECRET = process.env.AUTH_SECRET ?? "";
const dir = STATIC_DIR ?? "";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function get(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: target }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("nginx in front of the static copy", () => {
  let db: PrismaClient;
  let finalReviewer: TestUser;
  let nginx: ChildProcess | undefined;
  let prefix = "";
  let port = 0;

  beforeAll(async () => {
    if (!existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: apt-get install -y nginx, or set NGINX_BIN`);
    db = testDb();
    await createBasics(db);
    finalReviewer = await createUser(db, [{ role: "REVIEWER", level: 3 }]);
    await createArticle(db, {
      slug: "ng-live",
      title: "静态副本在线",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
      publishedAt: new Date(Date.UTC(2026, 0, 1)),
    });
    await publishStaticSite(db, dir, SECRET);
    // nginx's workers read the files as another user when it starts as root.
    await chmod(dir, 0o755);

    prefix = await mkdtemp(path.join(os.tmpdir(), "cms-nginx-"));
    port = await freePort();
    const shipped = await readFile(path.join(process.cwd(), "deploy/nginx-static.conf"), "utf8");
    const server = shipped
      .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
      .replace(/root \/var\/www\/cms-static;/, `root ${dir};`)
      .replace(/server 127\.0\.0\.1:3000;/, "server 127.0.0.1:9;");
    expect(server).toContain(`root ${dir};`);
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
      .map((name) => `${name}_temp_path ${prefix}/${name};`)
      .join(" ");
    await writeFile(
      path.join(prefix, "nginx.conf"),
      `${process.getuid?.() === 0 ? "user root;" : ""} daemon off; worker_processes 1; pid ${prefix}/nginx.pid;
       error_log ${prefix}/error.log; events { worker_connections 64; }
       http { include /etc/nginx/mime.types; access_log off; ${temp} ${server} }`,
    );
    nginx = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], { stdio: "inherit" });
    const started = Date.now();
    for (;;) {
      try {
        await get(port, "/");
        break;
      } catch (error) {
        if (Date.now() - started > 10_000) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });

  afterAll(async () => {
    nginx?.kill("SIGQUIT");
    await stopCacheBus();
    await db.$disconnect();
    await rm(dir, { recursive: true, force: true });
    await rm(prefix, { recursive: true, force: true });
  });

  it("answers 410 for a withdrawal and 200 for a re-publication, without a reload (finding 10)", async () => {
    expect(await get(port, "/articles/ng-live.html")).toBe(200);
    expect(await get(port, "/articles/ng-live.html?fs=l")).toBe(200);
    expect(await get(port, "/articles/never-there.html")).toBe(404);

    const article = await db.article.findUniqueOrThrow({ where: { slug: "ng-live" }, select: { id: true } });
    const { lockVersion } = await db.article.findUniqueOrThrow({
      where: { id: article.id },
      select: { lockVersion: true },
    });
    await expect(
      transition(db, finalReviewer, { articleId: article.id, event: "withdraw", reason: "内容有误", lockVersion }),
    ).resolves.toMatchObject({ status: "WITHDRAWN", effectsPending: 0 });
    expect(await get(port, "/articles/ng-live.html")).toBe(410);
    expect(await get(port, "/articles/ng-live.html?fs=l")).toBe(410);
    // The marker is a dot-file: never served itself.
    expect(await get(port, "/.withdrawn/articles/ng-live.html")).toBe(404);

    // Live again (as a publication leaves it): 200, not the 410 of before.
    await db.article.update({
      where: { id: article.id },
      data: { status: "PUBLISHED", withdrawnAt: null, withdrawnReason: null },
    });
    expect(await afterPublicationChange([article.id], db)).toEqual({ pending: 0 });
    expect(await get(port, "/articles/ng-live.html")).toBe(200);
  });
});

import { directUrl, listenerProxy, poolProxy } from "../support/proxied-database-env";
import { GET as healthRoute } from "@/app/api/health/route";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { CACHE_CHANNEL, invalidationPayload, stopCacheBus } from "@/lib/public/cache/cache-bus";
import { affectedTags } from "@/lib/public/publish/publication-events";
import { STALE_HEADER } from "@/lib/public/serve/serve";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";
import { PublicServer } from "../support/public-router";
import { cliAdapter } from "@/lib/db-pool";

/**
 * The page cache trusts only a listener that proves itself alive (issue 12 finding 11), and a
 * database that goes away does not blank the public site (issue 18 finding 5). Real PostgreSQL behind
 * loopback proxies (tests/support/tcp-proxy.ts): no mocks.
 */

/** The bound this instance promises (docs/cache-and-outbox.md): LIVENESS_MS (6 s) plus slack for timers. */
const BOUND_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(): Promise<{ status: string; listener: { alive: boolean; cache: string } }> {
  return (await healthRoute()).json() as Promise<{ status: string; listener: { alive: boolean; cache: string } }>;
}

describe("the page cache's trust in its invalidation listener", () => {
  const direct = new PrismaClient({ adapter: cliAdapter(directUrl) });
  const server = new PublicServer();

  async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
      await sleep(200);
    }
    return Date.now() - started;
  }

  beforeAll(async () => {
    await poolProxy.start();
    await listenerProxy.start();
    await createBasics(direct);
    await createArticle(direct, {
      slug: "lv-stalled",
      title: "心跳测试稿件",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
      publishedAt: new Date(Date.UTC(2026, 0, 1)),
    });
    await createArticle(direct, {
      slug: "lv-cached",
      title: "数据库中断时的缓存页",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
      publishedAt: new Date(Date.UTC(2026, 0, 2)),
    });
    await server.start();
  });

  afterAll(async () => {
    await server.stop();
    await stopCacheBus();
    await poolProxy.refuse();
    await listenerProxy.refuse();
    await direct.$disconnect();
  });

  it("a stalled LISTEN connection stops the cache within the bound; a withdrawal elsewhere is 410 here (finding 11)", async () => {
    expect((await server.get("/articles/lv-stalled.html")).status).toBe(200);
    expect((await server.get("/articles/lv-stalled.html")).fast).toBe(true);
    expect(await health()).toMatchObject({ status: "ok", listener: { alive: true, cache: "serving" } });

    // The firewall drops the idle connection silently; then another instance withdraws the article.
    listenerProxy.stall();
    const stalledAt = Date.now();
    const article = await direct.article.update({
      where: { slug: "lv-stalled" },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawnReason: "心跳测试" },
      select: { id: true },
    });
    await direct.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${invalidationPayload(await affectedTags(direct, [article.id]))})`;

    try {
      // The first request the cache no longer answers: sent within the bound, and rendered from the database.
      let sentAt = 0;
      let answer = await server.get("/articles/lv-stalled.html");
      await waitFor(async () => {
        sentAt = Date.now();
        answer = await server.get("/articles/lv-stalled.html");
        return !answer.fast;
      }, BOUND_MS + 2_000);
      expect(sentAt - stalledAt).toBeLessThanOrEqual(BOUND_MS);
      expect(answer.status).toBe(410);
      expect(await health()).toMatchObject({ status: "degraded", listener: { alive: false, cache: "bypassed" } });
      // Rendered from the database every time meanwhile, never from the cache.
      expect((await server.get("/articles/lv-cached.html")).fast).toBe(false);
      expect((await server.get("/articles/lv-cached.html")).fast).toBe(false);
    } finally {
      listenerProxy.resume();
    }

    // Forwarding again: the listener reconnects and proves itself, and the cache serves again.
    await waitFor(async () => (await health()).listener.alive, 15_000);
    await server.get("/articles/lv-cached.html");
    expect((await server.get("/articles/lv-cached.html")).fast).toBe(true);
  }, 40_000);

  it("the database gone: cached pages are served marked stale, others answer a Chinese 503 (issue 18 finding 5)", async () => {
    await waitFor(async () => (await health()).listener.alive, 15_000);
    const cached = await server.get("/articles/lv-cached.html");
    expect(cached.status).toBe(200);

    await poolProxy.refuse();
    await listenerProxy.refuse();
    // Until the listener notices (at once here, at most the bound), the cache is still trusted: the same page.
    await waitFor(
      async () => (await server.get("/articles/lv-cached.html")).headers[STALE_HEADER] !== undefined,
      BOUND_MS,
    );
    const stale = await server.get("/articles/lv-cached.html");
    expect(stale.status).toBe(200);
    expect(stale.headers[STALE_HEADER]).toBe("database-unreachable");
    expect(stale.body.equals(cached.body)).toBe(true);
    const never = await server.get("/columns/gongzuo-dongtai");
    expect(never.status).toBe(503);
    expect(never.body.toString()).toContain("网站暂时无法访问");
    expect(never.headers[STALE_HEADER]).toBeUndefined();
    expect((await healthRoute()).status).toBe(503);

    // Back: pages are fresh again and unmarked.
    await poolProxy.start();
    await listenerProxy.start();
    await waitFor(async () => (await server.get("/columns/gongzuo-dongtai")).status === 200, 15_000);
    const fresh = await server.get("/articles/lv-cached.html");
    expect(fresh.status).toBe(200);
    expect(fresh.headers[STALE_HEADER]).toBeUndefined();
  }, 40_000);
});

import { socketAddressHeaderValue, SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { DEDUPE_WINDOW_MS, ViewCounter } from "@/lib/views/counter";
import { isBot } from "@/lib/views/bots";
import { viewTotals } from "@/lib/views/queries";
import { formatDate } from "@/lib/format/date";
import { testDb } from "../support/factories";
import { makeArticle, makeColumn, makeUser } from "../support/site-fixtures";

const db = testDb();
afterAll(() => db.$disconnect());

const BROWSER =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const WECHAT =
  "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.40";

let columnId: string;
let authorId: string;
beforeAll(async () => {
  authorId = (await makeUser(db, [{ role: "EDITOR" }])).id;
  columnId = (await makeColumn(db, "要闻")).id;
});

const liveArticle = () => makeArticle(db, { columnId, authorId, publishedAt: new Date("2026-01-01T00:00:00Z") });

async function viewsOn(articleId: string, day: Date) {
  const row = await db.articleViewDaily.findUnique({
    where: { articleId_day: { articleId, day: new Date(`${formatDate(day)}T00:00:00Z`) } },
  });
  return row?.views ?? 0;
}

/** A counter whose clock the test moves. */
function clockedCounter(start: Date) {
  let now = start.getTime();
  const counter = new ViewCounter(() => new Date(now));
  return { counter, advance: (ms: number) => (now += ms), at: () => new Date(now) };
}

describe("bot detection", () => {
  it.each([
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
    "Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com)",
    "curl/8.5.0",
    "python-requests/2.31",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
    "",
  ])("treats %j as a bot", (agent) => expect(isBot(agent)).toBe(true));

  it.each([BROWSER, WECHAT])("treats %j as a reader", (agent) => expect(isBot(agent)).toBe(false));
});

describe("counting views", () => {
  it("counts repeated hits from one client within 30 minutes once, and again after", async () => {
    const article = await liveArticle();
    const { counter, advance, at } = clockedCounter(new Date("2026-03-02T02:00:00Z"));
    const hit = { articleId: article.id, ip: "203.0.113.7", userAgent: BROWSER };
    expect(await counter.record(db, hit)).toBe("counted");
    advance(60_000);
    expect(await counter.record(db, hit)).toBe("duplicate");
    advance(DEDUPE_WINDOW_MS - 120_000);
    expect(await counter.record(db, hit)).toBe("duplicate");
    // Another client, and the same client on another article, count.
    expect(await counter.record(db, { ...hit, ip: "203.0.113.8" })).toBe("counted");
    expect(await viewsOn(article.id, at())).toBe(2);
    advance(120_000);
    expect(await counter.record(db, hit)).toBe("counted");
    expect(await viewsOn(article.id, at())).toBe(3);
  });

  it("does not count bots, prefetches, unpublished or withdrawn articles", async () => {
    const article = await liveArticle();
    const draft = await makeArticle(db, { columnId, authorId });
    const withdrawn = await makeArticle(db, {
      columnId,
      authorId,
      publishedAt: new Date("2026-01-01T00:00:00Z"),
      withdrawnAt: new Date("2026-02-01T00:00:00Z"),
    });
    const { counter, at } = clockedCounter(new Date("2026-03-03T02:00:00Z"));
    expect(await counter.record(db, { articleId: article.id, ip: "198.51.100.1", userAgent: "Baiduspider" })).toBe(
      "bot",
    );
    expect(
      await counter.record(db, { articleId: article.id, ip: "198.51.100.2", userAgent: BROWSER, prefetch: true }),
    ).toBe("bot");
    expect(await counter.record(db, { articleId: draft.id, ip: "198.51.100.3", userAgent: BROWSER })).toBe("not-live");
    expect(await counter.record(db, { articleId: withdrawn.id, ip: "198.51.100.3", userAgent: BROWSER })).toBe(
      "not-live",
    );
    expect(
      await db.articleViewDaily.count({ where: { articleId: { in: [article.id, draft.id, withdrawn.id] } } }),
    ).toBe(0);
    expect(await viewsOn(article.id, at())).toBe(0);
  });

  it("aggregates 50 concurrent hits from different readers exactly, and 50 from one reader as one", async () => {
    const article = await liveArticle();
    const other = await liveArticle();
    const { counter, at } = clockedCounter(new Date("2026-03-04T02:00:00Z"));
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        counter.record(db, { articleId: article.id, ip: `10.0.${Math.floor(i / 250)}.${i % 250}`, userAgent: WECHAT }),
      ),
    );
    expect(outcomes.every((outcome) => outcome === "counted")).toBe(true);
    expect(await viewsOn(article.id, at())).toBe(50);

    const same = await Promise.all(
      Array.from({ length: 50 }, () => counter.record(db, { articleId: other.id, ip: "10.9.9.9", userAgent: WECHAT })),
    );
    expect(same.filter((outcome) => outcome === "counted")).toHaveLength(1);
    expect(await viewsOn(other.id, at())).toBe(1);
    expect(await db.articleViewDaily.count({ where: { articleId: article.id } })).toBe(1);
  });

  it("keeps one row per article per day (Asia/Shanghai) and sums them", async () => {
    const article = await liveArticle();
    // 15:59 UTC is 23:59 in Shanghai; two minutes later it is the next day there.
    const { counter, advance } = clockedCounter(new Date("2026-03-05T15:59:00Z"));
    await counter.record(db, { articleId: article.id, ip: "192.0.2.1", userAgent: BROWSER });
    advance(2 * 60_000);
    // A new day brings a new salt: the same reader counts on the new day.
    expect(await counter.record(db, { articleId: article.id, ip: "192.0.2.1", userAgent: BROWSER })).toBe("counted");
    const rows = await db.articleViewDaily.findMany({ where: { articleId: article.id }, orderBy: { day: "asc" } });
    expect(rows.map((row) => [row.day.toISOString().slice(0, 10), row.views])).toEqual([
      ["2026-03-05", 1],
      ["2026-03-06", 1],
    ]);
    expect((await viewTotals(db, [article.id])).get(article.id)).toBe(2);
  });

  it("remembers hashes only, never the address", async () => {
    const { counter } = clockedCounter(new Date("2026-03-07T02:00:00Z"));
    const article = await liveArticle();
    await counter.record(db, { articleId: article.id, ip: "203.0.113.99", userAgent: BROWSER });
    expect(counter.size).toBe(1);
    expect(JSON.stringify([...(counter as unknown as { seen: Map<string, number> }).seen.keys()])).not.toContain(
      "203.0.113.99",
    );
  });
});

describe("the beacon route", () => {
  it("answers a 1×1 GIF without a cookie, counts a browser and ignores a bot", async () => {
    const { GET, POST } = await import("@/app/api/views/[articleId]/route");
    const article = await liveArticle();
    const params = Promise.resolve({ articleId: article.id });
    // As scripts/server.ts hands the request over: the socket's address in its stamped header; a
    // beacon POST comes from the site's own page.
    const request = (agent: string, ip: string, method = "GET") =>
      new Request(`http://localhost/api/views/${article.id}`, {
        method,
        headers: {
          "user-agent": agent,
          [SOCKET_ADDRESS_HEADER]: socketAddressHeaderValue(ip),
          ...(method === "POST" ? { "sec-fetch-site": "same-origin" } : {}),
        },
      });

    const response = await GET(request(BROWSER, "192.0.2.50"), { params });
    expect(response.headers.get("content-type")).toBe("image/gif");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect((await response.arrayBuffer()).byteLength).toBeLessThan(64);

    await GET(request("Baiduspider", "192.0.2.51"), { params });
    expect((await POST(request(WECHAT, "192.0.2.52", "POST"), { params })).status).toBe(204);
    await GET(request(BROWSER, "192.0.2.50"), { params });
    expect((await viewTotals(db, [article.id])).get(article.id)).toBe(2);

    // A forged X-Forwarded-For is not a new reader; a cross-site POST is not counted.
    const forged = new Request(`http://localhost/api/views/${article.id}`, {
      headers: {
        "user-agent": BROWSER,
        [SOCKET_ADDRESS_HEADER]: socketAddressHeaderValue("192.0.2.50"),
        "x-forwarded-for": "198.51.100.77",
      },
    });
    await GET(forged, { params });
    const crossSite = new Request(`http://localhost/api/views/${article.id}`, {
      method: "POST",
      headers: {
        "user-agent": BROWSER,
        [SOCKET_ADDRESS_HEADER]: socketAddressHeaderValue("192.0.2.60"),
        origin: "https://evil.example",
      },
    });
    expect((await POST(crossSite, { params })).status).toBe(204);
    expect((await viewTotals(db, [article.id])).get(article.id)).toBe(2);

    const bad = await GET(request(BROWSER, "192.0.2.53"), { params: Promise.resolve({ articleId: "../etc" }) });
    expect(bad.status).toBe(200);
  });
});

/** The external-link checker on its own: refusals without a connection, pacing per host, HEAD then GET. */
import { externalLinkChecker } from "@/lib/inspection/external-links";
import { answering, loopbackServer, type LoopbackServer } from "../support/loopback-servers";

let server: LoopbackServer;
let headRefused: LoopbackServer;
let cookieJar: LoopbackServer;
let slow: LoopbackServer;
/** Requests the slow server is answering at this moment, and the most it ever had at once. */
let inFlight = 0;
let mostAtOnce = 0;
/** The Cookie header of each request the cookie-setting server received ("" when none). */
const cookies: string[] = [];
/** When the server received each request. */
const times: number[] = [];

beforeAll(async () => {
  server = await loopbackServer((request, response) => {
    times.push(Date.now());
    answering(200)(request, response);
  });
  headRefused = await loopbackServer((request, response) =>
    answering(request.method === "HEAD" ? 405 : 200)(request, response),
  );
  slow = await loopbackServer((request, response) => {
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      answering(200)(request, response);
    }, 100);
  });
  // Sets a cookie on every answer and redirects once: a client that keeps cookies would send it back.
  cookieJar = await loopbackServer((request, response) => {
    cookies.push(request.headers.cookie ?? "");
    if (request.url === "/login") {
      response.writeHead(302, { location: "/home", "set-cookie": "session=secret; Path=/" });
      return response.end();
    }
    response.writeHead(404, { "set-cookie": "tracking=1; Path=/" });
    response.end();
  });
});

afterAll(async () => {
  await Promise.all([server.close(), headRefused.close(), cookieJar.close(), slow.close()]);
});

describe("external links", () => {
  it("refuses literal private addresses and other schemes without connecting", async () => {
    const checker = externalLinkChecker({ timeoutMs: 500 });
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:9/",
      "http://0x7f000001/",
      `${server.url}/`,
    ]) {
      expect(await checker.check(url)).toMatchObject({ ok: false, reason: "refused" });
    }
    expect(await checker.check("ftp://example.org/file")).toMatchObject({ ok: false, reason: "protocol" });
    expect(server.requests).toEqual([]);
  });

  it("pauses between two requests to the same host, and runs a bounded number at once", async () => {
    const checker = externalLinkChecker({
      allowPrivate: [`127.0.0.1:${server.port}`],
      perHostIntervalMs: 300,
      concurrency: 4,
    });
    const started = Date.now();
    const results = await checker.checkAll([`${server.url}/a`, `${server.url}/b`, `${server.url}/c`]);
    expect(results).toEqual([
      { ok: true, status: 200 },
      { ok: true, status: 200 },
      { ok: true, status: 200 },
    ]);
    expect(times).toHaveLength(3);
    // Four workers, one host: the third request cannot start before two pauses have passed.
    expect(times[2] - started).toBeGreaterThanOrEqual(600);
  });

  it("never has more than `concurrency` requests going at once", async () => {
    const checker = externalLinkChecker({
      allowPrivate: [`127.0.0.1:${slow.port}`],
      perHostIntervalMs: 0,
      concurrency: 2,
    });
    const urls = Array.from({ length: 6 }, (_, index) => `${slow.url}/page-${index}`);
    expect((await checker.checkAll(urls)).every((result) => result?.ok)).toBe(true);
    expect(slow.requests).toHaveLength(6);
    expect(mostAtOnce).toBeLessThanOrEqual(2);
  });

  it("falls back to GET when a server refuses HEAD, and stops starting checks after the deadline", async () => {
    const checker = externalLinkChecker({ allowPrivate: [`127.0.0.1:${headRefused.port}`], perHostIntervalMs: 0 });
    expect(await checker.check(`${headRefused.url}/page`)).toEqual({ ok: true, status: 200 });
    expect(headRefused.requests).toEqual(["HEAD /page", "GET /page"]);
    expect(await checker.checkAll([`${headRefused.url}/late`], undefined, Date.now() - 1)).toEqual([null]);
  });

  it("never sends a cookie, not after a server set one on a redirect nor on the GET after a HEAD", async () => {
    const checker = externalLinkChecker({ allowPrivate: [`127.0.0.1:${cookieJar.port}`], perHostIntervalMs: 0 });
    expect(await checker.check(`${cookieJar.url}/login`)).toEqual({ ok: false, reason: "status", status: 404 });
    expect(cookieJar.requests).toEqual(["HEAD /login", "HEAD /home", "GET /login", "GET /home"]);
    expect(cookies).toEqual(["", "", "", ""]);
  });
});

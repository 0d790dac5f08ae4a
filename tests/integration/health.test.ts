import { startApp, type RunningApp } from "../support/app-server";
import { freePort } from "../../scripts/lib/free-port";

const METRICS_TOKEN = "metrics-token-for-the-test-0001";

describe("GET /api/health", () => {
  let app: RunningApp;
  let deadDatabaseApp: RunningApp;

  beforeAll(async () => {
    // Nothing listens on this port, so that app's database is "down".
    const closedPort = await freePort();
    [app, deadDatabaseApp] = await Promise.all([
      startApp({ env: { METRICS_TOKEN } }),
      startApp({ databaseUrl: `postgresql://postgres:x@127.0.0.1:${closedPort}/postgres` }),
    ]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([app?.stop(), deadDatabaseApp?.stop()]);
  });

  it("answers 200 with the database status when the database is up", async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    await expect(response.json()).resolves.toMatchObject({
      status: "ok",
      database: "up",
      jobs: { due: 0, failed: 0 },
      storage: { kind: "disk", ok: true },
    });
  });

  it("logs each request as one JSON line with its id, status, duration and outcome", async () => {
    const response = await fetch(`${app.url}/api/health?probe=1`, { headers: { "x-request-id": "health-probe-0001" } });
    expect(response.headers.get("x-request-id")).toBe("health-probe-0001");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = app
      .output()
      .split("\n")
      .filter((text) => text.startsWith("{"))
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.requestId === "health-probe-0001");
    expect(line).toMatchObject({
      type: "request",
      method: "GET",
      path: "/api/health",
      status: 200,
      outcome: "ok",
      userId: null,
    });
    expect(line?.durationMs).toEqual(expect.any(Number));
  });

  it("serves Prometheus metrics only with the token", async () => {
    expect((await fetch(`${app.url}/api/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/api/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${deadDatabaseApp.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }))
        .status,
    ).toBe(404);
    const response = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/^cms_http_requests_total\{kind="\/api\/health",method="GET",status="2xx"\} \d+$/m);
    expect(text).toMatch(/^cms_job_backlog\{state="due"\} 0$/m);
    expect(text).toMatch(/^cms_page_cache_entries\{cache="pages"\} \d+$/m);
    expect(text).toMatch(/^cms_db_pool_connections\{state="total"\} [1-9]\d*$/m);
  });

  it("answers 503 when the database is down", async () => {
    const response = await fetch(`${deadDatabaseApp.url}/api/health`);
    expect(response.status).toBe(503);
    await expect(response.json()).resolves.toMatchObject({ status: "error", database: "down" });
  });
});

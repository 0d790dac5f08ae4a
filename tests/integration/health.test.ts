import { startApp, type RunningApp } from "../support/app-server";
import { freePort } from "../../scripts/lib/free-port";

describe("GET /api/health", () => {
  let app: RunningApp;
  let deadDatabaseApp: RunningApp;

  beforeAll(async () => {
    // Nothing listens on this port, so that app's database is "down".
    const closedPort = await freePort();
    [app, deadDatabaseApp] = await Promise.all([
      startApp(),
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
    await expect(response.json()).resolves.toMatchObject({ status: "ok", database: "up" });
  });

  it("answers 503 when the database is down", async () => {
    const response = await fetch(`${deadDatabaseApp.url}/api/health`);
    expect(response.status).toBe(503);
    await expect(response.json()).resolves.toMatchObject({ status: "error", database: "down" });
  });
});

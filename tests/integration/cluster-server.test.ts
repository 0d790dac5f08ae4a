import { createServer, get, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runServer } from "../../scripts/lib/build";
import { freePort } from "../../scripts/lib/free-port";
import { startApp, type RunningApp } from "../support/app-server";

/**
 * WEB_CONCURRENCY=2: scripts/server.ts as a node:cluster primary with two workers on one port
 * (scripts/lib/cluster-primary.ts), the production build, as `npm start` runs it.
 */

const TOKEN = "cluster-metrics-token-0123456789";

/** One request on a connection of its own: the primary hands each new connection to the next worker. */
function fetchFresh(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

async function until(probe: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const workerPids = (output: string) =>
  [...output.matchAll(/\[server\] listening on \S+ \(pid (\d+)\)/g)].map((match) => Number(match[1]));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("cluster mode (WEB_CONCURRENCY=2)", () => {
  let app: RunningApp | undefined;

  beforeAll(async () => {
    app = await startApp({ env: { WEB_CONCURRENCY: "2", METRICS_TOKEN: TOKEN } });
    await until(() => app!.output().includes("2 workers listening"), 60_000, "both workers");
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  const healthCount = async (): Promise<number> => {
    const { status, body } = await fetchFresh(`${app!.url}/api/metrics`, { authorization: `Bearer ${TOKEN}` });
    expect(status).toBe(200);
    const line = /^cms_http_requests_total\{kind="\/api\/health",method="GET",status="2xx"\} (\d+)$/m.exec(body);
    return Number(line?.[1] ?? 0);
  };

  it("runs two workers, each a whole server, on the one port", async () => {
    const pids = workerPids(app!.output());
    expect(new Set(pids).size).toBe(2);
    expect(pids.every(alive)).toBe(true);
    for (let index = 0; index < 4; index++) expect((await fetchFresh(`${app!.url}/`)).status).toBe(200);
  });

  it("adds up every worker's requests in /api/metrics, whichever worker answers the scrape", async () => {
    const before = [await healthCount(), await healthCount()];
    expect(before[1]).toBe(before[0]);
    for (let index = 0; index < 20; index++) expect((await fetchFresh(`${app!.url}/api/health`)).status).toBe(200);
    // Two scrapes on fresh connections land on different workers: each must count all twenty.
    expect([await healthCount(), await healthCount()]).toEqual([before[0] + 20, before[0] + 20]);
  });

  it("replaces a worker killed with SIGKILL, and the site answers meanwhile", async () => {
    const [victim, survivor] = workerPids(app!.output());
    process.kill(victim, "SIGKILL");
    await until(() => !alive(victim), 10_000, "the worker's death");
    await until(
      async () => {
        expect((await fetchFresh(`${app!.url}/`)).status).toBe(200);
        return workerPids(app!.output()).length === 3;
      },
      60_000,
      "a new worker",
    );
    expect(app!.output()).toContain(`worker ${victim} died (signal SIGKILL); starting another`);
    const replacement = workerPids(app!.output())[2];
    expect(alive(replacement) && alive(survivor)).toBe(true);
    expect(await healthCount()).toBe(await healthCount());
  }, 90_000);

  it("stops every worker with the server", async () => {
    const pids = workerPids(app!.output());
    await app!.stop();
    app = undefined;
    await until(() => !pids.some(alive), 20_000, "every worker stopped");
  }, 30_000);
});

describe("cluster mode on a port another program holds", () => {
  let holder: Server;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "cms-cluster-busy-"));
    holder = createServer((_request, response) => response.end("someone else"));
  });

  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("exits 1 saying the port is taken, with no worker left behind", async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    const server = runServer(
      port,
      "127.0.0.1",
      {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        SITE_URL: `http://127.0.0.1:${port}`,
        DATA_DIR: dataDir,
        WEB_CONCURRENCY: "2",
      },
      "pipe",
    );
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => server.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain(`port ${port} is in use by another program`);
    expect(output).toContain("a worker failed to start");
    expect((await fetchFresh(`http://127.0.0.1:${port}/`)).body).toBe("someone else");
  }, 120_000);
});

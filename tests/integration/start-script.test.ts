import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "../../scripts/lib/free-port";
import { ensureBuildOnce } from "../support/app-server";

/**
 * #18 findings 2, 3, 4 and 7 with the real `npm start` (scripts/start.ts), on loopback, each step
 * bounded in time. The embedded PostgreSQL runs in a temporary DATA_DIR; the build is the one the
 * browser tests use (made when missing).
 */

const ROOT = process.cwd();

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment of a fresh shell: no database, secret or port from the test's own environment. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    "DATABASE_URL",
    "MIGRATION_DATABASE_URL",
    "AUTH_SECRET",
    "PORT",
    "SITE_URL",
    "NODE_ENV",
    "UPLOAD_DIR",
    "STATIC_DIR",
  ])
    delete env[key];
  return { ...env, HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms. Output:\n${output()}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitForOutput(target: Run, pattern: RegExp, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(target.output())) {
    if (target.child.exitCode !== null || target.child.signalCode !== null)
      throw new Error(`exited before ${pattern}:\n${target.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms:\n${target.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const NO_STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe("npm start on a port another program holds", () => {
  let other: Server;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    // Answers everything with 200, /api/health included: the old start took it for its own server.
    other = createServer((_, response) => response.end("ok"));
    await new Promise<void>((resolve) => other.listen(port, "127.0.0.1", resolve));
  });

  afterAll(() => new Promise((resolve) => other.close(resolve)));

  it("refuses at once, saying so, instead of reporting success", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "cms-start-busy-"));
    try {
      const start = run(
        "scripts/start.ts",
        [],
        cleanEnv({ DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: process.env.DATABASE_URL ?? "" }),
      );
      const { code } = await within(start.exited, 30_000, "exit", start.output);
      expect(code).toBe(1);
      expect(start.output()).toContain(`端口 ${port} 已被其他程序占用`);
      expect(start.output()).toContain(`port ${port} is already in use`);
      expect(start.output()).not.toContain("网站已启动");
      expect(start.output()).not.toMatch(NO_STACK);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("npm start on the embedded PostgreSQL", () => {
  let dataDir: string;
  let first: Run;
  let port: number;

  beforeAll(async () => {
    // Built under the tests' build lock first: `npm start` would otherwise build beside another test's build.
    await ensureBuildOnce();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "cms-start-"));
    port = await freePort();
    first = run("scripts/start.ts", [], cleanEnv({ DATA_DIR: dataDir, PORT: String(port) }));
    await waitForOutput(first, /网站已启动/, 600_000);
  }, 620_000);

  afterAll(async () => {
    if (first.child.exitCode === null && first.child.signalCode === null) {
      first.child.kill("SIGINT");
      await within(first.exited, 60_000, "stop", first.output).catch(() => first.child.kill("SIGKILL"));
    }
    // mkdtemp's folder is 0700, as root's home is: the cluster was placed outside it (see
    // scripts/lib/embedded-postgres.ts), so it is removed from there too.
    const saved = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")) as {
      clusterDir?: string;
    };
    if (saved.clusterDir) await rm(path.dirname(saved.clusterDir), { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }, 90_000);

  it("runs the app as a database role that owns nothing, the migrations having run as the owner", async () => {
    const saved = JSON.parse(await readFile(path.join(dataDir, "embedded-postgres.json"), "utf8")) as {
      port: number;
      password: string;
    };
    const admin = new Client({
      connectionString: `postgresql://postgres:${encodeURIComponent(saved.password)}@127.0.0.1:${saved.port}/postgres`,
    });
    await admin.connect();
    try {
      // The health check has connected by now; its connections are the app's.
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
      const { rows } = await admin.query<{ usename: string }>(
        "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'postgres' AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
      );
      expect(rows.map((row) => row.usename)).toEqual(["cms_app"]);
      const { rows: owners } = await admin.query<{ owner: string }>(
        `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(owners).toEqual([{ owner: "postgres" }]);
    } finally {
      await admin.end();
    }
  });

  it("keeps PostgreSQL's own log under DATA_DIR", () => {
    expect(readFileSync(path.join(dataDir, "logs", "postgresql.log"), "utf8")).toMatch(
      /database system is ready to accept connections/,
    );
  });

  it("as root in a private (0700) DATA_DIR, runs the cluster where the postgres user can reach it", () => {
    const saved = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")) as {
      clusterDir?: string;
    };
    if (process.getuid?.() === 0)
      expect(saved.clusterDir).toMatch(/^\/var\/lib\/xuanchuan-cms\/clusters\/[0-9a-f]+\/pg$/);
    else expect(saved.clusterDir).toBeUndefined();
  });

  it("lets a second start on the same data directory fail at once, naming the process that holds it", async () => {
    const savedBefore = readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8");
    const second = run("scripts/start.ts", [], cleanEnv({ DATA_DIR: dataDir, PORT: String(await freePort()) }));
    const { code } = await within(second.exited, 30_000, "exit", second.output);
    expect(code).toBe(1);
    expect(second.output()).toContain(`正被进程 ${first.child.pid}`);
    expect(second.output()).toContain(`in use by process ${first.child.pid} (npm start`);
    expect(second.output()).not.toContain("undefined");
    expect(second.output()).not.toMatch(NO_STACK);
    expect(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")).toBe(savedBefore);
  });

  it("lets publish:static and verify:static find the database and the secret in DATA_DIR", async () => {
    const env = cleanEnv({ DATA_DIR: dataDir });
    const publish = run("scripts/publish-static.ts", ["publish"], {
      ...env,
      NODE_OPTIONS: "--conditions=react-server",
    });
    expect(await within(publish.exited, 120_000, "publish:static", publish.output)).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, "static", ".cms-manifest.json"))).toBe(true);
    const verify = run("scripts/publish-static.ts", ["verify"], { ...env, NODE_OPTIONS: "--conditions=react-server" });
    expect(await within(verify.exited, 60_000, "verify:static", verify.output)).toEqual({ code: 0, signal: null });
    expect(verify.output()).toContain("all files match");
  }, 200_000);

  it("exits with the reason, stopping PostgreSQL and freeing the data directory, when its server is killed", async () => {
    const children = readFileSync(`/proc/${first.child.pid}/task/${first.child.pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    const server = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server.ts"));
    expect(server).toBeDefined();
    process.kill(server as number, "SIGKILL");
    const { code } = await within(first.exited, 60_000, "exit after the server was killed", first.output);
    expect(code).toBe(1);
    expect(first.output()).toContain("SIGKILL");
    expect(first.output()).not.toMatch(NO_STACK);
    const { port: pgPort } = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")) as {
      port: number;
    };
    const probe = new Client({
      host: "127.0.0.1",
      port: pgPort,
      user: "postgres",
      database: "postgres",
      connectionTimeoutMillis: 2000,
    });
    await expect(probe.connect()).rejects.toThrow(/ECONNREFUSED/);
    expect(existsSync(path.join(dataDir, "cms.lock"))).toBe(false);
  }, 90_000);

  it("starts again after npm start itself was killed with -9: its server goes, its lock and PostgreSQL are taken over", async () => {
    const killed = run("scripts/start.ts", [], cleanEnv({ DATA_DIR: dataDir, PORT: String(port) }));
    await waitForOutput(killed, /网站已启动/, 300_000);
    const [server] = readFileSync(`/proc/${killed.child.pid}/task/${killed.child.pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .map(Number)
      .filter((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server.ts"));
    killed.child.kill("SIGKILL");
    await killed.exited;
    // The orphaned server notices its parent is gone and frees the port.
    const gone = async () => {
      try {
        process.kill(server, 0);
        return false;
      } catch {
        return true;
      }
    };
    const deadline = Date.now() + 30_000;
    while (!(await gone())) {
      if (Date.now() > deadline) throw new Error("the orphaned server is still running");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(existsSync(path.join(dataDir, "cms.lock"))).toBe(true); // stale: its pid is gone

    const again = run("scripts/start.ts", [], cleanEnv({ DATA_DIR: dataDir, PORT: String(port) }));
    await waitForOutput(again, /网站已启动/, 300_000);
    again.child.kill("SIGINT");
    expect(await within(again.exited, 60_000, "stop", again.output)).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, "cms.lock"))).toBe(false);
  }, 400_000);
});

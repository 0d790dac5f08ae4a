import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RotatingLog } from "../../scripts/lib/rotating-log";

/** #18 finding 9: PostgreSQL's own log is kept under DATA_DIR, rotated by size, a fixed number kept. */
describe("RotatingLog", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "cms-log-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends, rotates past the size limit, keeps the newest generations and drops the oldest", () => {
    const file = path.join(dir, "logs", "postgresql.log");
    const log = new RotatingLog(file, 100, 2);
    for (let i = 0; i < 10; i++) log.write(`line ${i} ${"x".repeat(40)}\n`);
    log.close();
    const current = readFileSync(file, "utf8");
    expect(current).toContain("line 9");
    expect(readFileSync(`${file}.1`, "utf8")).toContain("line 7");
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    for (const name of [file, `${file}.1`, `${file}.2`]) expect(statSync(name).size).toBeLessThanOrEqual(100);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("continues an existing file after a restart instead of truncating it", () => {
    const file = path.join(dir, "postgresql.log");
    const first = new RotatingLog(file);
    first.write("before restart\n");
    first.close();
    const second = new RotatingLog(file);
    second.write("after restart\n");
    second.close();
    expect(readFileSync(file, "utf8")).toBe("before restart\nafter restart\n");
  });
});

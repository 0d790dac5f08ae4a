import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ASK_TIMEOUT_MS } from "@/lib/observability/sibling-workers";

/**
 * WEB_CONCURRENCY > 1 (scripts/server.ts): a publication handled by one worker must be gone from every
 * sibling's page cache before that worker answers, and /api/metrics must add up all workers. Real
 * node:cluster processes (tests/fixtures/cluster/siblings.ts) with the real relay, caches and snapshots.
 */

const run = promisify(execFile);
const fixture = path.join(__dirname, "..", "fixtures", "cluster", "siblings.ts");
const tsx = path.join(__dirname, "..", "..", "node_modules", ".bin", "tsx");

interface Result {
  before: number[];
  after: number[];
  own: number;
  waitedMs: number;
}

async function cluster(...args: string[]): Promise<Result> {
  const { stdout } = await run(tsx, [fixture, ...args], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as Result;
}

describe("sibling workers in cluster mode", () => {
  it("evicts a page from every sibling before the eviction resolves, and only pages with the tag", async () => {
    const result = await cluster("3");
    expect(result.before).toEqual([2, 2]);
    expect(result.after).toEqual([1, 1]);
    expect(result.own).toBe(1);
  });

  it("does not wait for ever on a worker that never answers, and the others are still evicted", async () => {
    const result = await cluster("3", "hang");
    expect(result.after.sort()).toEqual([1, 2]);
    expect(result.waitedMs).toBeGreaterThanOrEqual(ASK_TIMEOUT_MS - 50);
    expect(result.waitedMs).toBeLessThan(ASK_TIMEOUT_MS * 2);
  });

  it("answers at once, with no siblings, outside cluster mode", async () => {
    const { askSiblings } = await import("@/lib/observability/sibling-workers");
    await expect(askSiblings("metrics")).resolves.toEqual([]);
  });
});

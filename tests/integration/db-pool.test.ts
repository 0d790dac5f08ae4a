import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { cliAdapter } from "@/lib/db-pool";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createUser, testDb } from "../support/factories";

/**
 * Prisma 7's interpreter loads sibling relations concurrently on a transaction's one connection
 * (prisma/orm#29407); pg 8.20+ warns on each overlapping query and pg 9 will refuse it. Every Prisma
 * client of the app and its CLIs goes through lib/db-pool.ts, which runs a connection's queries in turn.
 */

interface Probe {
  overlaps: number;
  queries: number;
}

/** Counts the queries pg itself receives while another is still running or queued on that connection. */
function probeOverlaps(): { probe: Probe; restore: () => void } {
  const probe: Probe = { overlaps: 0, queries: 0 };
  const original = Client.prototype.query;
  const patched = function (this: Client & { _activeQuery?: unknown; _queryQueue: unknown[] }, ...args: unknown[]) {
    probe.queries++;
    if (this._activeQuery || this._queryQueue.length > 0) probe.overlaps++;
    return (original as (...args: unknown[]) => unknown).apply(this, args);
  };
  Client.prototype.query = patched as typeof original;
  return { probe, restore: () => void (Client.prototype.query = original) };
}

async function siblingRelationsInTransactions(db: PrismaClient, userId: string): Promise<number> {
  let found = 0;
  for (let round = 0; round < 5; round++) {
    await db.$transaction(async (tx) => {
      const user = await tx.user.findUniqueOrThrow({
        where: { id: userId },
        include: { roles: true, passwordHistory: true, sessions: true },
      });
      // Our own code may also ask for several things at once inside a transaction.
      const [roles, histories] = await Promise.all([
        tx.userRole.count({ where: { userId } }),
        tx.passwordHistory.count({ where: { userId } }),
      ]);
      found += user.roles.length + roles + histories;
    });
  }
  return found;
}

describe("the Prisma clients' database pools", () => {
  const setup = testDb();
  let userId: string;

  beforeAll(async () => {
    userId = (await createUser(setup, [{ role: "EDITOR" }], { username: "pool.probe", secondFactor: false })).id;
    await setup.passwordHistory.create({ data: { userId, passwordHash: "x" } });
  });

  afterAll(async () => {
    await setup.$disconnect();
  });

  it("never hands pg a query while another runs on the same connection, and returns the same rows", async () => {
    const db = new PrismaClient({ adapter: cliAdapter(process.env.DATABASE_URL ?? "") });
    const { probe, restore } = probeOverlaps();
    try {
      const found = await siblingRelationsInTransactions(db, userId);
      expect(found).toBe(5 * (1 + 1 + (await setup.passwordHistory.count({ where: { userId } }))));
      expect(probe.queries).toBeGreaterThan(20);
      expect(probe.overlaps).toBe(0);
    } finally {
      restore();
      await db.$disconnect();
    }
  });

  it("goes on after a failed query on the connection (the chain does not stop at an error)", async () => {
    const db = new PrismaClient({ adapter: cliAdapter(process.env.DATABASE_URL ?? "") });
    try {
      await expect(
        db.$transaction(async (tx) => {
          await Promise.all([tx.$queryRaw`SELECT 1`, tx.$queryRaw`SELECT 1/0`, tx.$queryRaw`SELECT 2`]);
        }),
      ).rejects.toThrow();
      await expect(db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });

  // When this fails after a Prisma upgrade, the adapter serialises by itself and lib/db-pool.ts can go.
  it("is needed: Prisma's adapter over a plain pool does overlap", async () => {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "" }) });
    const { probe, restore } = probeOverlaps();
    try {
      await siblingRelationsInTransactions(db, userId);
      expect(probe.overlaps).toBeGreaterThan(0);
    } finally {
      restore();
      await db.$disconnect();
    }
  });
});

/**
 * `npm run bench:audit`: appends 100,000 audit events to a scratch database and times a full
 * verification of the chain (target: < 5 s). The events are hashed exactly as appendAuditEvent
 * hashes them (HMAC-SHA256 with the audit key), then bulk-inserted (through the head trigger) to keep
 * the set-up short.
 */
import { Client } from "pg";
import { auditEventHash, GENESIS_HASH } from "../../lib/audit/append";
import { auditKey } from "../../lib/audit/key";
import { verifyAuditChain } from "../../lib/audit/verify";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { cliAdapter } from "../../lib/db-pool";

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000);
const INSERT_BATCH = 10_000;
const TARGET_MS = 5_000;

async function insertChain(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    let prevHash = GENESIS_HASH;
    const keyId = auditKey().id;
    const start = Date.now() - EVENTS;
    for (let offset = 0; offset < EVENTS; offset += INSERT_BATCH) {
      const columns = {
        at: [] as string[],
        action: [] as string[],
        target: [] as string[],
        data: [] as string[],
        prevHash: [] as string[],
        hash: [] as string[],
      };
      for (let i = offset; i < Math.min(EVENTS, offset + INSERT_BATCH); i += 1) {
        const event = {
          at: new Date(start + i),
          actorId: null,
          action: i % 3 === 0 ? "article.publish" : "user.update",
          target: `article:${i}`,
          data: { i, title: `第 ${i} 篇稿件`, before: { status: "APPROVED" }, after: { status: "PUBLISHED" } },
          keyId,
        };
        const hash = auditEventHash(prevHash, event);
        columns.at.push(event.at.toISOString());
        columns.action.push(event.action);
        columns.target.push(event.target);
        columns.data.push(JSON.stringify(event.data));
        columns.prevHash.push(prevHash);
        columns.hash.push(hash);
        prevHash = hash;
      }
      await client.query(
        `INSERT INTO "AuditEvent" ("at", "action", "target", "data", "prevHash", "hash", "keyId")
         SELECT at, action, target, data, prev, hash, $7
           FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[])
                WITH ORDINALITY AS e(at, action, target, data, prev, hash, n)
          ORDER BY n`,
        [columns.at, columns.action, columns.target, columns.data, columns.prevHash, columns.hash, keyId],
      );
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase("bench_audit");
  // The shared configuration must parse (lib/audit/key.ts reads it); a scratch key for the run.
  process.env.DATABASE_URL = scratch.url;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  process.env.AUDIT_HMAC_KEY ??= "bench-audit-key-bench-audit-key-0000000";
  try {
    const setup = Date.now();
    await insertChain(scratch.url);
    console.log(`inserted ${EVENTS.toLocaleString("en")} events in ${Date.now() - setup} ms`);
    const db = new PrismaClient({ adapter: cliAdapter(scratch.url) });
    try {
      const runs: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        const result = await verifyAuditChain(db);
        runs.push(performance.now() - started);
        if (!result.ok || result.count !== EVENTS)
          throw new Error(
            `verification failed: ${JSON.stringify(result, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))}`,
          );
      }
      const best = Math.min(...runs);
      console.log(
        `audit verify: ${EVENTS.toLocaleString("en")} events, runs ${runs.map((ms) => ms.toFixed(0)).join(" / ")} ms, best ${best.toFixed(0)} ms (${((EVENTS / best) * 1000).toFixed(0)} events/s) — target < ${TARGET_MS} ms: ${best < TARGET_MS ? "OK" : "TOO SLOW"}`,
      );
      recordResult({
        issue: 5,
        name: `audit verification of ${EVENTS.toLocaleString("en")} events`,
        value: `${(best / 1000).toFixed(2)} s`,
        target: `< ${TARGET_MS / 1000} s`,
        pass: best < TARGET_MS,
      });
    } finally {
      await db.$disconnect();
    }
  } finally {
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

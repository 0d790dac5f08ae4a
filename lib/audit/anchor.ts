import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { timingSafeEqual } from "node:crypto";
import { canonicalJson } from "@/lib/hash";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditKey, hmacHex } from "./key";
import { verifyAuditChain, type ChainAnchor, type VerifyResult } from "./verify";

/**
 * The chain head anchored OUTSIDE the database: a small JSON file in DATA_DIR with the newest
 * verified event's id, hash and position and the time it was written, MACed with the audit key.
 * Deleting the newest events and rewinding AuditChainHead leaves a chain that is internally
 * consistent; it no longer reaches the anchored event, so 校验 fails ("anchor").
 *
 * Written after every successful 校验 and every ANCHOR_INTERVAL_MS by each server instance
 * (`startAuditAnchoring`, which only moves the anchor forward when the database still holds the
 * anchored event unchanged). The auditor downloads it from the audit page to keep a copy elsewhere;
 * backups should include `auditAnchorPath()` (and the audit key). One file per database name, so
 * one DATA_DIR serving several databases (the tests) keeps their anchors apart.
 */

export const ANCHOR_INTERVAL_MS = 10 * 60_000;

export interface AuditAnchor extends ChainAnchor {
  database: string;
  at: Date;
  keyId: string;
}

interface AnchorFile {
  version: 1;
  database: string;
  lastId: string;
  lastHash: string;
  count: string;
  at: string;
  keyId: string;
  mac: string;
}

/** A client or a transaction: anchoring reads the chain and the database's name. */
export type AnchorDb = Pick<PrismaClient, "$queryRaw" | "auditEvent" | "auditChainHead">;

async function databaseName(db: Pick<PrismaClient, "$queryRaw">): Promise<string> {
  const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  return row.name;
}

/** Where the anchor of this database lives (for the download and for backups). */
export async function auditAnchorPath(db: Pick<PrismaClient, "$queryRaw">): Promise<string> {
  const name = (await databaseName(db)).replace(/[^A-Za-z0-9_.-]/g, "_");
  return path.resolve(env().DATA_DIR, `audit-anchor.${name}.json`);
}

function macOf(file: Omit<AnchorFile, "mac">): string {
  return hmacHex(auditKey(), canonicalJson({ ...file }));
}

export class AuditAnchorInvalidError extends Error {
  constructor(readonly file: string) {
    super(`the audit anchor ${file} is unreadable or its MAC does not match`);
  }
}

/** The anchor, or null when none was written yet; AuditAnchorInvalidError when the file was altered. */
export async function readAuditAnchor(db: AnchorDb): Promise<AuditAnchor | null> {
  const file = await auditAnchorPath(db);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: AnchorFile;
  try {
    parsed = JSON.parse(text) as AnchorFile;
  } catch {
    throw new AuditAnchorInvalidError(file);
  }
  const { mac, ...fields } = parsed;
  const expected = Buffer.from(macOf(fields));
  const given = Buffer.from(String(mac ?? ""));
  if (parsed.version !== 1 || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AuditAnchorInvalidError(file);
  return {
    database: parsed.database,
    lastId: BigInt(parsed.lastId),
    lastHash: parsed.lastHash,
    count: BigInt(parsed.count),
    at: new Date(parsed.at),
    keyId: parsed.keyId,
  };
}

/** Writes the anchor atomically (a reader never sees half a file). */
export async function writeAuditAnchor(db: AnchorDb, head: ChainAnchor, now = new Date()): Promise<AuditAnchor> {
  const file = await auditAnchorPath(db);
  const fields: Omit<AnchorFile, "mac"> = {
    version: 1,
    database: await databaseName(db),
    lastId: String(head.lastId),
    lastHash: head.lastHash,
    count: String(head.count),
    at: now.toISOString(),
    keyId: auditKey().id,
  };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ ...fields, mac: macOf(fields) }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return {
    database: fields.database,
    lastId: head.lastId,
    lastHash: head.lastHash,
    count: head.count,
    at: now,
    keyId: fields.keyId,
  };
}

/**
 * 校验 against the latest anchor; on success the anchor moves to the verified head. An anchor file
 * that was altered is itself a failure ("anchor"), and is left in place as evidence.
 */
export async function verifyAuditChainAnchored(
  db: AnchorDb,
): Promise<{ result: VerifyResult; anchor: AuditAnchor | null }> {
  let anchor: AuditAnchor | null;
  try {
    anchor = await readAuditAnchor(db);
  } catch (error) {
    if (!(error instanceof AuditAnchorInvalidError)) throw error;
    return { result: { ok: false, checked: 0, id: null, afterId: null, reason: "anchor" }, anchor: null };
  }
  const result = await verifyAuditChain(db, { anchor });
  if (result.ok && result.lastId !== null) {
    anchor = await writeAuditAnchor(db, {
      lastId: result.lastId,
      lastHash: result.lastHash,
      count: BigInt(result.count),
    });
  }
  return { result, anchor };
}

/**
 * The periodic anchor: cheap (no full walk), so it only moves forward from an anchor the database
 * still agrees with — the anchored event unchanged at its position, and the head at or past it.
 * Anything else is left for 校验 to report; the old anchor stays as the evidence. Returns whether
 * it wrote.
 */
export async function anchorAuditHead(db: AnchorDb): Promise<boolean> {
  const head = await db.auditChainHead.findUnique({
    where: { id: 1 },
    select: { lastId: true, lastHash: true, count: true },
  });
  if (!head) return false;
  let previous: AuditAnchor | null;
  try {
    previous = await readAuditAnchor(db);
  } catch (error) {
    if (error instanceof AuditAnchorInvalidError) return false;
    throw error;
  }
  if (previous) {
    if (head.lastId < previous.lastId || head.count < previous.count) return false;
    const anchored = await db.auditEvent.findUnique({ where: { id: previous.lastId }, select: { hash: true } });
    const before = await db.auditEvent.count({ where: { id: { lte: previous.lastId } } });
    if (anchored?.hash !== previous.lastHash || BigInt(before) !== previous.count) return false;
    if (head.lastId === previous.lastId) return false;
  }
  await writeAuditAnchor(db, head);
  return true;
}

const state = globalThis as unknown as { auditAnchoring?: NodeJS.Timeout };

/** Started by instrumentation.ts in every server instance. */
export function startAuditAnchoring(db: PrismaClient): void {
  if (state.auditAnchoring) return;
  state.auditAnchoring = setInterval(() => {
    anchorAuditHead(db).catch((error: unknown) => console.error("audit: anchoring failed", error));
  }, ANCHOR_INTERVAL_MS);
  state.auditAnchoring.unref();
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatDate } from "@/lib/format/date";
import { isBot } from "./bots";

/** One count per (client, article) per this window. */
export const DEDUPE_WINDOW_MS = 30 * 60 * 1000;
/** Upper bound on remembered hashes; beyond it the oldest go first (a burst must not exhaust memory). */
const MAX_ENTRIES = 200_000;

export type ViewOutcome = "counted" | "duplicate" | "bot" | "not-live";

export interface ViewHit {
  articleId: string;
  ip: string;
  userAgent: string | null;
  /** The browser says it only prefetches (Sec-Purpose / Purpose: prefetch). */
  prefetch?: boolean;
}

/**
 * Reading counts without cookies or personal data. A hit is remembered only as
 * sha256(dailySalt + ip + articleId), in this process's memory, for 30 minutes; the salt is random,
 * changes with the (Asia/Shanghai) day and is never written anywhere, so yesterday's hashes cannot be
 * linked to an address by anyone, including us. Counts go to ArticleViewDaily, one row per article
 * per day, incremented atomically in PostgreSQL. With several app instances each remembers its own
 * hits, so a reader bounced between instances may count once per instance: accepted for a counter.
 */
export class ViewCounter {
  private readonly seen = new Map<string, number>();
  private salt = { day: "", value: Buffer.alloc(0) };

  constructor(private readonly now: () => Date = () => new Date()) {}

  private dailySalt(day: string): Buffer {
    if (this.salt.day !== day) {
      // A new day: new salt, and yesterday's hashes can never match again, so drop them.
      this.salt = { day, value: randomBytes(32) };
      this.seen.clear();
    }
    return this.salt.value;
  }

  private remember(key: string, at: number): boolean {
    const until = this.seen.get(key);
    if (until !== undefined && until > at) return false;
    this.seen.delete(key);
    this.seen.set(key, at + DEDUPE_WINDOW_MS);
    if (this.seen.size > MAX_ENTRIES) this.prune(at);
    return true;
  }

  private prune(at: number): void {
    for (const [key, until] of this.seen) if (until <= at) this.seen.delete(key);
    // Still too many: Map keeps insertion order, so the first keys are the oldest.
    for (const key of this.seen.keys()) {
      if (this.seen.size <= MAX_ENTRIES) break;
      this.seen.delete(key);
    }
  }

  /** How many hashes are remembered (tests; never the hashes themselves). */
  get size(): number {
    return this.seen.size;
  }

  async record(db: Pick<PrismaClient, "$executeRaw">, hit: ViewHit): Promise<ViewOutcome> {
    if (hit.prefetch || isBot(hit.userAgent)) return "bot";
    const now = this.now();
    const day = formatDate(now);
    const key = createHash("sha256")
      .update(this.dailySalt(day))
      .update(hit.ip)
      .update("\u0000")
      .update(hit.articleId)
      .digest("base64url");
    // Remembered before the write: fifty parallel requests from one reader count once, not fifty.
    if (!this.remember(key, now.getTime())) return "duplicate";
    const inserted = await db.$executeRaw`
      INSERT INTO "ArticleViewDaily" ("articleId", "day", "views")
      SELECT a.id, ${day}::date, 1 FROM "Article" a
      WHERE a.id = ${hit.articleId}::uuid AND a."publishedRevisionId" IS NOT NULL AND a."withdrawnAt" IS NULL
      ON CONFLICT ("articleId", "day") DO UPDATE SET "views" = "ArticleViewDaily"."views" + 1`;
    return inserted > 0 ? "counted" : "not-live";
  }
}

const globalForViews = globalThis as unknown as { viewCounter?: ViewCounter };

/** The process's counter (kept on globalThis so Next's dev reloads do not reset it). */
export function viewCounter(): ViewCounter {
  globalForViews.viewCounter ??= new ViewCounter();
  return globalForViews.viewCounter;
}

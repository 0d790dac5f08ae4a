import { performance } from "node:perf_hooks";
import { attemptLogin } from "@/lib/auth/login";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * How long each kind of failed login takes, measured the way an attacker would compare them: many
 * tries, the kinds interleaved round by round (so load on the machine hits all of them alike), the
 * median of each. Used by `npm run bench:login-timing`.
 *
 * The yardstick is one argon2id verification measured in the same rounds: a path that skips the
 * hash differs by about one yardstick, database work alone by a small fraction of it.
 */

export const FAILURE_KINDS = [
  "wrongPassword",
  "lockedAccount",
  "unknownName",
  "lockedUnknownName",
  "disabledAccount",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface LoginTiming {
  rounds: number;
  /** Median milliseconds per kind. */
  medians: Record<FailureKind, number>;
  /** Median of one bare argon2id verification. */
  verifyMedian: number;
  /** Largest minus smallest median. */
  spread: number;
  /** The codes each kind answered (every round must answer alike). */
  codes: Record<FailureKind, string[]>;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function measureLoginTiming(
  db: PrismaClient,
  options: { rounds: number; prefix: string },
): Promise<LoginTiming> {
  const { rounds, prefix } = options;
  const passwordHash = await hashPassword("Timing-Real-Pass-93");
  const create = (username: string, status: "ACTIVE" | "DISABLED") =>
    db.user.create({
      data: {
        username,
        displayName: username,
        passwordHash,
        status,
        mustChangePassword: false,
        roles: { create: [{ role: "EDITOR" }] },
      },
    });
  const wrong = await create(`${prefix}.wrong`, "ACTIVE");
  const locked = await create(`${prefix}.locked`, "ACTIVE");
  const disabled = await create(`${prefix}.disabled`, "DISABLED");
  const lockedGhost = `${prefix}.ghost.locked`;
  // Lock the unknown name the way an attacker would: five failures.
  for (let i = 0; i < 5; i++) await attemptLogin(db, { username: lockedGhost, password: "x", ip: `198.18.${i}.1` });

  let ipCounter = 0;
  // Each try from its own address, so the per-IP limit never answers instead of the path under test.
  const ip = () => {
    ipCounter += 1;
    return `100.${64 + (ipCounter >> 16)}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
  };
  const samples = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, [] as number[]])) as Record<
    FailureKind,
    number[]
  >;
  const codes = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, [] as string[]])) as Record<
    FailureKind,
    string[]
  >;
  const verifySamples: number[] = [];
  const yardstick = await hashPassword("yardstick-Pass-1");

  const usernameFor = (kind: FailureKind, round: number): string => {
    switch (kind) {
      case "wrongPassword":
        return wrong.username;
      case "lockedAccount":
        return locked.username;
      case "unknownName":
        return `${prefix}.ghost.${round}`;
      case "lockedUnknownName":
        return lockedGhost;
      case "disabledAccount":
        return disabled.username;
    }
  };

  for (let round = -1; round < rounds; round++) {
    // Outside the timed part: the wrong-password and disabled accounts stay below the lock, the
    // locked one stays locked.
    await db.user.updateMany({
      where: { id: { in: [wrong.id, disabled.id] } },
      data: { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null },
    });
    await db.user.update({
      where: { id: locked.id },
      data: { failedLoginCount: 5, firstFailedLoginAt: new Date(), lockedUntil: new Date(Date.now() + 10 * 60_000) },
    });
    // A different order every round (a rotation: every kind takes every position equally often), so
    // no kind always runs first, or right after the same other kind.
    const shift = ((round % FAILURE_KINDS.length) + FAILURE_KINDS.length) % FAILURE_KINDS.length;
    const order = [...FAILURE_KINDS.slice(shift), ...FAILURE_KINDS.slice(0, shift)];
    if (Math.floor(round / FAILURE_KINDS.length) % 2 === 1) order.reverse();
    for (const kind of order) {
      const started = performance.now();
      const result = await attemptLogin(db, {
        username: usernameFor(kind, round),
        password: "Wrong-Guess-17",
        ip: ip(),
      });
      const elapsed = performance.now() - started;
      // Round -1 warms up connections and the dummy hash; it is not counted.
      if (round < 0) continue;
      samples[kind].push(elapsed);
      codes[kind].push(result.ok ? "OK" : result.code);
    }
    const started = performance.now();
    await verifyPassword(yardstick, "Wrong-Guess-17");
    if (round >= 0) verifySamples.push(performance.now() - started);
  }

  const medians = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, median(samples[kind])])) as Record<
    FailureKind,
    number
  >;
  const values = Object.values(medians);
  return {
    rounds,
    medians,
    verifyMedian: median(verifySamples),
    spread: Math.max(...values) - Math.min(...values),
    codes,
  };
}

/**
 * Account enumeration by timing: every failed login does the same work (one argon2id verification,
 * one LoginAttempt row, one audit event), so how long the answer takes says nothing about whether
 * the name exists, is locked or is disabled. A benchmark, not a stopwatch: medians of interleaved
 * tries compared with each other and with one argon2id verification measured in the same run, so a
 * loaded machine slows every kind alike.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";
import { FAILURE_KINDS, measureLoginTiming } from "../support/login-timing";

let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

describe("constant-shape login", () => {
  it("takes as long for a locked, unknown, locked-unknown or disabled name as for a wrong password", async () => {
    const timing = await measureLoginTiming(db, { rounds: 25, prefix: "timing" });
    const report = { ...timing.medians, verify: timing.verifyMedian, spread: timing.spread };

    // Every round of a kind answered alike, and the answers do not tell real names from unknown ones.
    for (const kind of FAILURE_KINDS) expect({ kind, codes: [...new Set(timing.codes[kind])] }).toEqual({ kind, codes: [timing.codes[kind][0]] });
    expect(timing.codes.lockedAccount[0]).toBe(timing.codes.lockedUnknownName[0]);
    expect(timing.codes.wrongPassword[0]).toBe(timing.codes.unknownName[0]);
    expect(timing.codes.disabledAccount[0]).toBe(timing.codes.wrongPassword[0]);

    // A path that skipped the hash would differ by about one verification (the finding: 26 ms for a
    // locked account against 105 ms for a locked unknown name). Database work alone stays far below.
    expect({ ...report, withinBound: timing.spread < timing.verifyMedian * 0.5 }).toEqual({ ...report, withinBound: true });
    // The yardstick is real: every path includes at least most of one verification.
    for (const kind of FAILURE_KINDS) expect({ kind, atLeastOneHash: timing.medians[kind] > timing.verifyMedian * 0.6 }).toEqual({ kind, atLeastOneHash: true });
  }, 240_000);
});

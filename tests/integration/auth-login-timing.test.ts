/**
 * Account enumeration by timing: every failed login does the same work (one argon2id verification,
 * one LoginAttempt row, one audit event), so how long the answer takes says nothing about whether
 * the name exists, is locked or is disabled.
 *
 * Asserted as the shape of the work, which a loaded CI machine cannot blur: argon2id verifications
 * are counted at the library boundary (the real function runs; the spy only counts), rows are counted
 * in the database. The stopwatch view of the same property is `npm run bench:login-timing`.
 */
import { attemptLogin } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";
import { FAILURE_KINDS, type FailureKind } from "../support/login-timing";

// The module object itself (an `import * as` namespace would be a copy the code under test never calls).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const argon2: typeof import("@node-rs/argon2") = require("@node-rs/argon2");

let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

describe("constant-shape login", () => {
  it("does one verification, one attempt row and one failure event for a wrong password, locked, unknown, locked-unknown or disabled name", async () => {
    const prefix = "shape";
    const passwordHash = await hashPassword("Shape-Real-Pass-93");
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
    await db.user.update({
      where: { id: locked.id },
      data: { failedLoginCount: 5, firstFailedLoginAt: new Date(), lockedUntil: new Date(Date.now() + 10 * 60_000) },
    });
    const lockedGhost = `${prefix}.ghost.locked`;
    for (let i = 0; i < 5; i++) await attemptLogin(db, { username: lockedGhost, password: "x", ip: `198.18.${i}.1` });
    // The dummy hash is made once per process; make it before counting.
    await attemptLogin(db, { username: `${prefix}.warmup`, password: "x", ip: "198.18.9.1" });

    const usernames: Record<FailureKind, string> = {
      wrongPassword: wrong.username,
      lockedAccount: locked.username,
      unknownName: `${prefix}.ghost.unknown`,
      lockedUnknownName: lockedGhost,
      disabledAccount: disabled.username,
    };
    const verify = jest.spyOn(argon2, "verify");
    const hash = jest.spyOn(argon2, "hash");
    try {
      const shapes = [];
      for (const [index, kind] of FAILURE_KINDS.entries()) {
        const username = usernames[kind];
        const ip = `100.64.7.${index + 1}`;
        const eventsBefore = await db.auditEvent.count({ where: { action: "auth.login_failed" } });
        verify.mockClear();
        hash.mockClear();
        const result = await attemptLogin(db, { username, password: "Wrong-Guess-17", ip });
        shapes.push({
          kind,
          code: result.ok ? "OK" : result.code,
          verifications: verify.mock.calls.length,
          hashes: hash.mock.calls.length,
          attemptRows: await db.loginAttempt.count({ where: { ip } }),
          failureEvents: (await db.auditEvent.count({ where: { action: "auth.login_failed" } })) - eventsBefore,
        });
      }
      const same = { verifications: 1, hashes: 0, attemptRows: 1, failureEvents: 1 };
      expect(shapes).toEqual([
        { kind: "wrongPassword", code: "INVALID", ...same },
        { kind: "lockedAccount", code: "LOCKED", ...same },
        { kind: "unknownName", code: "INVALID", ...same },
        { kind: "lockedUnknownName", code: "LOCKED", ...same },
        { kind: "disabledAccount", code: "INVALID", ...same },
      ]);
    } finally {
      verify.mockRestore();
      hash.mockRestore();
    }
  });

  it("verifies once for malformed input too (empty, over-long name or password)", async () => {
    await attemptLogin(db, { username: "shape.warm", password: "x", ip: "198.18.10.1" });
    const verify = jest.spyOn(argon2, "verify");
    try {
      const counts = [];
      for (const input of [
        { username: "", password: "x" },
        { username: "shape.any", password: "" },
        { username: "n".repeat(65), password: "x" },
        { username: "shape.any", password: "p".repeat(10_000) },
      ]) {
        verify.mockClear();
        const result = await attemptLogin(db, { ...input, ip: "198.18.10.2" });
        counts.push({ code: result.ok ? "OK" : result.code, verifications: verify.mock.calls.length });
      }
      expect(counts).toEqual(Array(4).fill({ code: "INVALID", verifications: 1 }));
    } finally {
      verify.mockRestore();
    }
  });
});

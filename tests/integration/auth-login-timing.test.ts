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
import { timeStep, totpCode } from "@/lib/auth/totp";
import { createUser, TEST_TOTP_SECRET, testDb } from "../support/factories";
import { FAILURE_KINDS, type FailureKind } from "../support/login-timing";

// The module object itself (an `import * as` namespace would be a copy the code under test never calls).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const argon2: typeof import("@node-rs/argon2") = require("@node-rs/argon2");
// The second-factor check, counted the same way at the library boundary: otpauth's code check and
// node:crypto's AES-GCM decryption of the stored key (the real functions run).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otpauth: typeof import("otpauth") = require("otpauth");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto: typeof import("node:crypto") = require("node:crypto");

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
    const codeChecks = jest.spyOn(otpauth.TOTP.prototype, "validate");
    const decryptions = jest.spyOn(crypto, "createDecipheriv");
    try {
      const shapes = [];
      for (const [index, kind] of FAILURE_KINDS.entries()) {
        const username = usernames[kind];
        const ip = `100.64.7.${index + 1}`;
        const eventsBefore = await db.auditEvent.count({ where: { action: "auth.login_failed" } });
        verify.mockClear();
        hash.mockClear();
        codeChecks.mockClear();
        decryptions.mockClear();
        const result = await attemptLogin(db, { username, password: "Wrong-Guess-17", ip });
        shapes.push({
          kind,
          code: result.ok ? "OK" : result.code,
          verifications: verify.mock.calls.length,
          hashes: hash.mock.calls.length,
          codeChecks: codeChecks.mock.calls.length,
          decryptions: decryptions.mock.calls.length,
          attemptRows: await db.loginAttempt.count({ where: { ip } }),
          failureEvents: (await db.auditEvent.count({ where: { action: "auth.login_failed" } })) - eventsBefore,
        });
      }
      const same = { verifications: 1, hashes: 0, codeChecks: 1, decryptions: 1, attemptRows: 1, failureEvents: 1 };
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
      codeChecks.mockRestore();
      decryptions.mockRestore();
    }
  });

  it("does the same work, and answers the same, when the password is right and the 动态验证码 missing, wrong or replayed", async () => {
    const passwordHash = await hashPassword("Shape-Real-Pass-93");
    const withFactor = await createUser(db, "ADMIN");
    const withoutFactor = await createUser(db, "EDITOR", { secondFactor: false });
    await db.user.updateMany({ where: { id: { in: [withFactor.id, withoutFactor.id] } }, data: { passwordHash } });
    const step = timeStep(new Date());
    const used = totpCode(TEST_TOTP_SECRET, step);
    await db.user.update({ where: { id: withFactor.id }, data: { totpLastStep: step } });
    const wrong = [-1, 0, 1].map((offset) => totpCode(TEST_TOTP_SECRET, step + offset)).includes("000000")
      ? "999999"
      : "000000";
    const cases = [
      {
        kind: "wrongPasswordRightCode",
        username: withFactor.username,
        password: "Wrong-Guess-17",
        code: totpCode(TEST_TOTP_SECRET, step + 1),
      },
      { kind: "missingCode", username: withFactor.username, password: "Shape-Real-Pass-93", code: "" },
      { kind: "wrongCode", username: withFactor.username, password: "Shape-Real-Pass-93", code: wrong },
      { kind: "replayedCode", username: withFactor.username, password: "Shape-Real-Pass-93", code: used },
      { kind: "noFactorWrongPassword", username: withoutFactor.username, password: "Wrong-Guess-17", code: "" },
    ];
    const verify = jest.spyOn(argon2, "verify");
    const hash = jest.spyOn(argon2, "hash");
    const codeChecks = jest.spyOn(otpauth.TOTP.prototype, "validate");
    const decryptions = jest.spyOn(crypto, "createDecipheriv");
    try {
      const shapes = [];
      for (const [index, { kind, ...input }] of cases.entries()) {
        const ip = `100.64.8.${index + 1}`;
        const eventsBefore = await db.auditEvent.count({ where: { action: "auth.login_failed" } });
        for (const spy of [verify, hash, codeChecks, decryptions]) spy.mockClear();
        const result = await attemptLogin(db, { ...input, ip });
        shapes.push({
          kind,
          code: result.ok ? "OK" : result.code,
          verifications: verify.mock.calls.length,
          hashes: hash.mock.calls.length,
          codeChecks: codeChecks.mock.calls.length,
          decryptions: decryptions.mock.calls.length,
          attemptRows: await db.loginAttempt.count({ where: { ip } }),
          failureEvents: (await db.auditEvent.count({ where: { action: "auth.login_failed" } })) - eventsBefore,
        });
      }
      const same = {
        code: "INVALID",
        verifications: 1,
        hashes: 0,
        codeChecks: 1,
        decryptions: 1,
        attemptRows: 1,
        failureEvents: 1,
      };
      expect(shapes).toEqual(cases.map(({ kind }) => ({ kind, ...same })));
    } finally {
      for (const spy of [verify, hash, codeChecks, decryptions]) spy.mockRestore();
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

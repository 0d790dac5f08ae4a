/**
 * `npm run bench:login-timing`: how long each kind of failed login takes — wrong password, locked account,
 * unknown name, locked unknown name, disabled account — as medians of interleaved tries on a scratch
 * database, against one argon2id verification measured in the same rounds (issue 13: a locked real
 * account answered in ~26 ms, a locked unknown name in ~105 ms). Target: the spread between the
 * kinds stays under half a verification. (tests/integration/auth-login-timing.test.ts asserts the same
 * property as the shape of the work: one verification per failure, whatever the kind.)
 */
import { PrismaClient } from "../../lib/generated/prisma/client";
import { FAILURE_KINDS, measureLoginTiming } from "../../tests/support/login-timing";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { cliAdapter } from "../../lib/db-pool";

const ROUNDS = Number(process.env.BENCH_LOGIN_ROUNDS ?? 60);

async function main(): Promise<void> {
  const scratch = await scratchDatabase("bench_login");
  const db = new PrismaClient({ adapter: cliAdapter(scratch.url) });
  try {
    const timing = await measureLoginTiming(db, { rounds: ROUNDS, prefix: "bench" });
    for (const kind of FAILURE_KINDS)
      console.log(`${kind.padEnd(18)} median ${timing.medians[kind].toFixed(1)} ms → ${timing.codes[kind][0]}`);
    const ratio = timing.spread / timing.verifyMedian;
    console.log(`argon2id verify    median ${timing.verifyMedian.toFixed(1)} ms`);
    console.log(
      `spread of medians  ${timing.spread.toFixed(1)} ms = ${ratio.toFixed(2)}× one verification (${ROUNDS} rounds) — target < 0.5×: ${ratio < 0.5 ? "OK" : "TOO WIDE"}`,
    );
    recordResult({
      issue: 13,
      name: "failed-login timing spread (5 kinds, medians)",
      value: `${timing.spread.toFixed(1)} ms (${ratio.toFixed(2)}× argon2 verify)`,
      target: "< 0.5× verify",
      pass: ratio < 0.5,
    });
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { COMMON_COUNT } from "@/lib/auth/password-strength";
import { authPolicy } from "@/lib/auth/policy";

/** The README's login, session and password figures (issue 13) are the ones the server enforces. */
describe("README: login, sessions, passwords", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Login, sessions, passwords"));
  const { lockout, ipLimit, session, password, totp } = authPolicy;

  it.each([
    [
      "lockout",
      `${lockout.maxFailures} failed logins within ${lockout.windowMinutes} minutes lock the account for ${lockout.lockMinutes} minutes`,
    ],
    ["per-address limit", `${ipLimit.maxFailures} per address in ${ipLimit.windowMinutes} minutes`],
    ["session lifetime", `${session.idleMinutes} minutes idle or ${session.absoluteHours} hours after login`],
    [
      "password rules",
      `at least ${password.minLength} characters, ${password.minClasses} of 4 classes, not the last ${password.historySize}`,
    ],
    ["common list", `a common password (${COMMON_COUNT.toLocaleString("en")} listed)`],
    ["password age", `replaced after ${password.maxAgeDays} days`],
    [
      "second factor",
      `TOTP (${totp.digits} digits, ${totp.periodSeconds} seconds, ${totp.window === 1 ? "one step" : `${totp.window} steps`} of drift, each code once)`,
    ],
  ])("states the %s as lib/auth enforces it", (_what, figure) => {
    expect(section).toContain(figure);
  });
});

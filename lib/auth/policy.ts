/**
 * Identity rules after GB/T 22239-2019 (等保2.0) level 3, all in one place. Change a number here and
 * the login, the password forms, their messages and the tests follow.
 */
export const authPolicy = {
  password: {
    minLength: 10,
    /** Argon2 accepts anything; a cap keeps a megabyte "password" from costing server time. */
    maxLength: 128,
    /** Of the four classes: upper case, lower case, digits, symbols. */
    minClasses: 3,
    /** A new password may not equal any of the last N (the current one included). */
    historySize: 5,
    /**
     * 等保 (GB/T 22239-2019 8.1.4.1 a) asks for 定期更换: a password this old must be replaced before
     * anything else, exactly like an issued one (`mustChangePassword`).
     */
    maxAgeDays: 90,
  },
  lockout: {
    /** This many failed logins within `windowMinutes` lock the account for `lockMinutes`. */
    maxFailures: 5,
    windowMinutes: 15,
    lockMinutes: 15,
  },
  session: {
    idleMinutes: 30,
    absoluteHours: 12,
    /** lastSeenAt is written at most this often, so a page view is not always a database write. */
    touchIntervalSeconds: 60,
  },
  /**
   * The second factor (等保 8.1.4.1 d: two or more combined techniques): TOTP, RFC 6238 with SHA-1,
   * required for every account holding a privileged role (lib/auth/second-factor.ts).
   */
  totp: {
    digits: 6,
    periodSeconds: 30,
    /** Steps accepted either side of the current one, for clock drift between phone and server. */
    window: 1,
  },
  /** Failed logins from one IP address, whatever the username: stops password spraying. */
  ipLimit: {
    maxFailures: 20,
    windowMinutes: 15,
  },
} as const;

export const MINUTE_MS = 60_000;

/**
 * Whether the account must replace its password before doing anything else: an issued one (first
 * login, a reset) or one older than `maxAgeDays`. The session and the commands that re-read the
 * caller both ask this, so an expired password stops the same things an issued one does.
 */
export function mustChangePassword(
  user: { mustChangePassword: boolean; passwordChangedAt: Date },
  now = new Date(),
): boolean {
  return (
    user.mustChangePassword ||
    now.getTime() - user.passwordChangedAt.getTime() >= authPolicy.password.maxAgeDays * 24 * 60 * MINUTE_MS
  );
}

const CLASS_TESTS: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/];

export const passwordRuleText = {
  minLength: `密码至少 ${authPolicy.password.minLength} 位`,
  maxLength: `密码不能超过 ${authPolicy.password.maxLength} 位`,
  classes: `密码须包含大写字母、小写字母、数字、符号中的至少 ${authPolicy.password.minClasses} 类`,
  username: "密码不能包含用户名",
  whitespace: "密码首尾不能是空格",
  history: `新密码不能与最近 ${authPolicy.password.historySize} 次使用过的密码相同`,
  common: "密码过于常见（如 Password123、P@ssw0rd、Admin@12345 及其变形），请换一个",
  siteName: "密码不能包含网站名称或域名",
  sequence: "密码不能包含键盘或字母表上连续的 4 个及以上字符（如 qwer、1234、abcd）",
  repeat: "密码不能包含连续重复的字符或片段（如 aaa、abcabcabc）",
} as const;

/** The rules in the order the forms list them. */
export const PASSWORD_RULES: readonly string[] = [
  passwordRuleText.minLength,
  passwordRuleText.classes,
  passwordRuleText.username,
  "不能使用常见密码及其变形，不能包含网站名称、键盘连续字符或重复字符",
  passwordRuleText.history,
];

/**
 * The length, class, username and whitespace rules the password breaks, as Chinese messages. The
 * guessability rules (common passwords, site name, runs, repeats) need the password list and live in
 * lib/auth/password-strength.ts; reuse of an earlier password needs the history. The password change
 * checks all three (lib/auth/password-change.ts).
 */
export function checkPasswordRules(password: string, username: string): string[] {
  const problems: string[] = [];
  const { minLength, maxLength, minClasses } = authPolicy.password;
  const length = [...password].length;
  if (length < minLength) problems.push(passwordRuleText.minLength);
  if (length > maxLength) problems.push(passwordRuleText.maxLength);
  if (CLASS_TESTS.filter((test) => test.test(password)).length < minClasses) problems.push(passwordRuleText.classes);
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) problems.push(passwordRuleText.username);
  if (password !== password.trim()) problems.push(passwordRuleText.whitespace);
  return problems;
}

import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { passwordRuleText } from "./policy";

/**
 * What makes a password guessable even when it passes length and character classes (Password123,
 * Passw0rd!!, Qwerty12345, Admin@12345, Aaaaaaaaa1 all do): a common password under case changes,
 * leet substitutions, digits and symbols stuck on either end or written backwards; the username or
 * the site's own name; keyboard or alphabet runs; repeated characters.
 *
 * The common list is the most frequent COMMON_COUNT entries of zxcvbn-ts's `passwords-common`
 * (@zxcvbn-ts/language-common, ordered by frequency in leaked password sets), plus the Chinese ones
 * below that it ranks lower or lacks. Only the list is used, not zxcvbn's scoring: each refusal
 * needs a rule that can be said in Chinese.
 */

export const COMMON_COUNT = 10_000;

/** Chinese-speaking users' favourites (pinyin, 520 = 我爱你, 1314 = 一生一世), kept here by hand. */
const CHINESE_COMMON = [
  "woaini",
  "woaini1314",
  "woaini520",
  "aini1314",
  "1314520",
  "5201314",
  "520520",
  "521521",
  "woainima",
  "wodemima",
  "mima",
  "mima123",
  "zhongguo",
  "beijing",
  "shanghai",
  "guangzhou",
  "shenzhen",
  "huawei",
  "xiaomi",
  "baidu",
  "taobao",
  "tencent",
  "qq123456",
  "admin123",
  "admin888",
  "admin666",
  "root123",
  "test123",
  "zhangwei",
  "wangwei",
  "liwei",
  "wangfang",
  "zhangsan",
  "lisi",
  "wangwu",
  "dangjian",
  "xuanchuan",
  "zhengfu",
  "gongzuo",
  "bangong",
];

let commonSet: Set<string> | undefined;
function commonPasswords(): Set<string> {
  commonSet ??= new Set(
    [...dictionary["passwords-common"].slice(0, COMMON_COUNT), ...CHINESE_COMMON].map((word) => word.toLowerCase()),
  );
  return commonSet;
}

const LEET: Record<string, string> = {
  "0": "o",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
  "+": "t",
};
/** "1" stands for i or l, so both readings are tried. */
function unleet(text: string): string[] {
  const base = [...text].map((char) => LEET[char] ?? char).join("");
  return [...new Set([base.replace(/1/g, "i"), base.replace(/1/g, "l")])];
}

/** The forms a common password hides behind: case, digits and symbols at the ends, leet, reversal. */
function variants(password: string): Set<string> {
  const lower = password.toLowerCase();
  const forms = new Set<string>([lower]);
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const trimmedDigits = lower.replace(/[\d\W_]+$/, "");
  for (const form of [lower, core, trimmedDigits]) {
    forms.add(form);
    for (const plain of unleet(form)) {
      forms.add(plain);
      forms.add(plain.replace(/^[^a-z]+|[^a-z]+$/g, ""));
    }
  }
  for (const form of [...forms]) forms.add([...form].reverse().join(""));
  forms.delete("");
  return forms;
}

const ROWS = [
  "`1234567890-=",
  "qwertyuiop[]\\",
  "asdfghjkl;'",
  "zxcvbnm,./",
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
];
/** Shifted keys stand for the key they are on: !@#$ is the 1234 run. */
const UNSHIFT: Record<string, string> = {
  "~": "`",
  "!": "1",
  "@": "2",
  "#": "3",
  $: "4",
  "%": "5",
  "^": "6",
  "&": "7",
  "*": "8",
  "(": "9",
  ")": "0",
  _: "-",
  "+": "=",
  "{": "[",
  "}": "]",
  "|": "\\",
  ":": ";",
  '"': "'",
  "<": ",",
  ">": ".",
  "?": "/",
};
export const RUN_LENGTH = 4;
export const REPEAT_LENGTH = 3;

function hasKeyboardRun(password: string): boolean {
  const keys = [...password.toLowerCase()].map((char) => UNSHIFT[char] ?? char).join("");
  const lines = ROWS.flatMap((row) => [row, [...row].reverse().join("")]);
  for (let start = 0; start + RUN_LENGTH <= keys.length; start++) {
    const piece = keys.slice(start, start + RUN_LENGTH);
    if (lines.some((line) => line.includes(piece))) return true;
  }
  return false;
}

/** The same character three times in a row, or a unit of up to four characters three times over (abcabcabc). */
function hasRepetition(password: string): boolean {
  return new RegExp(`(.{1,4})\\1{${REPEAT_LENGTH - 1},}`, "iu").test(password);
}

/** Words a password must not contain: the site's name and short name, and the distinctive labels of its host. */
export function siteWords(site: { siteName: string; shortName?: string; siteUrl?: string }): string[] {
  const words = [site.siteName, site.shortName ?? ""];
  if (site.siteUrl) {
    const generic = new Set(["www", "gov", "com", "net", "org", "edu", "cn", "localhost"]);
    try {
      words.push(
        ...new URL(site.siteUrl).hostname
          .split(".")
          .filter((label) => label.length >= 4 && !generic.has(label) && !/^\d+$/.test(label)),
      );
    } catch {
      // SITE_URL is validated by lib/env.ts; an unreadable one simply adds no words.
    }
  }
  return words.map((word) => word.trim()).filter((word) => [...word].length >= 2);
}

function containsWord(password: string, word: string): boolean {
  const needle = word.toLowerCase();
  if (!needle) return false;
  const lower = password.toLowerCase();
  return lower.includes(needle) || unleet(lower).some((plain) => plain.includes(needle));
}

/**
 * The guessability rules a password breaks, as Chinese messages (empty when none). `username` is
 * checked by `checkPasswordRules` too; here it is also found behind leet (3d1tor).
 */
export function weakPasswordProblems(
  password: string,
  context: { username: string; siteWords: readonly string[] },
): string[] {
  const problems: string[] = [];
  const common = commonPasswords();
  if ([...variants(password)].some((form) => [...form].length >= 3 && common.has(form)))
    problems.push(passwordRuleText.common);
  const name = context.username.trim().toLowerCase();
  if (name.length >= 3 && !password.toLowerCase().includes(name) && containsWord(password, name))
    problems.push(passwordRuleText.username);
  if (context.siteWords.some((word) => containsWord(password, word))) problems.push(passwordRuleText.siteName);
  if (hasKeyboardRun(password)) problems.push(passwordRuleText.sequence);
  if (hasRepetition(password)) problems.push(passwordRuleText.repeat);
  return problems;
}

/**
 * Chinese numerals that are amounts read as digits, so the forms a reader types and the forms an
 * article prints are one skeleton: 三千万元 / 3000万元 / 3,000万元 / 3千万元, 十二万剂次 / 12万剂次,
 * 十五元 / 15元, 第十二次 / 第12次, 百分之十五 / 15%, 二〇二三年 / 2023年. Only numerals that cannot be a
 * name or a word convert: the run starts with a digit character (so 百姓, 千万不要, 十分 stay) and holds
 * 百 or 千; or it counts what follows — 万 or 亿 with one digit (两万), with 十 (三十万) or beginning with
 * 十 (十二万), or a measure word (元, 岁, 次, 个, 年 …) with 十 (十五元, 六十岁, 十二次); or it follows
 * 百分之 (百分之五点二 → 5.2%); or it is a year written digit by digit before 年; or a month after a
 * year or before a day, or a day after a month (二〇二三年九月一日 → 2023年9月1日). 十三五, 十九大,
 * 一带一路, 五四, 一个 and 一月份 stay as written (a single digit before a measure word is as often a
 * word: 一个, 三个代表, 一日三餐).
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** What a number with 十 in it may count and still be an amount (十五元, 六十岁, 第十二次, 二十余处). */
const MEASURES = new Set([..."元岁次个人名户处起年月天日周家项件条座场届批位辆吨米篇台套间栋亩号种类倍所层级余多"]);

export function isChineseNumeral(char: string): boolean {
  return char in DIGITS || char in UNITS;
}

/** A run of digit characters alone (二〇二三), as digits; null when a unit is in it. */
function digitByDigit(run: string): string | null {
  let out = "";
  for (const char of run) {
    if (!(char in DIGITS) || char === "两") return null;
    out += DIGITS[char];
  }
  return out;
}

/** The value of a numeral run, or null when it should stay as written. */
export function chineseNumberValue(run: string, next: string | undefined): number | null {
  const myriads = next === "万" || next === "亿";
  const counted = myriads || (next !== undefined && MEASURES.has(next));
  const first = run[0];
  if (first === undefined || first === "零" || first === "〇") return null;
  if (!(first in DIGITS) && !(first === "十" && counted)) return null;
  if (run.length === 1) return myriads ? (first === "十" ? 10 : DIGITS[first]) : first === "十" && counted ? 10 : null;
  const big = run.includes("百") || run.includes("千");
  if (!big && !(run.includes("十") && counted)) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const char of run) {
    if (char in DIGITS) {
      // Two digits in a row (三五百) is a range or a name, not one amount.
      if (digit !== null && DIGITS[char] !== 0 && digit !== 0) return null;
      digit = DIGITS[char];
      continue;
    }
    const unit = UNITS[char];
    if (unit >= lastUnit) return null;
    // 十 at the start is one ten (十二万); anywhere else a unit needs its digit.
    if (digit === null && unit === 10 && lastUnit === Infinity) digit = 1;
    if (digit === null) return null;
    total += digit * unit;
    lastUnit = unit;
    digit = null;
  }
  // A trailing digit counts as ones only after 十 or after a 零 (一百零五); 三千五 is colloquial, leave it.
  if (digit !== null && digit !== 0) {
    if (lastUnit !== 10 && !run.slice(0, -1).endsWith("零")) return null;
    total += digit;
  }
  return total;
}

const DIGIT_CHARACTER = /^[零〇一二三四五六七八九]$/;

/**
 * A numeral run read as a count whatever follows it (零, 五, 十, 二十一, 一百二十); null when it is no
 * number (一二) or a lone 两, which counts things (两月 is two months, not February).
 */
function countValue(run: string): number | null {
  if (run.length === 1) return run === "十" ? 10 : run === "两" ? null : (DIGITS[run] ?? null);
  return chineseNumberValue(run, "万");
}

/** Whether a day (a numeral run or digits, then 日 or 号) starts at `index`. */
function dayFollows(charAt: (index: number) => string | undefined, index: number): boolean {
  let at = index;
  while (at - index < 3 && /^[0-9零〇一二三四五六七八九十]$/.test(charAt(at) ?? "")) at += 1;
  return at > index && (charAt(at) === "日" || charAt(at) === "号");
}

/** What a run of numeral characters becomes: the characters [from, to) of the text replaced by `text`. */
export interface NumeralConversion {
  from: number;
  to: number;
  text: string;
}

const PERCENT_LEAD = "百分之";

/**
 * The conversion of the numeral run [start, end) of a text read through `charAt` (one UTF-16 unit
 * per index, the normaliser's skeleton so far), or null when it stays as written. The one place the
 * normaliser asks; its context rules (百分之, a digit before 千, 年 after a year) look around the run.
 */
export function numeralConversion(
  charAt: (index: number) => string | undefined,
  start: number,
  end: number,
): NumeralConversion | null {
  let run = "";
  for (let i = start; i < end; i += 1) run += charAt(i) ?? "";
  const next = charAt(end);
  // 百分之十五, 百分之百, 百分之五点二: after 百分之 any numeral is the percentage.
  if (start >= PERCENT_LEAD.length) {
    let lead = "";
    for (let i = start - PERCENT_LEAD.length; i < start; i += 1) lead += charAt(i) ?? "";
    const value = lead !== PERCENT_LEAD ? null : run === "百" ? 100 : countValue(run);
    if (value !== null) {
      // The decimals are digit characters after 点 (五点二五 → 5.25, 零点五 → 0.5).
      let decimals = "";
      for (let i = end + 1; next === "点" && DIGIT_CHARACTER.test(charAt(i) ?? ""); i += 1)
        decimals += DIGITS[charAt(i) ?? ""];
      if (next === "点" ? decimals !== "" : value > 0) {
        const to = decimals ? end + 1 + decimals.length : end;
        return { from: start - PERCENT_LEAD.length, to, text: decimals ? `${value}.${decimals}%` : `${value}%` };
      }
    }
  }
  // Dates: 九月一日 / 9月1日, 二〇二三年九月 / 2023年9月 — a month after a year or before a day, a day after a month.
  if (next === "月" || next === "日" || next === "号") {
    const value = countValue(run);
    const before = charAt(start - 1);
    if (
      value !== null &&
      next === "月" &&
      value >= 1 &&
      value <= 12 &&
      (before === "年" || dayFollows(charAt, end + 1))
    )
      return { from: start, to: end, text: String(value) };
    if (value !== null && next !== "月" && value >= 1 && value <= 31 && before === "月")
      return { from: start, to: end, text: String(value) };
  }
  // 5千万元: digits before a lone 千 or 百 that counts 万 or 亿 (a digit then 千米 is left alone).
  if ((run === "千" || run === "百") && (next === "万" || next === "亿")) {
    let from = start;
    while (from > 0 && /^[0-9]$/.test(charAt(from - 1) ?? "")) from -= 1;
    const before = from > 0 ? charAt(from - 1) : undefined;
    if (from < start && start - from <= 4 && before !== "." && !/^[0-9]$/.test(before ?? "")) {
      let digits = "";
      for (let i = from; i < start; i += 1) digits += charAt(i);
      return { from, to: end, text: String(Number(digits) * UNITS[run]) };
    }
  }
  // 二〇二三年: a year digit by digit.
  if (end - start === 4 && next === "年") {
    const year = digitByDigit(run);
    if (year !== null && year[0] !== "0") return { from: start, to: end, text: year };
  }
  const value = chineseNumberValue(run, next);
  return value === null ? null : { from: start, to: end, text: String(value) };
}

const TO_CHINESE_DIGIT = "〇一二三四五六七八九";

/**
 * The other written form of a term's numbers that the normaliser leaves as written, for the checks'
 * term list: 六四事件 ↔ 64事件, 八九六四 ↔ 8964 — digit by digit, numerals without 十/百/千 (a name,
 * not an amount: amounts already meet in the skeleton). Empty when the term has no such run, or when
 * it is a short number alone (六四 as 64 would fire on every 64; 八九六四 / 8964 is distinctive).
 */
export function numeralVariants(pattern: string): string[] {
  const chars = [...pattern];
  const others = chars.filter((char) => !(char in DIGITS) && !(char in UNITS) && !/[0-9]/.test(char)).length;
  if (others < 2 && chars.length - others < 4) return [];
  const variants = new Set<string>();
  const chineseRuns = pattern.replace(/[零〇一二三四五六七八九十百千两]{2,}/g, (run) => digitByDigit(run) ?? run);
  if (chineseRuns !== pattern) variants.add(chineseRuns);
  const digitRuns = pattern.replace(/[0-9]{2,}/g, (run) =>
    [...run].map((digit) => TO_CHINESE_DIGIT[Number(digit)]).join(""),
  );
  if (digitRuns !== pattern) variants.add(digitRuns);
  return [...variants];
}

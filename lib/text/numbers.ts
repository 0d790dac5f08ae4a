/**
 * Chinese numerals that are amounts (三千, 一千二百, 五百, 三十万, 两万, 十二万) read as digits, so
 * 三千万元, 3000万元 and 3,000万元 are one skeleton, and so are 十二万剂次 and 12万剂次. Only numerals
 * that cannot be a name or a word convert: the run starts with a digit character (so 百姓, 千万不要,
 * 十分 stay) and holds 百 or 千; or it counts 万 or 亿 — the next character — with one digit (两万),
 * with 十 (三十万), or beginning with 十 (十二万, 十万). 十三五, 十二月, 一带一路 and 五四 stay as written.
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

export function isChineseNumeral(char: string): boolean {
  return char in DIGITS || char in UNITS;
}

/** The value of a numeral run, or null when it should stay as written. */
export function chineseNumberValue(run: string, next: string | undefined): number | null {
  const myriads = next === "万" || next === "亿";
  const first = run[0];
  if (first === undefined || first === "零" || first === "〇") return null;
  if (!(first in DIGITS) && !(first === "十" && myriads)) return null;
  if (run.length === 1) return myriads ? (first === "十" ? 10 : DIGITS[first]) : null;
  const big = run.includes("百") || run.includes("千");
  if (!big && !(run.includes("十") && myriads)) return null;
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

import { simplifiedChar, simplifiedCodes } from "./simplified";
import { FILLER, HAN, INVISIBLE, QUOTE, SPACE } from "./characters";
import { isChineseNumeral, numeralConversion, type NumeralConversion } from "./numbers";

/**
 * The one Chinese text normaliser: the content checks, the search index and search queries all
 * compare text in this form (the "skeleton"), so what a check finds and what a search matches can
 * never disagree about what counts as the same word. Every skeleton character knows the span of the
 * original text it came from, so a hit found in the skeleton is reported where it was written.
 *
 * What the skeleton folds (each rule is why a disguised or differently typed word still matches):
 * - NFKC per character: full-width letters, digits and marks (ＧＢ／Ｔ, ２０１９) become half-width,
 *   compatibility ideographs their unified form; Latin letters are lower-cased.
 * - Traditional → simplified, character by character (opencc-js's table): 法輪功 → 法轮功, 臺獨 → 台独.
 * - Zero-width and other invisible characters (direction overrides, variation selectors, combining
 *   marks) are dropped everywhere (台\u200b独); ./characters.ts lists them.
 * - Whitespace and line breaks (spaces, full-width spaces, hard breaks, paragraph joins) are dropped,
 *   except between two Latin letters or two digits, where a space separates words ("new york").
 *   So 法 轮 功, "ISO 9001" and 5G 网络 read 法轮功, iso9001, 5g网络.
 * - Filler marks (* · • _ ~ | / -, every symbol and emoji, @ & %, and their full-width forms) between
 *   two Chinese characters are dropped (法*轮功, 习·大大, 法🌸轮功) — sentence punctuation is not; a
 *   hyphen or space between letters and digits too (COVID-19 = covid19).
 * - Quotation and title marks are dropped: “一带一路”战略 and 《一带一路》战略 read 一带一路战略.
 * - Numbers in their common forms: thousands separators go (3,000 → 3000) and Chinese numerals that
 *   are amounts become digits (三千万元 → 3000万元, 十二万 → 12万, 两万 → 2万, 十五元 → 15元,
 *   百分之十五 → 15%, 二〇二三年 → 2023年; numbers.ts says which). 十三五 stays: it is a name.
 */

export interface Normalised {
  /** The skeleton. */
  text: string;
  /** For each UTF-16 unit of `text`: where the original character it came from starts … */
  starts: Int32Array;
  /** … and ends (exclusive). */
  ends: Int32Array;
}

const enum Kind {
  Han,
  Letter,
  Digit,
  Space,
  Filler,
  Quote,
  Other,
}

function kindOf(char: string): Kind {
  const code = char.charCodeAt(0);
  if (code >= 0x4e00 && code <= 0x9fff) return Kind.Han;
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return Kind.Letter;
    if (code >= 0x30 && code <= 0x39) return Kind.Digit;
  }
  if (SPACE.test(char)) return Kind.Space;
  if (HAN.test(char)) return Kind.Han;
  if (QUOTE.test(char)) return Kind.Quote;
  if (FILLER.test(char)) return Kind.Filler;
  if (/^\p{L}$/u.test(char)) return Kind.Letter;
  return Kind.Other;
}

/** NFKC + lower case + simplified, one original character at a time (so every output knows its source). */
function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : char;
  if (code >= 0x4e00 && code <= 0x9fff) return simplifiedChar(char);
  if (INVISIBLE.test(char)) return "";
  const folded = char.normalize("NFKC").toLowerCase();
  return folded.length === 1 || [...folded].length === 1 ? simplifiedChar(folded) : folded;
}

/**
 * What one original character becomes: UTF-16 codes, each with the kind of the code point it belongs
 * to (both halves of a surrogate pair carry it). Worked out with the regular expressions above once
 * per distinct character and process, then read from the tables: the hot path makes no object and no
 * string per character. ASCII and the CJK block are folded inline.
 */
interface Folded {
  codes: Uint16Array;
  kinds: Uint8Array;
}

const ASCII_FOLD = new Uint16Array(128);
const ASCII_KIND = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const folded = foldChar(String.fromCharCode(code));
  ASCII_FOLD[code] = folded.charCodeAt(0);
  ASCII_KIND[code] = kindOf(folded);
}

const foldCache = new Map<number, Folded>();
/** Distinct characters remembered; beyond that (hostile input) they are folded afresh each time. */
const FOLD_CACHE_LIMIT = 20_000;

function foldedOf(char: string, codePoint: number): Folded {
  const cached = foldCache.get(codePoint);
  if (cached) return cached;
  const folded = foldChar(char);
  const codes = new Uint16Array(folded.length);
  const kinds = new Uint8Array(folded.length);
  let at = 0;
  for (const part of folded) {
    const kind = kindOf(part);
    for (let k = 0; k < part.length; k += 1) {
      codes[at] = part.charCodeAt(k);
      kinds[at] = kind;
      at += 1;
    }
  }
  const entry = { codes, kinds };
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(codePoint, entry);
  return entry;
}

/** Parallel arrays of UTF-16 units: code, kind, and the original span each came from. */
class Units {
  codes: Uint16Array;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(code: number, kind: Kind, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    const at = this.length;
    this.codes[at] = code;
    this.kinds[at] = kind;
    this.starts[at] = start;
    this.ends[at] = end;
    this.length = at + 1;
  }

  private grow(): void {
    const capacity = this.codes.length * 2 + 16;
    const codes = new Uint16Array(capacity);
    codes.set(this.codes);
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.codes = codes;
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}

function units(original: string): Units {
  const simplified = simplifiedCodes();
  const out = new Units(original.length + 16);
  let i = 0;
  while (i < original.length) {
    const unit = original.charCodeAt(i);
    // Hot path: most of an article is CJK ideographs and ASCII.
    if (unit >= 0x4e00 && unit <= 0x9fff) {
      out.push(simplified[unit], Kind.Han, i, i + 1);
      i += 1;
      continue;
    }
    if (unit < 0x80) {
      out.push(ASCII_FOLD[unit], ASCII_KIND[unit], i, i + 1);
      i += 1;
      continue;
    }
    const code = original.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const folded = foldedOf(original.slice(i, i + width), code);
    for (let k = 0; k < folded.codes.length; k += 1) out.push(folded.codes[k], folded.kinds[k], i, i + width);
    i += width;
  }
  return out;
}

const NO_KIND = 255;

function isNoise(kind: number): boolean {
  return kind === Kind.Space || kind === Kind.Filler || kind === Kind.Quote;
}

const COMMA = 0x2c;
const HYPHEN = 0x2d;
const UNDERSCORE = 0x5f;

/**
 * Which units stay: quotes go; a space stays only between two Latin words or two numbers; a filler
 * between two Chinese characters goes, and a - or _ between letters and digits; a thousands separator
 * (a comma between a digit and exactly three digits) goes. "Between" looks past other noise, so the
 * kinds of the nearest solid unit on each side are worked out in one pass each way.
 */
function keptMask(all: Units): Uint8Array {
  const n = all.length;
  const kinds = all.kinds;
  const before = new Uint8Array(n);
  const after = new Uint8Array(n);
  let last = NO_KIND;
  for (let i = 0; i < n; i += 1) {
    before[i] = last;
    if (!isNoise(kinds[i])) last = kinds[i];
  }
  last = NO_KIND;
  for (let i = n - 1; i >= 0; i -= 1) {
    after[i] = last;
    if (!isNoise(kinds[i])) last = kinds[i];
  }
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const kind = kinds[i];
    let kept: boolean;
    if (kind === Kind.Quote) kept = false;
    else if (kind === Kind.Space)
      kept =
        (before[i] === Kind.Letter && after[i] === Kind.Letter) ||
        (before[i] === Kind.Digit && after[i] === Kind.Digit);
    else if (kind === Kind.Filler) {
      if (before[i] === Kind.Han && after[i] === Kind.Han) kept = false;
      else if (all.codes[i] === HYPHEN || all.codes[i] === UNDERSCORE) {
        kept = !(
          (before[i] === Kind.Letter && after[i] === Kind.Digit) ||
          (before[i] === Kind.Digit && after[i] === Kind.Letter)
        );
      } else kept = true;
    } else kept = true;
    if (kept && all.codes[i] === COMMA && isThousandsSeparator(kinds, n, i)) kept = false;
    keep[i] = kept ? 1 : 0;
  }
  return keep;
}

/** 3,000 / 12,345,678: a comma between digits followed by exactly three digits. */
function isThousandsSeparator(kinds: Uint8Array, n: number, index: number): boolean {
  if (index === 0 || kinds[index - 1] !== Kind.Digit) return false;
  for (let k = 1; k <= 3; k += 1) if (index + k >= n || kinds[index + k] !== Kind.Digit) return false;
  return index + 4 >= n || kinds[index + 4] !== Kind.Digit;
}

const SPACE_CODE = 0x20;

export function normalise(original: string): Normalised {
  const all = units(original);
  const keep = keptMask(all);
  // Kept units, compacted in place (the write index never passes the read index), the spaces that
  // survive collapsed to one " ", so "new  york" and "new york" are the same.
  const { codes, kinds, starts, ends } = all;
  let length = 0;
  for (let i = 0; i < all.length; i += 1) {
    if (keep[i] === 0) continue;
    if (kinds[i] === Kind.Space) {
      if (length > 0 && kinds[length - 1] === Kind.Space) {
        ends[length - 1] = ends[i];
        continue;
      }
      codes[length] = SPACE_CODE;
    } else codes[length] = codes[i];
    kinds[length] = kinds[i];
    starts[length] = starts[i];
    ends[length] = ends[i];
    length += 1;
  }
  all.length = length;
  const out = numbersAsDigits(all);
  return {
    text: stringOf(out.codes, out.length),
    starts: out.starts.slice(0, out.length),
    ends: out.ends.slice(0, out.length),
  };
}

const decoder = new TextDecoder("utf-16le");

/** The string of `length` UTF-16 codes: decoded natively, unless a lone surrogate is there (the decoder would replace it). */
function stringOf(codes: Uint16Array, length: number): string {
  let paired = true;
  for (let i = 0; i < length && paired; i += 1) {
    const code = codes[i];
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code <= 0xdbff && i + 1 < length && codes[i + 1] >= 0xdc00 && codes[i + 1] <= 0xdfff) i += 1;
    else paired = false;
  }
  if (paired) return decoder.decode(codes.subarray(0, length));
  let text = "";
  for (let at = 0; at < length; at += 4096)
    text += String.fromCharCode(...codes.subarray(at, Math.min(length, at + 4096)));
  return text;
}

/** 零〇一二两三四五六七八九十百千: the characters a Chinese numeral is made of. */
const NUMERAL = new Uint8Array(65536);
for (const char of "零〇一二两三四五六七八九十百千") NUMERAL[char.charCodeAt(0)] = isChineseNumeral(char) ? 1 : 0;

/** Chinese numerals that read as an amount become digits; each digit maps to the whole numeral. */
function numbersAsDigits(list: Units): Units {
  // Most numerals (一是, 十分, 十三五) stay as written: find the runs that convert before copying anything.
  const conversions: NumeralConversion[] = [];
  const charAt = (index: number) =>
    index >= 0 && index < list.length ? String.fromCharCode(list.codes[index]) : undefined;
  for (let i = 0; i < list.length;) {
    if (NUMERAL[list.codes[i]] === 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < list.length && NUMERAL[list.codes[j]] === 1) j += 1;
    // numbers.ts says which runs convert, and into what (15 for 十五元, 15% for 百分之十五).
    const conversion = numeralConversion(charAt, i, j);
    if (conversion) conversions.push(conversion);
    // A conversion may take characters after the run too (the decimals of 百分之五点二).
    i = Math.max(j, conversion?.to ?? 0);
  }
  if (conversions.length === 0) return list;
  const out = new Units(list.length + 16);
  let at = 0;
  for (const { from, to, text: digits } of conversions) {
    for (; at < from; at += 1) out.push(list.codes[at], list.kinds[at], list.starts[at], list.ends[at]);
    const start = list.starts[from];
    const end = list.ends[to - 1];
    for (let k = 0; k < digits.length; k += 1)
      out.push(digits.charCodeAt(k), digits[k] >= "0" && digits[k] <= "9" ? Kind.Digit : Kind.Other, start, end);
    at = to;
  }
  for (; at < list.length; at += 1) out.push(list.codes[at], list.kinds[at], list.starts[at], list.ends[at]);
  return out;
}

/** The original span of skeleton range [start, end). */
export function originalSpan(normalised: Normalised, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at =
      start < normalised.starts.length ? normalised.starts[start] : (normalised.ends[normalised.ends.length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: normalised.starts[start], end: normalised.ends[end - 1] };
}

/** The skeleton alone, for queries, terms and index text. */
export function skeleton(text: string): string {
  return normalise(text).text;
}

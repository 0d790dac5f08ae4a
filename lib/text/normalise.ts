import { simplifiedChar } from "./simplified";
import { chineseNumberValue, isChineseNumeral } from "./numbers";

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
 * - Zero-width and other invisible format characters are dropped everywhere (台\u200b独).
 * - Whitespace and line breaks (spaces, full-width spaces, hard breaks, paragraph joins) are dropped,
 *   except between two Latin letters or two digits, where a space separates words ("new york").
 *   So 法 轮 功, "ISO 9001" and 5G 网络 read 法轮功, iso9001, 5g网络.
 * - Filler marks (* · • _ ~ | / - and their full-width forms) between two Chinese characters are
 *   dropped (法*轮功, 习·大大); a hyphen or space between letters and digits too (COVID-19 = covid19).
 * - Quotation marks are dropped: “一带一路”战略 reads 一带一路战略, 台湾“总统” reads 台湾总统.
 * - Numbers in their common forms: thousands separators go (3,000 → 3000) and Chinese numerals with
 *   a 百 or 千 (or 十 before 万/亿) become digits (三千万元 → 3000万元). 十三五 stays: it is a name.
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

interface Unit {
  char: string;
  start: number;
  end: number;
  kind: Kind;
}

/** Invisible format characters: zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator. */
const INVISIBLE = /^[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u034f]$/;
const SPACE = /^\s$/u;
/** After NFKC: * · • ・ _ ~ | / \ - ‧ ∙ ⋅ 丶 and the like. */
const FILLER = /^[*·•・‧∙⋅_~|/\\\-+#^=.丶\u2010-\u2015\u2027\u30fb\uff65]$/u;
const QUOTE = /^["'`“”‘’「」『』〝〞〟]$/u;
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]$/u;

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

function units(original: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < original.length) {
    const unit = original.charCodeAt(i);
    // Hot path: most of an article is CJK ideographs and ASCII.
    if (unit >= 0x4e00 && unit <= 0x9fff) {
      out.push({ char: simplifiedChar(original[i]), start: i, end: i + 1, kind: Kind.Han });
      i += 1;
      continue;
    }
    const code = original.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const folded = foldChar(original.slice(i, i + width));
    for (const char of folded) out.push({ char, start: i, end: i + width, kind: kindOf(char) });
    i += width;
  }
  return out;
}

/** The nearest unit on either side that is not itself removable noise. */
function neighbour(list: readonly Unit[], from: number, step: 1 | -1): Unit | undefined {
  for (let i = from + step; i >= 0 && i < list.length; i += step) {
    const kind = list[i].kind;
    if (kind !== Kind.Space && kind !== Kind.Filler && kind !== Kind.Quote) return list[i];
  }
  return undefined;
}

function keep(list: readonly Unit[], index: number): boolean {
  const unit = list[index];
  switch (unit.kind) {
    case Kind.Quote:
      return false;
    case Kind.Space: {
      const before = neighbour(list, index, -1)?.kind;
      const after = neighbour(list, index, 1)?.kind;
      // A space separates two Latin words or two numbers; everywhere else it is noise.
      return (before === Kind.Letter && after === Kind.Letter) || (before === Kind.Digit && after === Kind.Digit);
    }
    case Kind.Filler: {
      const before = neighbour(list, index, -1)?.kind;
      const after = neighbour(list, index, 1)?.kind;
      if (before === Kind.Han && after === Kind.Han) return false;
      if (unit.char === "-" || unit.char === "_") {
        return !((before === Kind.Letter && after === Kind.Digit) || (before === Kind.Digit && after === Kind.Letter));
      }
      return true;
    }
    default:
      return true;
  }
}

/** 3,000 / 12,345,678: a comma between digits followed by exactly three digits. */
function isThousandsSeparator(list: readonly Unit[], index: number): boolean {
  if (list[index].char !== ",") return false;
  if (list[index - 1]?.kind !== Kind.Digit) return false;
  for (let k = 1; k <= 3; k += 1) if (list[index + k]?.kind !== Kind.Digit) return false;
  return list[index + 4]?.kind !== Kind.Digit;
}

export function normalise(original: string): Normalised {
  const all = units(original);
  const kept: Unit[] = [];
  for (let i = 0; i < all.length; i += 1) {
    if (keep(all, i) && !isThousandsSeparator(all, i)) kept.push(all[i]);
  }
  // Collapse the spaces that survive to one, so "new  york" and "new york" are the same.
  const compact: Unit[] = [];
  for (const unit of kept) {
    if (unit.kind === Kind.Space) {
      const last = compact[compact.length - 1];
      if (last?.kind === Kind.Space) {
        last.end = unit.end;
        continue;
      }
      compact.push({ ...unit, char: " " });
    } else compact.push(unit);
  }
  const out = numbersAsDigits(compact);
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (const unit of out) {
    text += unit.char;
    for (let k = 0; k < unit.char.length; k += 1) {
      starts.push(unit.start);
      ends.push(unit.end);
    }
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Chinese numerals that read as an amount become digits; each digit maps to the whole numeral. */
function numbersAsDigits(list: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < list.length; ) {
    if (!isChineseNumeral(list[i].char)) {
      out.push(list[i]);
      i += 1;
      continue;
    }
    let j = i;
    while (j < list.length && isChineseNumeral(list[j].char)) j += 1;
    const run = list.slice(i, j).map((unit) => unit.char).join("");
    const value = chineseNumberValue(run, list[j]?.char);
    if (value === null) out.push(...list.slice(i, j));
    else {
      const start = list[i].start;
      const end = list[j - 1].end;
      for (const digit of String(value)) out.push({ char: digit, start, end, kind: Kind.Digit });
    }
    i = j;
  }
  return out;
}

/** The original span of skeleton range [start, end). */
export function originalSpan(normalised: Normalised, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < normalised.starts.length ? normalised.starts[start] : (normalised.ends[normalised.ends.length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: normalised.starts[start], end: normalised.ends[end - 1] };
}

/** The skeleton alone, for queries, terms and index text. */
export function skeleton(text: string): string {
  return normalise(text).text;
}

import { simplifiedChar } from "@/lib/text/simplified";
import { FILLER, HAN, INVISIBLE, QUOTE, SPACE } from "@/lib/text/characters";
import { isChineseNumeral, numeralConversion } from "@/lib/text/numbers";
/**
 * The normaliser as it was before its typed-array rewrite (issue 14, bench:checks), kept only as the
 * reference tests/unit/text-normalise-equivalence.test.ts compares lib/text/normalise.ts with on
 * random text: the rewrite must not change a single skeleton character or offset.
 */
interface Normalised {
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

export function referenceNormalise(original: string): Normalised {
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
  for (let i = 0; i < list.length;) {
    if (!isChineseNumeral(list[i].char)) {
      out.push(list[i]);
      i += 1;
      continue;
    }
    let j = i;
    while (j < list.length && isChineseNumeral(list[j].char)) j += 1;
    const conversion = numeralConversion((index) => list[index]?.char, i, j);
    if (conversion === null) out.push(...list.slice(i, j));
    else {
      // What it replaces before the run (百分之, the 5 of 5千万) was copied one for one: taken back.
      out.length -= i - conversion.from;
      const start = list[conversion.from].start;
      const end = list[conversion.to - 1].end;
      for (const char of conversion.text)
        out.push({ char, start, end, kind: char >= "0" && char <= "9" ? Kind.Digit : Kind.Other });
    }
    i = Math.max(j, conversion?.to ?? 0);
  }
  return out;
}

/** The original span of skeleton range [start, end). */

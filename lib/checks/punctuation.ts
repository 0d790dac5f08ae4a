import { excerptAround } from "./excerpt";
import { checksText } from "./messages";
import type { Hit, Segment } from "./types";

/**
 * Punctuation rules of GB/T 15834 for Chinese text: half-width marks next to Chinese characters
 * (张三,李四 → 张三,李四) and doubled marks (,, 。。 !!). Numbers, times and English stay alone:
 * "1,000", "10:30" and "e.g." have no Chinese neighbour. "……" and "——" are correct Chinese and are
 * not in the doubled set; "..." / 。。。 / a lone … become "……", and straight quotes "…" and '…'
 * around Chinese text become “…” and ‘…’. Repeats of one mark are grouped into one item by ./run.ts.
 */

// Written as escapes: full-width marks look like their half-width twins in most editors.
// ， ； ： ？ ！ （ ） 。
const FULL_WIDTH: Record<string, string> = {
  ",": "\uff0c",
  ";": "\uff1b",
  ":": "\uff1a",
  "?": "\uff1f",
  "!": "\uff01",
  "(": "\uff08",
  ")": "\uff09",
  ".": "\u3002",
};

/** Han ideographs, CJK punctuation and full-width forms. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]/;
const ALPHANUMERIC = /[0-9A-Za-z]/;

/** Runs of pause and stop marks (，。 is as wrong as ，，), or the same ! or ? twice, either width. */
const REPEATED = /[,\uff0c\u3001\u3002;\uff1b:\uff1a]{2,}|!{2,}|\uff01{2,}|\?{2,}|\uff1f{2,}/g;
/** What people type for an ellipsis: ... 。。。 ··· or a lone … — Chinese writes …… (two of U+2026). */
const ELLIPSIS = /\.{2,}|\u3002{3,}|[\u00b7\u30fb]{3,}|(?<!\u2026)\u2026(?!\u2026)/g;
/** Straight double quotes around (or next to) Chinese text: "…" → “…”. */
const STRAIGHT_QUOTES = /"([^"\n]*)"|"/g;
/**
 * A pair of straight single quotes around Chinese text: '…' → ‘…’. A mark with a letter on its inner
 * side only is an apostrophe (don't, it's), never a quote's opening or closing.
 */
const STRAIGHT_SINGLE_QUOTES = /(?<![A-Za-z0-9])'([^'\n]*)'(?![A-Za-z])/g;
const CHINESE_ELLIPSIS = "\u2026\u2026";

function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

function hitAt(
  segment: Segment,
  rule: "punctuation" | "repeatedPunctuation",
  start: number,
  end: number,
  suggestion: string,
  message: string,
): Hit {
  return {
    level: "WARN",
    rule,
    term: segment.text.slice(start, end),
    suggestion,
    category: checksText.categories.punctuation,
    message,
    location: {
      field: segment.field,
      blockIndex: segment.blockIndex,
      path: segment.path,
      offset: start,
      length: end - start,
    },
    excerpt: excerptAround(segment.text, start, end),
  };
}

function hasCjk(text: string): boolean {
  for (const char of text) if (isCjk(char)) return true;
  return false;
}

export function punctuationHits(segment: Segment): Hit[] {
  const { text } = segment;
  const hits: Hit[] = [];
  const repeated: [number, number][] = [];
  const taken = (start: number, end: number) => repeated.some(([from, to]) => start < to && end > from);
  for (const match of text.matchAll(ELLIPSIS)) {
    const start = match.index;
    const end = start + match[0].length;
    // Only in Chinese text: "e.g..." or "1...9" in a formula stay.
    if (!isCjk(text[start - 1]) && !isCjk(text[end])) continue;
    repeated.push([start, end]);
    hits.push(hitAt(segment, "punctuation", start, end, CHINESE_ELLIPSIS, checksText.ellipsis(match[0])));
  }
  for (const match of text.matchAll(STRAIGHT_QUOTES)) {
    const start = match.index;
    const end = start + match[0].length;
    const inner = match[1];
    const chinese =
      inner !== undefined
        ? hasCjk(inner) || isCjk(text[start - 1]) || isCjk(text[end])
        : isCjk(text[start - 1]) || isCjk(text[end]);
    if (!chinese) continue;
    repeated.push([start, end]);
    const suggestion = inner !== undefined ? `\u201c${inner}\u201d` : "\u201c";
    hits.push(hitAt(segment, "punctuation", start, end, suggestion, checksText.straightQuotes));
  }
  for (const match of text.matchAll(STRAIGHT_SINGLE_QUOTES)) {
    const start = match.index;
    const end = start + match[0].length;
    const inner = match[1];
    if (!hasCjk(inner) || taken(start, end)) continue;
    repeated.push([start, end]);
    hits.push(hitAt(segment, "punctuation", start, end, `\u2018${inner}\u2019`, checksText.straightSingleQuotes));
  }
  for (const match of text.matchAll(REPEATED)) {
    const start = match.index;
    const end = start + match[0].length;
    if (taken(start, end)) continue;
    repeated.push([start, end]);
    const first = match[0][0];
    const single = FULL_WIDTH[first] ?? first;
    hits.push(hitAt(segment, "repeatedPunctuation", start, end, single, checksText.repeated(match[0])));
  }
  for (let i = 0; i < text.length; i += 1) {
    // Every mark in FULL_WIDTH is ASCII: skip the rest (most of a Chinese text) without making a string.
    if (text.charCodeAt(i) >= 0x80) continue;
    const char = text[i];
    const fullWidth = FULL_WIDTH[char];
    if (fullWidth === undefined) continue;
    if (repeated.some(([start, end]) => i >= start && i < end)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    // A full stop only after Chinese and not inside "某某.com" or a number.
    const mixed =
      char === "."
        ? isCjk(before) && !(after !== undefined && ALPHANUMERIC.test(after))
        : isCjk(before) || isCjk(after);
    if (mixed) hits.push(hitAt(segment, "punctuation", i, i + 1, fullWidth, checksText.halfWidth(char, fullWidth)));
  }
  return hits.sort((a, b) => a.location.offset - b.location.offset);
}

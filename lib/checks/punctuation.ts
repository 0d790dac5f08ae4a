import { excerptAround } from "./excerpt";
import { checksText } from "./messages";
import type { Hit, Segment } from "./types";

/**
 * Punctuation rules of GB/T 15834 for Chinese text: half-width marks next to Chinese characters
 * (张三,李四 → 张三,李四) and doubled marks (,, 。。 !!). Numbers, times and English stay alone:
 * "1,000", "10:30" and "e.g." have no Chinese neighbour. "……" and "——" are correct Chinese and are
 * not in the doubled set.
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

function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

function hitAt(segment: Segment, rule: "punctuation" | "repeatedPunctuation", start: number, end: number, suggestion: string, message: string): Hit {
  return {
    level: "WARN",
    rule,
    term: segment.text.slice(start, end),
    suggestion,
    category: checksText.categories.punctuation,
    message,
    location: { field: segment.field, blockIndex: segment.blockIndex, path: segment.path, offset: start, length: end - start },
    excerpt: excerptAround(segment.text, start, end),
  };
}

export function punctuationHits(segment: Segment): Hit[] {
  const { text } = segment;
  const hits: Hit[] = [];
  const repeated: [number, number][] = [];
  for (const match of text.matchAll(REPEATED)) {
    const start = match.index;
    const end = start + match[0].length;
    repeated.push([start, end]);
    const first = match[0][0];
    const single = FULL_WIDTH[first] ?? first;
    hits.push(hitAt(segment, "repeatedPunctuation", start, end, single, checksText.repeated(match[0])));
  }
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const fullWidth = FULL_WIDTH[char];
    if (fullWidth === undefined) continue;
    if (repeated.some(([start, end]) => i >= start && i < end)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    // A full stop only after Chinese and not inside "某某.com" or a number.
    const mixed = char === "." ? isCjk(before) && !(after !== undefined && ALPHANUMERIC.test(after)) : isCjk(before) || isCjk(after);
    if (mixed) hits.push(hitAt(segment, "punctuation", i, i + 1, fullWidth, checksText.halfWidth(char, fullWidth)));
  }
  return hits.sort((a, b) => a.location.offset - b.location.offset);
}

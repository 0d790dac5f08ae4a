import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

/**
 * Word boundaries for Chinese: jieba (the Rust port, through @node-rs/jieba — a native binary shipped
 * inside the npm package, ≈10× faster than jieba-wasm here: 1.0 ms vs 10.3 ms for 4,500 characters;
 * see docs/search.md). One instance per process with jieba's own dictionary, HMM on so that names
 * that are in no dictionary (李炯明) come out as one word.
 *
 * User words (place names, column names, organisations: 化工区, 漕泾镇) are added to the dictionary
 * with a high frequency so they are never split. Person names are deliberately NOT added: a
 * dictionary entry 李炯 makes jieba cut 李炯明 into 李炯 / 明, which is exactly the confusion the
 * search and the leader rule must avoid; the HMM finds names on its own.
 */
let jieba: Jieba | undefined;
const added = new Set<string>();

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Adds words to the process's dictionary (each once); returns how many were new. */
export function addUserWords(words: Iterable<string>): number {
  const lines: string[] = [];
  for (const raw of words) {
    const word = raw.trim();
    if ([...word].length < 2 || /\s/.test(word) || added.has(word)) continue;
    added.add(word);
    lines.push(`${word} 200000 nz`);
  }
  if (lines.length > 0) instance().loadDict(Buffer.from(lines.join("\n") + "\n"));
  return lines.length;
}

/** The words of a text, in order, covering it exactly (their lengths add up to text.length). */
export function cutWords(text: string): string[] {
  return text.length === 0 ? [] : instance().cut(text, true);
}

/** Word boundaries (offsets where a word starts or the text ends), as a set. */
export function wordBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const word of cutWords(text)) {
    at += word.length;
    boundaries.add(at);
  }
  return boundaries;
}

/** Dictionary words only (no HMM guesses): what the checks' word rule trusts. */
export function cutDictionaryWords(text: string): string[] {
  return text.length === 0 ? [] : instance().cut(text, false);
}

/**
 * Whether [start, end) of `text` is not the tail of a different word: no dictionary word begins
 * before it and runs into it (金黄色 for 黄色, 学习 for 习近乎, 人文 for 文革 in 人文革新, 舞台 for
 * 台独 in 舞台独特). Its end is not judged: jieba joins a following particle (大大的), and a word
 * that begins with the term stays a hit (黄色书刊, 台独分子).
 * Judged on a window around the range, cut at `joints` (offsets where a paragraph joins the next,
 * which are always boundaries): a few words of context decide jieba's cut.
 */
export function alignsWithWords(
  text: string,
  start: number,
  end: number,
  joints: readonly number[] = [],
  context = 8,
): boolean {
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  for (const joint of joints) {
    if (joint <= start && joint > from) from = joint;
    if (joint >= end && joint < to) to = joint;
  }
  const cuts = [from, ...joints.filter((joint) => joint > from && joint < to), to];
  for (let k = 0; k + 1 < cuts.length; k += 1) {
    let at = cuts[k];
    for (const word of cutDictionaryWords(text.slice(cuts[k], cuts[k + 1]))) {
      const wordEnd = at + word.length;
      if (at < start && wordEnd > start) return false;
      at = wordEnd;
    }
  }
  return true;
}

/** Search mode: the words, and the dictionary words inside long ones (化工区 → 化工, 工区, 化工区). */
export function cutForSearch(text: string): string[] {
  return text.length === 0 ? [] : instance().cutForSearch(text, true);
}

/**
 * Characters jieba never puts inside a word: it cuts a text into blocks of Han characters, Latin
 * letters, digits and + # & . _ % - (jieba-rs RE_HAN_DEFAULT) and every other character is a word
 * of its own, so cutting each block alone gives exactly the words of cutting the whole text. This is
 * a subset of those separators (what an article's skeleton is full of), enough to keep blocks short.
 */
const SEPARATORS = new Uint8Array(65536);
for (const char of " ,;:?!()[]{}<>\"'\u3001\u3002\uff1b\uff1a\uff1f\uff01\u300a\u300b\u3008\u3009\u3010\u3011\uff08\uff09\u2026\u2014")
  SEPARATORS[char.charCodeAt(0)] = 1;

/**
 * Whether a dictionary word starts at an offset of `text`, cut separately between `joints` (paragraph
 * joins) — the same answer as cutting the whole field once (tests/unit/text-normalise-equivalence),
 * but only the blocks (see SEPARATORS) holding the offsets that will be asked about are cut: a field
 * with a few short-term hits costs a few short cuts. When those blocks are most of the text, one cut
 * of the whole is cheaper than many small ones (each native call has its cost) and is made instead.
 * An offset not announced is answered too, by cutting its block then. A hit at offset s is not the
 * tail of another word exactly when this says true (see alignsWithWords, the one-hit form).
 */
export function dictionaryWordStarts(
  text: string,
  joints: readonly number[] = [],
  asked: Iterable<number> = [],
): { has(offset: number): boolean } {
  const n = text.length;
  // Typed marks, not sets: a field is up to tens of thousands of characters and every one may be asked about.
  const cuts = new Uint8Array(n + 1);
  for (const joint of joints) if (joint > 0 && joint < n) cuts[joint] = 1;
  const separator = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) separator[i] = SEPARATORS[text.charCodeAt(i)];
  /** Offsets that are starts whatever the cut: the ends, joints, separators and what follows one. */
  const trivial = (offset: number) =>
    offset <= 0 || offset >= n || cuts[offset] === 1 || separator[offset] === 1 || separator[offset - 1] === 1;
  const blockFrom = (offset: number) => {
    let from = offset;
    while (from > 0 && cuts[from] === 0 && separator[from - 1] === 0) from -= 1;
    return from;
  };
  const blockTo = (offset: number) => {
    let to = offset + 1;
    while (to < n && cuts[to] === 0 && separator[to] === 0) to += 1;
    return to;
  };
  const starts = new Uint8Array(n + 1);
  /** 1 where the block (or slice) around has been cut. */
  const done = new Uint8Array(n + 1);
  const cut = (from: number, to: number) => {
    let at = from;
    for (const word of cutDictionaryWords(text.slice(from, to))) {
      starts[at] = 1;
      at += word.length;
    }
    done.fill(1, from, to);
  };
  const planned = new Uint8Array(n + 1);
  const blocks: [number, number][] = [];
  let plannedLength = 0;
  for (const offset of asked) {
    if (trivial(offset) || planned[offset] === 1) continue;
    const from = blockFrom(offset);
    const to = blockTo(offset);
    planned.fill(1, from, to);
    blocks.push([from, to]);
    plannedLength += to - from;
  }
  if (plannedLength * 2 > n) {
    let from = 0;
    for (let at = 1; at <= n; at += 1) {
      if (at === n || cuts[at] === 1) {
        cut(from, at);
        from = at;
      }
    }
  } else for (const [from, to] of blocks) cut(from, to);
  return {
    has(offset: number): boolean {
      if (trivial(offset)) return offset >= 0 && offset <= n;
      if (done[offset] === 0) cut(blockFrom(offset), blockTo(offset));
      return starts[offset] === 1;
    },
  };
}

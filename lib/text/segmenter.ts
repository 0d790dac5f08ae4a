import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { isAsciiAlphanumeric } from "./characters";

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
    if (prints) addPrints(prints, word);
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
 * Where a dictionary word can cross: a fingerprint (32-bit FNV-1a over UTF-16 units) of every word
 * of two or more units jieba knows — its own dictionary and the user words — and of their beginnings
 * (so a scan stops as soon as no longer word can match), plus the longest word's length. A position no such word crosses is a boundary of every cut
 * of the text around it: jieba's no-HMM cut is the best path through the DAG of dictionary words, and
 * a position no edge jumps over splits that path into two independent halves (jieba also joins runs
 * of single Latin letters and digits into one word, so a position between two of them never counts).
 * Cutting the few characters between two such positions therefore gives exactly the words a cut of
 * the whole block gives there. A fingerprint collision only makes a window wider, never an answer
 * different. Built once per process on the first short-term hit (340,000 words and 200,000
 * beginnings: 6 MB, ≈ 0.1 s), in one pass over jieba's dictionary text.
 */
/** An open-addressed set of 32-bit fingerprints (0 marks an empty slot), kept at most half full. */
class PrintSet {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected: number) {
    let size = 1 << 10;
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  add(print: number): void {
    const key = print === 0 ? 1 : print;
    let slot = key & this.mask;
    while (this.table[slot] !== 0) {
      if (this.table[slot] === key) return;
      slot = (slot + 1) & this.mask;
    }
    this.table[slot] = key;
    this.count += 1;
    if (this.count * 2 > this.table.length) this.grow();
  }

  has(print: number): boolean {
    const key = print === 0 ? 1 : print;
    for (let slot = key & this.mask; this.table[slot] !== 0; slot = (slot + 1) & this.mask)
      if (this.table[slot] === key) return true;
    return false;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.count = 0;
    for (const key of old) if (key !== 0) this.add(key);
  }
}

interface WordPrints {
  /** Words of two or more units. */
  words: PrintSet;
  /** Their beginnings of two or more units, shorter than the word: where a longer match may still come. */
  prefixes: PrintSet;
  maxLength: number;
}
let prints: WordPrints | undefined;

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const SPACE_CODE = 0x20;
const NEWLINE_CODE = 0x0a;

/** Adds each word of `list` (the word is what comes before the first space of a line). */
function addPrints(into: WordPrints, list: string): void {
  let hash = FNV_BASIS;
  let length = 0;
  let inWord = true;
  for (let i = 0; i <= list.length; i += 1) {
    const code = i < list.length ? list.charCodeAt(i) : NEWLINE_CODE;
    if (code === NEWLINE_CODE || (inWord && code === SPACE_CODE)) {
      if (inWord && length >= 2) {
        into.words.add(hash);
        if (length > into.maxLength) into.maxLength = length;
      }
      inWord = code === NEWLINE_CODE;
      hash = FNV_BASIS;
      length = 0;
      continue;
    }
    if (!inWord) continue;
    // The word so far is a beginning of a longer one.
    if (length >= 2) into.prefixes.add(hash);
    hash = Math.imul(hash ^ code, FNV_PRIME);
    length += 1;
  }
}

function wordPrints(): WordPrints {
  if (!prints) {
    prints = { words: new PrintSet(340_000), prefixes: new PrintSet(200_000), maxLength: 1 };
    addPrints(prints, new TextDecoder().decode(dict));
    addPrints(prints, [...added].join("\n"));
  }
  return prints;
}

/**
 * Whether a dictionary word starts at an offset of `text`, cut separately between `joints` (paragraph
 * joins) — the same answer as cutting the whole field once (tests/unit/text-normalise-equivalence).
 * Only a window around each offset asked about is cut: from the nearest position before it to the
 * nearest after it that no dictionary word crosses (see WordPrints), usually a few characters, so a
 * field with many short-term hits costs a few short cuts and never a whole long paragraph. Windows
 * close together are cut as one (each native call has its cost). An offset not announced is answered
 * too, by cutting its window then. A hit at offset s is not the tail of another word exactly when
 * this says true (see alignsWithWords, the one-hit form). `charactersCut` is what jieba was given.
 */
export function dictionaryWordStarts(
  text: string,
  joints: readonly number[] = [],
  asked: Iterable<number> = [],
): { has(offset: number): boolean; readonly charactersCut: number } {
  const n = text.length;
  // Typed marks, not sets: a field is up to tens of thousands of characters and every one may be asked about.
  const cuts = new Uint8Array(n + 1);
  for (const joint of joints) if (joint > 0 && joint < n) cuts[joint] = 1;
  /** Offsets that are starts whatever the cut: the ends, joints, separators and what follows one. */
  const trivial = (offset: number) =>
    offset <= 0 ||
    offset >= n ||
    cuts[offset] === 1 ||
    SEPARATORS[text.charCodeAt(offset)] === 1 ||
    SEPARATORS[text.charCodeAt(offset - 1)] === 1;
  const { words, prefixes, maxLength } = wordPrints();
  /** Per offset: the end of the longest dictionary word starting there (0 = not worked out yet). */
  const longest = new Int32Array(n + 1);
  const longestFrom = (start: number) => {
    if (longest[start] !== 0) return longest[start];
    // The character itself (a surrogate pair is one).
    const unit = text.charCodeAt(start);
    const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(start + 1) & 0xfc00) === 0xdc00;
    let end = start + (pair ? 2 : 1);
    let hash = Math.imul(FNV_BASIS ^ text.charCodeAt(start), FNV_PRIME);
    for (let at = start + 1; at < n && at - start < maxLength && !trivial(at); at += 1) {
      hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
      if (words.has(hash)) end = at + 1;
      if (!prefixes.has(hash)) break;
    }
    longest[start] = end;
    return end;
  };
  /** A position every cut of the text around it has as a word boundary. */
  const fixed = (offset: number) => {
    if (trivial(offset)) return true;
    if (isAsciiAlphanumeric(text.charCodeAt(offset - 1)) && isAsciiAlphanumeric(text.charCodeAt(offset))) return false;
    for (let start = offset - 1; start >= 0 && offset - start < maxLength; start -= 1) {
      if (longestFrom(start) > offset) return false;
      if (trivial(start)) break;
    }
    return true;
  };
  const windowAround = (offset: number): [number, number] => {
    let from = offset - 1;
    while (!fixed(from)) from -= 1;
    let to = offset + 1;
    while (!fixed(to)) to += 1;
    return [from, to];
  };

  const starts = new Uint8Array(n + 1);
  /** 1 where the answer is known: cut, or a fixed boundary. */
  const known = new Uint8Array(n + 1);
  let charactersCut = 0;
  const cut = (from: number, to: number) => {
    // Between joints separately, as the whole field is cut.
    let piece = from;
    for (let end = from + 1; end <= to; end += 1) {
      if (end < to && cuts[end] === 0) continue;
      let at = piece;
      for (const word of cutDictionaryWords(text.slice(piece, end))) {
        starts[at] = 1;
        at += word.length;
      }
      piece = end;
    }
    charactersCut += to - from;
    known.fill(1, from, to);
  };
  const answer = (offset: number) => {
    if (known[offset] === 1) return;
    if (fixed(offset)) {
      starts[offset] = 1;
      known[offset] = 1;
      return;
    }
    const [from, to] = windowAround(offset);
    cut(from, to);
  };

  // Windows of the announced offsets, close ones merged (the text between two fixed positions cuts alike).
  const windows: [number, number][] = [];
  for (const offset of [...asked].sort((a, b) => a - b)) {
    if (offset < 0 || offset > n || trivial(offset) || fixed(offset)) continue;
    const last = windows[windows.length - 1];
    if (last && offset < last[1]) continue;
    const [from, to] = windowAround(offset);
    if (last && from - last[1] <= MERGE_GAP) last[1] = to;
    else windows.push([from, to]);
  }
  for (const [from, to] of windows) cut(from, to);
  return {
    has(offset: number): boolean {
      if (trivial(offset)) return offset >= 0 && offset <= n;
      answer(offset);
      return starts[offset] === 1;
    },
    get charactersCut() {
      return charactersCut;
    },
  };
}

/** Windows at most this far apart are cut in one call: a native call costs about as much as this many characters. */
const MERGE_GAP = 48;

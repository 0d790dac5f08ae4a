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
export function alignsWithWords(text: string, start: number, end: number, joints: readonly number[] = [], context = 8): boolean {
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
 * Where dictionary words start in `text`, cut separately between `joints` (paragraph joins): one jieba
 * pass for a whole field, so each short-term hit costs a set lookup. A hit at offset s is not the tail
 * of another word exactly when s is in this set (see alignsWithWords, the one-hit form).
 */
export function dictionaryWordStarts(text: string, joints: readonly number[] = []): Set<number> {
  const starts = new Set<number>();
  const cuts = [0, ...joints.filter((joint) => joint > 0 && joint < text.length), text.length];
  for (let k = 0; k + 1 < cuts.length; k += 1) {
    let at = cuts[k];
    for (const word of cutDictionaryWords(text.slice(cuts[k], cuts[k + 1]))) {
      starts.add(at);
      at += word.length;
    }
    starts.add(at);
  }
  return starts;
}

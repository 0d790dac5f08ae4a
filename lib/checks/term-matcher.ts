import { isAsciiAlphanumeric } from "@/lib/text/characters";
import { dictionaryWordStarts } from "@/lib/text/segmenter";
import { skeleton } from "@/lib/text/normalise";
import { numeralVariants } from "@/lib/text/numbers";
import { AhoCorasick } from "./aho-corasick";
import { excerptAround } from "./excerpt";
import { checksText } from "./messages";
import { locate } from "./segments";
import type { FieldRun, Hit, HitLevel, TermEntry } from "./types";

/**
 * The SensitiveTerm list compiled for matching: one automaton over all terms in the normaliser's
 * skeleton form (lib/text/normalise.ts: 法輪功, 法 轮 功 and 法*轮功 are all 法轮功), built once per
 * list version (./term-cache.ts) and then shared by every check in the process. It runs over each
 * field's normalised run, so disguises cannot hide a term; hits are reported where they were written.
 *
 * Short terms misfire inside ordinary words (黄色 in 金黄色, 文革 in 人文革新, 习近乎 in 学习近乎痴迷):
 * a term marked "only as a whole word", and every term of at most SHORT characters, counts only where
 * it starts on a word boundary of the segmenter (lib/text/segmenter.ts). And no term counts whose last
 * character is the first of a longer word running on past it — 港独 in 港独资企业 (独资), 台湾国 in
 * 台湾国际机场 (国际), 伊斯兰国 in 伊斯兰国家 (国家) — while one that a longer word merely continues
 * (台独分子, 台湾总统府: the word holds the term's end, it does not begin there) still counts.
 * A term's numbers that are names, not amounts, match in both forms: 六四事件 and 64事件. No term
 * starts or ends inside a Latin word or a number (8964 in 58964000).
 * Exceptions still apply.
 */
const SHORT = 3;

function isWholeWordOnly(entry: TermEntry, pattern: string): boolean {
  return entry.wholeWord === true || [...pattern].length <= SHORT;
}

const LEVEL_RANK: Record<HitLevel, number> = { WARN: 1, BLOCK: 2 };

interface RawHit {
  entry: TermEntry;
  start: number;
  end: number;
}

export class TermMatcher {
  private readonly automaton: AhoCorasick;
  /** Entries per pattern: "ABC" and "abc" fold to the same pattern. */
  private readonly entries: TermEntry[][];
  private readonly patterns: string[];
  /** Folded exceptions per entry, with the term's offsets inside each. */
  private readonly exceptions = new Map<TermEntry, { word: string; offsets: number[] }[]>();

  constructor(terms: readonly TermEntry[]) {
    const byPattern = new Map<string, TermEntry[]>();
    for (const entry of terms) {
      const pattern = skeleton(entry.term.trim());
      if (pattern.length === 0) continue;
      // The term as written and with its numbers in the other form (六四事件 / 64事件).
      for (const form of [pattern, ...numeralVariants(pattern)]) {
        const list = byPattern.get(form) ?? [];
        if (!list.includes(entry)) list.push(entry);
        byPattern.set(form, list);
      }
      const exceptions = entry.exceptions
        .map((word) => skeleton(word.trim()))
        .filter((word) => word.length > pattern.length && word.includes(pattern))
        .map((word) => ({ word, offsets: occurrences(word, pattern) }));
      if (exceptions.length > 0) this.exceptions.set(entry, exceptions);
    }
    this.entries = [...byPattern.values()];
    this.patterns = [...byPattern.keys()];
    this.automaton = new AhoCorasick(this.patterns);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Term hits in one field run: exceptions removed, and a hit inside a longer hit of at least its level dropped. */
  match(run: FieldRun): Hit[] {
    const folded = run.skeleton.text;
    const candidates: (RawHit & { wholeWord: boolean })[] = [];
    const asked: number[] = [];
    for (const match of this.automaton.search(folded)) {
      const pattern = this.patterns[match.pattern];
      for (const entry of this.entries[match.pattern]) {
        if (this.insideException(entry, folded, match.start)) continue;
        const wholeWord = isWholeWordOnly(entry, pattern);
        if (wholeWord) asked.push(match.start);
        asked.push(match.end - 1, match.end);
        candidates.push({ entry, start: match.start, end: match.end, wholeWord });
      }
    }
    if (candidates.length === 0) return [];
    // Word boundaries only around the hits, all windows cut at once.
    const wordStarts = dictionaryWordStarts(folded, run.joints, asked);
    const raw: RawHit[] = candidates.filter(
      ({ start, end, wholeWord }) =>
        !insideLatinOrNumber(folded, start) &&
        !insideLatinOrNumber(folded, end) &&
        (!wholeWord || wordStarts.has(start)) &&
        !(wordStarts.has(end - 1) && !wordStarts.has(end)),
    );
    return dropContained(raw).map(({ entry, start, end }) => {
      const { location, term, segment, from, to } = locate(run, start, end);
      return {
        level: entry.level,
        rule: "term" as const,
        term,
        suggestion: entry.suggestion,
        category: entry.category,
        message: entry.suggestion ? checksText.termWithSuggestion(entry.suggestion) : checksText.term(entry.level),
        location,
        excerpt: excerptAround(segment.text, from, to),
      };
    });
  }

  private insideException(entry: TermEntry, folded: string, start: number): boolean {
    const exceptions = this.exceptions.get(entry);
    if (!exceptions) return false;
    return exceptions.some(({ word, offsets }) =>
      offsets.some((offset) => start - offset >= 0 && folded.startsWith(word, start - offset)),
    );
  }
}

/** Whether `offset` falls between two letters or digits: 8964 in 58964000, abc in xabcx. */
function insideLatinOrNumber(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isAsciiAlphanumeric(text.charCodeAt(offset - 1)) &&
    isAsciiAlphanumeric(text.charCodeAt(offset))
  );
}

function occurrences(word: string, pattern: string): number[] {
  const offsets: number[] = [];
  for (let at = word.indexOf(pattern); at !== -1; at = word.indexOf(pattern, at + 1)) offsets.push(at);
  return offsets;
}

/**
 * "台独分子" listed besides "台独": one hit says it all. Partly overlapping hits both stay, and a
 * BLOCK term inside a longer WARN term stays too, since it decides whether submission is blocked.
 */
function dropContained(hits: RawHit[]): RawHit[] {
  if (hits.length < 2) return hits;
  // Sweep by start (longest first): a hit is inside an earlier one exactly when that one ends at or
  // after it, and is longer. Equal spans (the same term listed twice) never drop each other.
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawHit[] = [];
  let maxEndAny = -1;
  let maxEndBlock = -1;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j].start === sorted[i].start && sorted[j].end === sorted[i].end) j += 1;
    for (let k = i; k < j; k += 1) {
      const hit = sorted[k];
      const coveringEnd = LEVEL_RANK[hit.entry.level] === LEVEL_RANK.BLOCK ? maxEndBlock : maxEndAny;
      if (coveringEnd < hit.end) kept.push(hit);
    }
    for (let k = i; k < j; k += 1) {
      maxEndAny = Math.max(maxEndAny, sorted[k].end);
      if (sorted[k].entry.level === "BLOCK") maxEndBlock = Math.max(maxEndBlock, sorted[k].end);
    }
    i = j;
  }
  return kept;
}

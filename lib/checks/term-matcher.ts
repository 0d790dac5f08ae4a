import { AhoCorasick } from "./aho-corasick";
import { excerptAround } from "./excerpt";
import { foldForMatching } from "./fold";
import { checksText } from "./messages";
import type { Hit, HitLevel, Segment, TermEntry } from "./types";

/**
 * The SensitiveTerm list compiled for matching: one automaton over all terms (folded, see ./fold),
 * built once per list version (./term-cache.ts) and then shared by every check in the process.
 */

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
  /** Folded exceptions per entry, with the term's offsets inside each. */
  private readonly exceptions = new Map<TermEntry, { word: string; offsets: number[] }[]>();

  constructor(terms: readonly TermEntry[]) {
    const byPattern = new Map<string, TermEntry[]>();
    for (const entry of terms) {
      const pattern = foldForMatching(entry.term.trim());
      if (pattern.length === 0) continue;
      const list = byPattern.get(pattern) ?? [];
      list.push(entry);
      byPattern.set(pattern, list);
      const exceptions = entry.exceptions
        .map((word) => foldForMatching(word.trim()))
        .filter((word) => word.length > pattern.length && word.includes(pattern))
        .map((word) => ({ word, offsets: occurrences(word, pattern) }));
      if (exceptions.length > 0) this.exceptions.set(entry, exceptions);
    }
    this.entries = [...byPattern.values()];
    this.automaton = new AhoCorasick([...byPattern.keys()]);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Term hits in one segment: exceptions removed, and a hit inside a longer hit of at least its level dropped. */
  match(segment: Segment, folded = foldForMatching(segment.text)): Hit[] {
    const raw: RawHit[] = [];
    for (const match of this.automaton.search(folded)) {
      for (const entry of this.entries[match.pattern]) {
        if (!this.insideException(entry, folded, match.start)) raw.push({ entry, start: match.start, end: match.end });
      }
    }
    return dropContained(raw).map(({ entry, start, end }) => ({
      level: entry.level,
      rule: "term" as const,
      term: segment.text.slice(start, end),
      suggestion: entry.suggestion,
      category: entry.category,
      message: entry.suggestion ? checksText.termWithSuggestion(entry.suggestion) : checksText.term(entry.level),
      location: { field: segment.field, blockIndex: segment.blockIndex, path: segment.path, offset: start, length: end - start },
      excerpt: excerptAround(segment.text, start, end),
    }));
  }

  private insideException(entry: TermEntry, folded: string, start: number): boolean {
    const exceptions = this.exceptions.get(entry);
    if (!exceptions) return false;
    return exceptions.some(({ word, offsets }) => offsets.some((offset) => start - offset >= 0 && folded.startsWith(word, start - offset)));
  }
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
  for (let i = 0; i < sorted.length; ) {
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

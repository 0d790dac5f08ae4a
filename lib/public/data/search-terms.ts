import { normalise, skeleton, type Normalised } from "@/lib/text/normalise";

/**
 * Query text → search terms, and the highlighted title and snippet of a result. Terms are matched in
 * the normaliser's skeleton (lib/text/normalise.ts), exactly as documents are indexed: traditional
 * characters, full-width digits and letters, spaces inside ISO 9001, quotes in “十三五”规划 and the
 * forms of 3,000 / 三千 all fold away. Highlighting maps skeleton hits back to the text as written.
 */
export const MAX_QUERY_CHARS = 50;
export const MAX_TERMS = 6;

export interface QueryTerm {
  /** As typed. */
  text: string;
  /** As matched. */
  skeleton: string;
  /** The skeleton and its synonyms (filled in by the search). */
  alternatives: string[];
}

/** The query as the reader typed it, for the search box and the URL: only spaces collapsed. */
export function normaliseQuery(raw: string): string {
  return raw.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_CHARS);
}

/** Spaces and list punctuation separate terms; a comma between digits (3,000) does not. */
const SEPARATOR = /\s+|[\u3001\uff0c\uff1b;|\u3002\uff01\uff1f!?]+|,(?!\d{3}(?!\d))|(?<!\d),/u;

/** `make` of a text, kept for the last `limit` texts asked (oldest dropped first): for pure functions only. */
function keptPerText<T>(limit: number, make: (text: string) => T): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    const hit = kept.get(text);
    if (hit !== undefined) return hit;
    const made = make(text);
    kept.set(text, made);
    if (kept.size > limit) kept.delete(kept.keys().next().value as string);
    return made;
  };
}

/**
 * A query word's skeleton, punctuation dropped (but - / . inside ISO-9001, 1.5), kept for the words
 * readers type again and again in new combinations.
 */
const foldedWord = keptPerText(10_000, (part) =>
  skeleton(part)
    .replace(/[\p{P}\p{S}]+/gu, (marks) => (/^[-/.]+$/.test(marks) ? marks : ""))
    .trim(),
);

/** The distinct terms of a query; a document should contain each. Single characters are terms too. */
export function queryTerms(query: string): QueryTerm[] {
  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  for (const part of normaliseQuery(query).split(SEPARATOR)) {
    if (!part) continue;
    const folded = foldedWord(part);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    out.push({ text: part, skeleton: folded, alternatives: [folded] });
    if (out.length === MAX_TERMS) break;
  }
  return out;
}

/**
 * Text blocks (a paragraph, heading, caption) of the results shown, normalised: a hit's text is
 * normalised per block for every search that shows it, and the same articles come up again and again.
 * Keyed by the block's text, so nothing here can be stale; bounded, oldest first.
 */
const normalisedBlock = keptPerText<Normalised>(4_000, normalise);

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Where the needles (skeletons) occur in `text`, as ranges of the text as written, longest first at each place. */
function hitRanges(text: string, needles: readonly string[]): [number, number][] {
  const n = normalisedBlock(text);
  const sorted = [...new Set(needles)].filter(Boolean).sort((a, b) => b.length - a.length);
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < n.text.length) {
    const needle = sorted.find((candidate) => n.text.startsWith(candidate, i));
    if (!needle) {
      i += 1;
      continue;
    }
    ranges.push([n.starts[i], n.ends[i + needle.length - 1]]);
    i += needle.length;
  }
  return ranges;
}

export function highlight(text: string, needles: readonly string[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let from = 0;
  for (const [start, end] of hitRanges(text, needles)) {
    if (start < from) continue;
    if (start > from) parts.push({ text: text.slice(from, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    from = end;
  }
  if (from < text.length) parts.push({ text: text.slice(from), hit: false });
  return parts;
}

/** Sentence ends of Chinese and Latin text: a snippet starts after one and stops after one. */
const SENTENCE_END = /[\u3002\uff01\uff1f\uff1b!?;]/u;

function sentences(block: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < block.length; i += 1) {
    if (SENTENCE_END.test(block[i])) {
      // Closing quotes and brackets belong to the sentence they close.
      let end = i + 1;
      while (end < block.length && /[\u201d\u2019\u300b\uff09)"']/u.test(block[end])) end += 1;
      out.push({ start, end });
      start = end;
      i = end - 1;
    }
  }
  if (start < block.length) out.push({ start, end: block.length });
  return out;
}

/**
 * The best passage of `text` for the needles: text blocks (lines: a paragraph, heading or caption)
 * are never run together; in the block holding the most distinct needles, whole sentences from the
 * one with the first hit, up to about `width` characters. When that block lacks some needle, a
 * sentence from another block that has it follows after " … ", so every term is shown. The parts are
 * text; the page renders them as escaped text inside <mark>, never as HTML.
 */
export function snippet(text: string, needles: readonly string[], width = 110): SnippetPart[] {
  const blocks = text
    .split("\n")
    .map((block) => block.trim())
    .filter(Boolean);
  if (blocks.length === 0) return [];
  const distinct = [...new Set(needles)].filter(Boolean);
  const found = blocks.map((block) => {
    const n = normalisedBlock(block).text;
    return new Set(distinct.filter((needle) => n.includes(needle)));
  });
  let best = 0;
  for (let i = 1; i < blocks.length; i += 1) if (found[i].size > found[best].size) best = i;
  const passages: string[] = [passage(blocks[best], distinct, width)];
  const missing = distinct.filter((needle) => !found[best].has(needle));
  for (const needle of missing) {
    const other = found.findIndex((set, i) => i !== best && set.has(needle));
    if (other >= 0 && passages.length < 3) passages.push(passage(blocks[other], [needle], Math.floor(width / 2)));
  }
  const parts: SnippetPart[] = [];
  passages.forEach((text, i) => {
    if (i > 0) parts.push({ text: " … ", hit: false });
    parts.push(...highlight(text, distinct));
  });
  return parts;
}

function passage(block: string, needles: readonly string[], width: number): string {
  const ranges = hitRanges(block, needles);
  const list = sentences(block);
  const firstHit = ranges[0]?.[0] ?? 0;
  let k = Math.max(
    0,
    list.findIndex((sentence) => firstHit >= sentence.start && firstHit < sentence.end),
  );
  const from = list[k]?.start ?? 0;
  let out = "";
  const lead = k > 0 ? "…" : "";
  for (; k < list.length; k += 1) {
    const sentence = block.slice(list[k].start, list[k].end);
    if (out && out.length + sentence.length > width) break;
    out += sentence;
  }
  if (out.length > width * 1.6) {
    // One very long sentence: cut around its first hit rather than show it all.
    const at = Math.max(0, firstHit - from - Math.floor(width / 3));
    const start = Math.min(at, Math.max(0, out.length - width));
    return `${lead}${start > 0 ? "…" : ""}${out.slice(start, start + width)}…`;
  }
  const rest = block.length > 0 && !block.endsWith(out) ? "…" : "";
  return `${lead}${out}${rest}`;
}

/**
 * Query text → search terms and their bigram tokens, exactly as the manual_search_bigrams SQL
 * function tokenises documents (NFKC, lower-case, runs of CJK ideographs / ASCII letters / digits).
 */
const RUN_SPLIT = /[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+/u;
export const MAX_QUERY_CHARS = 50;
const MAX_TERMS = 6;

export function normaliseQuery(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_CHARS);
}

/** The distinct terms of a query (each must appear in a result); one-character terms are dropped. */
export function queryTerms(query: string): string[] {
  const runs = normaliseQuery(query).toLowerCase().split(RUN_SPLIT);
  return [...new Set(runs.filter((run) => [...run].length >= 2))].slice(0, MAX_TERMS);
}

export function bigrams(term: string): string[] {
  const chars = [...term];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return [...out];
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * A window of `text` around the first hit, split into plain and highlighted parts. The parts are text;
 * the page renders them as escaped text inside <mark>, never as HTML.
 */
export function snippet(text: string, terms: readonly string[], width = 100): SnippetPart[] {
  // Shown as written: NFKC would turn the article's full-width ，。：（） into ASCII marks.
  const flat = text.replace(/\s+/g, " ").trim();
  const lower = flat.toLowerCase();
  const first = Math.min(...terms.map((term) => lower.indexOf(term)).filter((index) => index >= 0), Number.MAX_SAFE_INTEGER);
  const start = first === Number.MAX_SAFE_INTEGER ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  const parts = highlight(flat.slice(start, end), terms);
  if (start > 0) parts.unshift({ text: "…", hit: false });
  if (end < flat.length) parts.push({ text: "…", hit: false });
  return parts;
}

export function highlight(text: string, terms: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const parts: SnippetPart[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const term = terms.filter((candidate) => lower.startsWith(candidate, i)).sort((a, b) => b.length - a.length)[0];
    if (!term) {
      i++;
      continue;
    }
    if (i > plainFrom) parts.push({ text: text.slice(plainFrom, i), hit: false });
    parts.push({ text: text.slice(i, i + term.length), hit: true });
    i += term.length;
    plainFrom = i;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom), hit: false });
  return parts;
}

import { foldForMatching } from "./fold";
import { LeaderTitleRule } from "./leader-title";
import { punctuationHits } from "./punctuation";
import { articleSegments, type ArticleText } from "./segments";
import { TermMatcher } from "./term-matcher";
import type { CheckResult, Hit, LeaderEntry, TermEntry } from "./types";

/** Everything a check needs, compiled: pure and reusable, so tests and the benchmark need no database. */
export interface CompiledChecks {
  terms: TermMatcher;
  leaders: LeaderTitleRule;
}

export function compileChecks(terms: readonly TermEntry[], leaders: readonly LeaderEntry[]): CompiledChecks {
  return { terms: new TermMatcher(terms), leaders: new LeaderTitleRule(leaders) };
}

const FIELD_ORDER = { title: 0, lead: 1, summary: 2, body: 3 } as const;

function comparePath(a: readonly number[] = [], b: readonly number[] = []): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Hits in reading order: field, then position in the body, then offset. */
export function runChecks(compiled: CompiledChecks, article: ArticleText): CheckResult {
  const hits: Hit[] = [];
  for (const segment of articleSegments(article)) {
    hits.push(...compiled.terms.match(segment, foldForMatching(segment.text)), ...compiled.leaders.check(segment), ...punctuationHits(segment));
  }
  hits.sort(
    (a, b) =>
      FIELD_ORDER[a.location.field] - FIELD_ORDER[b.location.field] ||
      comparePath(a.location.path, b.location.path) ||
      a.location.offset - b.location.offset ||
      b.location.length - a.location.length,
  );
  return { hits, blocking: hits.some((hit) => hit.level === "BLOCK") };
}

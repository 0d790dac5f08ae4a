import { LeaderTitleRule } from "./leader-title";
import { checksText } from "./messages";
import { punctuationHits } from "./punctuation";
import { articleSegments, fieldOrder, fieldRuns, type ArticleText } from "./segments";
import { TermMatcher } from "./term-matcher";
import type { CheckResult, Hit, HitLocation, LeaderEntry, TermEntry } from "./types";

/** Everything a check needs, compiled: pure and reusable, so tests and the benchmark need no database. */
export interface CompiledChecks {
  terms: TermMatcher;
  leaders: LeaderTitleRule;
}

export function compileChecks(terms: readonly TermEntry[], leaders: readonly LeaderEntry[]): CompiledChecks {
  return { terms: new TermMatcher(terms), leaders: new LeaderTitleRule(leaders) };
}

function comparePath(a: readonly number[] = [], b: readonly number[] = []): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function compareLocation(a: HitLocation, b: HitLocation): number {
  return (
    fieldOrder(a.field) - fieldOrder(b.field) ||
    comparePath(a.path, b.path) ||
    a.offset - b.offset ||
    b.length - a.length
  );
}

/**
 * The same punctuation mistake found again is one item: `count` and the other places in `others`
 * (the editor highlights every one), the message saying how many — a pasted article with 75
 * half-width commas is one line, not 75. Terms and leader titles stay one item per place: each is
 * a decision for the editor and the reviewers.
 */
function grouped(hits: Hit[]): Hit[] {
  const byKey = new Map<string, Hit>();
  const out: Hit[] = [];
  for (const hit of hits) {
    if (hit.rule !== "punctuation" && hit.rule !== "repeatedPunctuation") {
      out.push(hit);
      continue;
    }
    const key = JSON.stringify([hit.level, hit.rule, hit.term, hit.suggestion, hit.message]);
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, hit);
      out.push(hit);
      continue;
    }
    first.others = [...(first.others ?? []), hit.location];
    first.count = (first.count ?? 1) + 1;
  }
  for (const hit of out) if (hit.count) hit.message = `${hit.message}${checksText.grouped(hit.count)}`;
  return out;
}

/** Hits in reading order: field, then position in the body, then offset; repeats grouped. */
export function runChecks(compiled: CompiledChecks, article: ArticleText): CheckResult {
  const hits: Hit[] = [];
  const segments = articleSegments(article);
  for (const run of fieldRuns(segments)) hits.push(...compiled.terms.match(run), ...compiled.leaders.check(run));
  for (const segment of segments) hits.push(...punctuationHits(segment));
  hits.sort((a, b) => compareLocation(a.location, b.location));
  const result = grouped(hits);
  return { hits: result, blocking: result.some((hit) => hit.level === "BLOCK") };
}

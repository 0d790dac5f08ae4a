import type { BodyDocument, InlineNode } from "@/lib/articles/body";
import { skeleton } from "@/lib/text/normalise";
import { runChecks, type CompiledChecks } from "./run";
import type { ArticleText, AttachedText } from "./segments";
import type { CheckField, Hit, HitLevel } from "./types";

/**
 * Scores the checks against a judged set (tests/fixtures/checks/check-set.json): the figures issue 14
 * sets targets for — recall of expected hits, expected BLOCKs that block, false blocks and false
 * warnings on clean text. Used by the fixture test and by `npm run bench:checks`.
 */
export interface CheckSetCase {
  text: string;
  field?: CheckField;
  expect?: { term: string; level: HitLevel }[];
  note?: string;
}

export interface CheckSetScore {
  expected: number;
  found: number;
  blocksExpected: number;
  blocksBlocked: number;
  cleanCases: number;
  falseBlocks: number;
  falseWarnings: number;
  misses: string[];
  falseAlarms: string[];
}

/** Body text as in the set: a blank line splits paragraphs, a single newline is a hard break. */
export function bodyOf(text: string): BodyDocument {
  return {
    type: "doc",
    content: text.split("\n\n").map((paragraph) => {
      const content: InlineNode[] = [];
      paragraph.split("\n").forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        if (line) content.push({ type: "text", text: line });
      });
      return { type: "paragraph", content };
    }),
  };
}

export function caseArticle(item: CheckSetCase): ArticleText {
  const field = item.field ?? "body";
  const empty: BodyDocument = { type: "doc", content: [] };
  switch (field) {
    case "body":
      return { title: "", body: bodyOf(item.text) };
    case "title":
    case "seriesMark":
    case "lead":
    case "summary":
    case "source":
    case "byline":
      return { title: "", [field]: item.text, body: empty } as ArticleText;
    default: {
      const attached: AttachedText[] = [
        { field, text: item.text, path: field === "figureAlt" || field === "mediaCaption" ? [0] : undefined },
      ];
      return { title: "", body: empty, attached };
    }
  }
}

function matches(hit: Hit, expected: { term: string; level: HitLevel }): boolean {
  if (hit.level !== expected.level) return false;
  const found = skeleton(hit.term);
  const wanted = skeleton(expected.term);
  // A term split over two paragraphs is located in the first, up to its end: that part is shown.
  return found.includes(wanted) || (found.length > 0 && wanted.startsWith(found));
}

export function scoreCheckSet(
  compiled: CompiledChecks,
  dirty: readonly CheckSetCase[],
  clean: readonly CheckSetCase[],
): CheckSetScore {
  const score: CheckSetScore = {
    expected: 0,
    found: 0,
    blocksExpected: 0,
    blocksBlocked: 0,
    cleanCases: clean.length,
    falseBlocks: 0,
    falseWarnings: 0,
    misses: [],
    falseAlarms: [],
  };
  for (const item of dirty) {
    const result = runChecks(compiled, caseArticle(item));
    for (const expected of item.expect ?? []) {
      score.expected += 1;
      if (result.hits.some((hit) => matches(hit, expected))) score.found += 1;
      else
        score.misses.push(
          `${JSON.stringify(item.text)} → ${expected.term} (${expected.level}); got ${result.hits.map((hit) => `${hit.term}/${hit.level}`).join(", ") || "nothing"}`,
        );
    }
    if ((item.expect ?? []).some((expected) => expected.level === "BLOCK")) {
      score.blocksExpected += 1;
      if (result.blocking) score.blocksBlocked += 1;
    }
  }
  for (const item of clean) {
    const result = runChecks(compiled, caseArticle(item));
    const blocks = result.hits.filter((hit) => hit.level === "BLOCK").length;
    if (blocks > 0) score.falseBlocks += 1;
    score.falseWarnings += result.hits.length - blocks;
    if (result.hits.length > 0)
      score.falseAlarms.push(
        `${JSON.stringify(item.text)} → ${result.hits.map((hit) => `${hit.term}/${hit.level}`).join(", ")}`,
      );
  }
  return score;
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { scoreCheckSet, type CheckSetCase } from "@/lib/checks/evaluate";
import { compileChecks } from "@/lib/checks/run";
import type { LeaderEntry, TermEntry } from "@/lib/checks/types";

interface CheckSet {
  terms: TermEntry[];
  leaders: LeaderEntry[];
  dirty: CheckSetCase[];
  clean: CheckSetCase[];
}

const set = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/checks/check-set.json"), "utf8")) as CheckSet;

describe("content checks on the judged check set (issue 14 targets)", () => {
  const score = scoreCheckSet(compileChecks(set.terms, set.leaders), set.dirty, set.clean);

  it("has at least 50 dirty and 50 clean snippets", () => {
    expect(set.dirty.length).toBeGreaterThanOrEqual(50);
    expect(set.clean.length).toBeGreaterThanOrEqual(50);
  });

  it("finds every expected hit, disguised or not (recall 100 %)", () => {
    expect(score.misses).toEqual([]);
    expect(score.found).toBe(score.expected);
  });

  it("blocks every snippet with an expected BLOCK", () => {
    expect(score.blocksBlocked).toBe(score.blocksExpected);
  });

  it("blocks no clean snippet and warns at most once on all of them", () => {
    expect(score.falseBlocks).toBe(0);
    expect(score.falseWarnings).toBeLessThanOrEqual(1);
  });
});

/** The public shapes of the content checks (see ./index.ts for the contract). */

export type HitLevel = "BLOCK" | "WARN";
export type HitRule = "term" | "leaderTitle" | "punctuation" | "repeatedPunctuation";
export type CheckField = "title" | "lead" | "summary" | "body";

export interface HitLocation {
  field: CheckField;
  /** Body only: index of the top-level block in `doc.content`. */
  blockIndex?: number;
  /**
   * Body only: indices from `doc.content` down to the text block (paragraph, heading, figure caption,
   * table-cell paragraph …), e.g. [4, 1, 0] = doc.content[4].content[1].content[0].
   */
  path?: number[];
  /**
   * UTF-16 offset inside the field's text, or inside the text block's inline content where each text
   * node counts its characters and each hardBreak counts 1 — the same units as ProseMirror positions,
   * so the editor's position is (start of the block's content) + offset.
   */
  offset: number;
  length: number;
}

export interface Hit {
  level: HitLevel;
  rule: HitRule;
  /** The text that was flagged, as written. */
  term: string;
  /** A replacement, or "" when there is none. */
  suggestion: string;
  category: string;
  /** One sentence in Chinese for the editor and reviewers. */
  message: string;
  location: HitLocation;
  /** The flagged text with a little context around it. */
  excerpt: string;
}

export interface CheckResult {
  hits: Hit[];
  /** A BLOCK hit stops submission. */
  blocking: boolean;
}

/** One term of the SensitiveTerm list, as the matcher needs it. */
export interface TermEntry {
  term: string;
  level: HitLevel;
  suggestion: string;
  category: string;
  /** Longer allowed words that contain the term; a hit inside one of them is not reported. */
  exceptions: readonly string[];
}

/** A configured leader: the name, and the titles that may stand next to it. */
export interface LeaderEntry {
  name: string;
  titles: readonly string[];
  /** BLOCK unless configured otherwise: a wrong title for a leader is a political error. */
  level?: HitLevel;
}

/** A run of text that terms may match inside, never across. */
export interface Segment {
  field: CheckField;
  text: string;
  blockIndex?: number;
  path?: number[];
}

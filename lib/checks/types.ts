/** The public shapes of the content checks (see ./index.ts for the contract). */

export type HitLevel = "BLOCK" | "WARN";
export type HitRule = "term" | "leaderTitle" | "punctuation" | "repeatedPunctuation";
/**
 * Every field the public sees. The revision's own: title, overTitle (引题), subtitle (副题), seriesMark,
 * lead, summary, source (来源), byline (作者), responsibleEditor (责任编辑), body (figure captions included) and figureAlt (a body photo's alt text; `path` leads
 * to the figure). Stored with the photo or the profile: mediaCaption (`path` = the figure),
 * coverAlt, coverCaption, profileName, profileHonour, profilePosition, profileOrganisation, portraitAlt.
 */
export type CheckField =
  | "title"
  | "overTitle"
  | "subtitle"
  | "seriesMark"
  | "lead"
  | "summary"
  | "source"
  | "byline"
  | "responsibleEditor"
  | "body"
  | "figureAlt"
  | "mediaCaption"
  | "coverAlt"
  | "coverCaption"
  | "profileName"
  | "profileHonour"
  | "profilePosition"
  | "profileOrganisation"
  | "portraitAlt";

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
  /**
   * Repeated hits of the same rule, text and suggestion are one item (a pasted article with 75 half-width
   * commas is one line, not 75): `count` occurrences in all, `location` the first, `others` the rest.
   */
  count?: number;
  others?: HitLocation[];
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
  /**
   * Only where the term is a word of its own (word boundaries by the segmenter): 黄色 not in 金黄色.
   * Terms of one or two characters are always matched this way (see ./term-matcher.ts).
   */
  wholeWord?: boolean;
}

/** A configured leader: the name, and the titles that may stand next to it. */
export interface LeaderEntry {
  name: string;
  titles: readonly string[];
  /** BLOCK unless configured otherwise: a wrong title for a leader is a political error. */
  level?: HitLevel;
}

/** One text block as written (a field, or one paragraph / heading / caption / cell paragraph of the body). */
export interface Segment {
  field: CheckField;
  text: string;
  blockIndex?: number;
  path?: number[];
}

/**
 * A field's text blocks joined into one run for matching: consecutive blocks are joined with a "\n",
 * which the normaliser drops between Chinese characters, so a term split over two paragraphs or by a
 * hard break still matches. `skeleton` is the normalised run (lib/text/normalise.ts); hits found in
 * it map back through the offset map to a block and an offset as written.
 */
export interface FieldRun {
  field: CheckField;
  text: string;
  pieces: { segment: Segment; start: number; end: number }[];
  /** Skeleton offsets where one block's text ends and the next begins: always word boundaries. */
  joints: number[];
  skeleton: import("@/lib/text/normalise").Normalised;
}

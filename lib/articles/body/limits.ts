/** The bounds an article body is held to (lib/articles/body/schema.ts checks them before zod). */
export const BODY_LIMITS = {
  /** Nodes from `doc` down to a text node. Real articles stay under ~12 (five nested lists). */
  maxDepth: 20,
  /** Every object in a `content` array counts, text fragments included. */
  maxNodes: 50_000,
  /** Serialized JSON (UTF-8). A long feature article with many tables is ~200 KB. */
  maxBytes: 2 * 1024 * 1024,
  /** One text fragment: longer than any real paragraph, short enough to keep a single string cheap. */
  maxTextLength: 20_000,
  maxAltLength: 500,
  maxHrefLength: 2048,
  /** Larger spans than this only ever come from a broken paste and blow up the phone layout. */
  maxCellSpan: 50,
  maxListStart: 100_000,
} as const;

/**
 * Besides the node nesting, a node carries marks → mark → attrs (three more JSON levels) and each
 * nesting step is an object plus its `content` array, so this bounds JSON depth for a valid body.
 * It stops hostile nesting hidden where no node is (e.g. inside an unknown attribute).
 */
export const MAX_JSON_DEPTH = 2 * BODY_LIMITS.maxDepth + 4;

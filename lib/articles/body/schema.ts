import { z } from "zod";
import type {
  BlockNode,
  BodyDocument,
  FigureNode,
  HeadingNode,
  InlineNode,
  ListItemNode,
  Mark,
  OrderedListNode,
  ParagraphNode,
  TableCellNode,
  TableNode,
} from "../body";
import { M, describeIssue, formatPath, isUnsupported, locate, type PathKey } from "./issues";
import { BODY_LIMITS, MAX_JSON_DEPTH } from "./limits";
import { isAllowedHref } from "./count";

/**
 * Server-side validation of an article body (Tiptap JSON). The hand-written types in `./body` stay the
 * source of truth, because the renderer is written against them; the schema below must agree with them
 * exactly, which the compile-time checks at the end of the schema section enforce in both directions.
 *
 * Untrusted input goes through `parseBody`, never straight into the zod schema: zod walks recursively,
 * so a body nested a few thousand levels deep would overflow the stack (and `JSON.stringify` would too).
 * `parseBody` therefore first walks the input iteratively, with a stack whose height is bounded by the
 * depth limit, and rejects over-deep, over-large or over-populated input before zod sees it.
 */

// The plain-text extraction lives with the renderer it mirrors; it is re-exported so callers that
// validate a body also find its text (search column, character count) in the same place.
export { bodyPlainText } from "../render-body";
export { BODY_LIMITS } from "./limits";
export { countCharacters, figuresWithoutAlt, isAllowedHref } from "./count";

// ---------------------------------------------------------------------------------------------------
// Schema

const hrefSchema = z
  .string()
  .max(BODY_LIMITS.maxHrefLength, { error: M.hrefTooLong })
  .refine(isAllowedHref, { error: M.hrefScheme });

const markSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("bold") }),
  z.strictObject({ type: z.literal("italic") }),
  z.strictObject({ type: z.literal("underline") }),
  z.strictObject({ type: z.literal("link"), attrs: z.strictObject({ href: hrefSchema }) }),
]);

const textNodeSchema = z.strictObject({
  type: z.literal("text"),
  // ProseMirror never stores an empty text node; one here means the JSON was not made by the editor.
  text: z.string().min(1, { error: M.emptyText }).max(BODY_LIMITS.maxTextLength, { error: M.textTooLong }),
  marks: z
    .array(markSchema)
    .max(4, { error: M.tooManyMarks })
    .refine((marks) => new Set(marks.map((mark) => mark.type)).size === marks.length, {
      error: M.duplicateMarks,
    })
    .optional(),
});

const hardBreakSchema = z.strictObject({ type: z.literal("hardBreak") });

const inlineNodeSchema = z.discriminatedUnion("type", [textNodeSchema, hardBreakSchema]);

const paragraphSchema = z.strictObject({
  type: z.literal("paragraph"),
  content: z.array(inlineNodeSchema).optional(),
});

const headingSchema = z.strictObject({
  type: z.literal("heading"),
  // Level 1 is the article title, which the page renders itself; the body never repeats it.
  attrs: z.strictObject({ level: z.literal([2, 3], { error: M.headingLevel }) }),
  content: z.array(inlineNodeSchema).optional(),
});

// Recursion goes through this one annotated lazy schema, so TypeScript can infer everything else.
// The annotation also checks that whatever the union accepts is a BlockNode.
const blockNodeSchema: z.ZodType<BlockNode> = z.lazy(() => blockNodeUnion);

const listItemSchema = z.strictObject({
  type: z.literal("listItem"),
  content: z.array(blockNodeSchema).min(1, { error: M.emptyContainer }),
});

const bulletListSchema = z.strictObject({
  type: z.literal("bulletList"),
  content: z.array(listItemSchema).min(1, { error: M.emptyContainer }),
});

const listStartSchema = z
  .int({ error: M.listStart })
  .min(1, { error: M.listStart })
  .max(BODY_LIMITS.maxListStart, { error: M.listStart });

const orderedListSchema = z.strictObject({
  type: z.literal("orderedList"),
  attrs: z.strictObject({ start: listStartSchema.optional() }).optional(),
  content: z.array(listItemSchema).min(1, { error: M.emptyContainer }),
});

const blockquoteSchema = z.strictObject({
  type: z.literal("blockquote"),
  content: z.array(blockNodeSchema).min(1, { error: M.emptyContainer }),
});

const horizontalRuleSchema = z.strictObject({ type: z.literal("horizontalRule") });

const cellSpanSchema = z
  .int({ error: M.cellSpan })
  .min(1, { error: M.cellSpan })
  .max(BODY_LIMITS.maxCellSpan, { error: M.cellSpan });

const tableCellSchema = z.strictObject({
  type: z.enum(["tableCell", "tableHeader"]),
  attrs: z.strictObject({ colspan: cellSpanSchema.optional(), rowspan: cellSpanSchema.optional() }).optional(),
  content: z.array(paragraphSchema).min(1, { error: M.emptyContainer }),
});

const tableRowSchema = z.strictObject({
  type: z.literal("tableRow"),
  content: z.array(tableCellSchema).min(1, { error: M.emptyContainer }),
});

const tableSchema = z.strictObject({
  type: z.literal("table"),
  content: z.array(tableRowSchema).min(1, { error: M.emptyContainer }),
});

const figureSchema = z.strictObject({
  type: z.literal("figure"),
  attrs: z.strictObject({
    // A Media row's id, never a URL: the renderer looks the photo up, so no address comes from the body.
    mediaId: z.uuid({ error: M.mediaId }),
    // Alt text is required for every photo (accessibility rules for government sites), but only at
    // submission (checkBeforeSubmit in lib/workflow/transition.ts): a draft with a photo just dropped in must
    // still save, or autosave would refuse everything typed until the photo is described.
    alt: z.string().max(BODY_LIMITS.maxAltLength, { error: M.altTooLong }),
    align: z.enum(["center", "left", "right"], { error: M.align }).optional(),
  }),
  content: z.array(inlineNodeSchema).optional(),
});

const blockNodeUnion = z.discriminatedUnion("type", [
  paragraphSchema,
  headingSchema,
  bulletListSchema,
  orderedListSchema,
  blockquoteSchema,
  horizontalRuleSchema,
  tableSchema,
  figureSchema,
]);

const bodyDocumentSchema = z.strictObject({
  type: z.literal("doc"),
  content: z.array(blockNodeSchema),
});

/**
 * Compile-time proof that schema and hand-written types describe the same documents: adding a node,
 * mark or attribute (even an optional one) to one side only breaks `tsc`. Identity rather than mutual
 * assignability, because an extra optional attribute is assignable both ways and would slip through.
 */
type Agree<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesTypes = {
  mark: true,
  inline: true,
  paragraph: true,
  heading: true,
  listItem: true,
  orderedList: true,
  tableCell: true,
  table: true,
  figure: true,
  block: true,
  document: true,
} satisfies {
  mark: Agree<z.output<typeof markSchema>, Mark>;
  inline: Agree<z.output<typeof inlineNodeSchema>, InlineNode>;
  paragraph: Agree<z.output<typeof paragraphSchema>, ParagraphNode>;
  heading: Agree<z.output<typeof headingSchema>, HeadingNode>;
  listItem: Agree<z.output<typeof listItemSchema>, ListItemNode>;
  orderedList: Agree<z.output<typeof orderedListSchema>, OrderedListNode>;
  tableCell: Agree<z.output<typeof tableCellSchema>, TableCellNode>;
  table: Agree<z.output<typeof tableSchema>, TableNode>;
  figure: Agree<z.output<typeof figureSchema>, FigureNode>;
  block: Agree<z.output<typeof blockNodeUnion>, BlockNode>;
  document: Agree<z.output<typeof bodyDocumentSchema>, BodyDocument>;
};
void schemaMatchesTypes;

// ---------------------------------------------------------------------------------------------------
// Guard: an iterative walk before zod

interface GuardFailure {
  kind: "depth" | "nodes" | "size";
  path: PathKey[];
}

interface Cursor {
  container: object;
  /** Own keys of an object; undefined for an array. */
  keys: string[] | undefined;
  length: number;
  next: number;
  /** Depth of the nearest enclosing node (this container's own depth when it is a node). */
  nodeDepth: number;
  /** An array under a node's `content`: its object elements are nodes one level deeper. */
  holdsNodes: boolean;
  isNode: boolean;
  /** Key of this container in its parent; undefined for the root. */
  key: PathKey | undefined;
}

/** Byte length of `JSON.stringify(text)` in UTF-8, without building the string. */
function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20) bytes += 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (code >= 0xd800 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

function primitiveBytes(value: unknown): number {
  switch (typeof value) {
    case "string":
      return jsonStringBytes(value);
    case "number":
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
      return value ? 4 : 5;
    case "bigint":
      return String(value).length;
    default:
      return 4; // null, and undefined/function/symbol inside arrays, serialize as "null"
  }
}

function omittedFromJson(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/**
 * Measures depth, node count and serialized size in one pass. Containers are visited with a cursor
 * each, so memory is bounded by the depth limit however wide the input is, and the walk stops at the
 * first limit it crosses (a million-level nesting is rejected after some forty containers).
 */
function checkLimits(input: unknown): GuardFailure | undefined {
  const stack: Cursor[] = [];
  let nodes = 0;
  let bytes = 0;

  const pathTo = (key: PathKey | undefined): PathKey[] => {
    const path = stack.slice(1).map((cursor) => cursor.key as PathKey);
    return key === undefined ? path : [...path, key];
  };

  const enter = (
    value: object,
    key: PathKey | undefined,
    isNode: boolean,
    nodeDepth: number,
    holdsNodes: boolean,
  ): GuardFailure | undefined => {
    if (stack.length + 1 > MAX_JSON_DEPTH || (isNode && nodeDepth > BODY_LIMITS.maxDepth)) {
      return { kind: "depth", path: pathTo(key) };
    }
    if (isNode && ++nodes > BODY_LIMITS.maxNodes) return { kind: "nodes", path: pathTo(key) };
    bytes += 2;
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const length = Array.isArray(value) ? value.length : (keys?.length ?? 0);
    stack.push({ container: value, keys, length, next: 0, nodeDepth, holdsNodes, isNode, key });
    return undefined;
  };

  if (typeof input !== "object" || input === null) return undefined; // zod reports the wrong type
  const rootFailure = enter(input, undefined, true, 1, false);
  if (rootFailure) return rootFailure;

  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.length) {
      stack.pop();
      continue;
    }
    const index = top.next++;
    let key: PathKey;
    let child: unknown;
    if (top.keys) {
      key = top.keys[index];
      child = (top.container as Record<string, unknown>)[key];
      if (omittedFromJson(child)) continue;
      bytes += jsonStringBytes(key) + 1 + (index > 0 ? 1 : 0);
    } else {
      key = index;
      child = (top.container as unknown[])[index];
      bytes += index > 0 ? 1 : 0;
    }

    let entered = false;
    if (typeof child === "object" && child !== null) {
      entered = true;
      const childIsNode = top.holdsNodes && !Array.isArray(child);
      const failure = enter(
        child,
        key,
        childIsNode,
        childIsNode ? top.nodeDepth + 1 : top.nodeDepth,
        top.isNode && key === "content" && Array.isArray(child),
      );
      if (failure) return failure;
    } else {
      bytes += primitiveBytes(child);
    }
    // Once entered, the child is on the stack and its key is already part of the path.
    if (bytes > BODY_LIMITS.maxBytes) return { kind: "size", path: entered ? pathTo(undefined) : pathTo(key) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Entry points

export type ParseBodyResult = { ok: true; body: BodyDocument } | { ok: false; message: string; path: string };

/**
 * A body read back from the database for display: stored bodies were validated when saved, so one that
 * no longer passes (a stricter rule since) is shown as an empty document rather than failing the page.
 */
export function storedBodyOrEmpty(stored: unknown): BodyDocument {
  const parsed = parseBody(stored);
  return parsed.ok ? parsed.body : { type: "doc", content: [] };
}

/**
 * Validates an article body from an untrusted source. Accepts the parsed JSON value or the JSON text
 * itself (a form field); text is size-checked before `JSON.parse`, which is iterative in V8 and so
 * safe at any depth. `path` is machine-readable (`content[2].content[0].marks[0].attrs.href`);
 * `message` names the place the way staff see it ("第 3 段", "第 2 项", “文字”处).
 */
export function parseBody(input: unknown): ParseBodyResult {
  let value = input;
  if (typeof input === "string") {
    // Each UTF-16 unit is at most 3 UTF-8 bytes, so the exact count is only needed near the limit.
    if (input.length * 3 > BODY_LIMITS.maxBytes && jsonStringBytes(input) - 2 > BODY_LIMITS.maxBytes) {
      return { ok: false, message: M.tooLarge, path: "" };
    }
    try {
      value = JSON.parse(input) as unknown;
    } catch {
      return { ok: false, message: M.notJson, path: "" };
    }
  }

  const failure = checkLimits(value);
  if (failure) {
    // Only the top-level block is named: the path of a hostile nesting is as long as the nesting.
    const message =
      failure.kind === "depth"
        ? M.tooDeep(locate(value, failure.path.slice(0, 2)).where)
        : failure.kind === "nodes"
          ? M.tooManyNodes
          : M.tooLarge;
    return { ok: false, message, path: formatPath(failure.path) };
  }

  const result = bodyDocumentSchema.safeParse(value);
  if (result.success) return { ok: true, body: result.data };
  // The most serious problem first: staff should hear about a script before a missing caption.
  const issue = result.error.issues.find(isUnsupported) ?? result.error.issues[0];
  const path = issue.path as PathKey[];
  // zod puts an unknown key's issue on the object; the key itself is the more useful address.
  const fullPath = issue.code === "unrecognized_keys" ? [...path, issue.keys[0]] : path;
  return { ok: false, message: describeIssue(value, issue), path: formatPath(fullPath) };
}

/**
 * The body as a form-schema field (`z.object({ title, body: bodySchema })`): runs `parseBody`, so the
 * guard cannot be skipped by composing the raw schema, and carries its Chinese message on the field.
 */
export const bodySchema = z.unknown().transform((input, ctx): BodyDocument => {
  const result = parseBody(input);
  if (result.ok) return result.body;
  ctx.issues.push({ code: "custom", message: result.message, input, params: { path: result.path } });
  return z.NEVER;
}) satisfies z.ZodType<BodyDocument, unknown>;

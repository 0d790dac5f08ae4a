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
} from "./body";

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
export { bodyPlainText } from "./render-body";

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
const MAX_JSON_DEPTH = 2 * BODY_LIMITS.maxDepth + 4;

// Messages shown to staff as they are. Kept together so they can move into lib/i18n/zh-CN.ts.
const M = {
  unsupported: "正文包含不支持的内容：",
  structure: "正文结构有误：",
  invalid: "正文格式有误：",
  notJson: "正文格式有误：不是有效的 JSON 数据",
  notDocument: "正文格式有误：不是有效的正文文档",
  tooDeep: (where: string) =>
    `正文嵌套层级过深：${where}的列表或引用嵌套超过 ${BODY_LIMITS.maxDepth} 层，请减少嵌套`,
  tooManyNodes: `正文内容过多：超过 ${BODY_LIMITS.maxNodes} 个元素（段落、文字片段等）,请拆分为多篇文章`,
  tooLarge: `正文过长：数据超过 ${BODY_LIMITS.maxBytes / 1024 / 1024} MB,请拆分为多篇文章`,
  // Phrases appended to a field label, e.g. "链接地址" + hrefScheme.
  hrefScheme: "只能是以 http://、https:// 或 mailto: 开头的完整地址，且不能包含空格",
  hrefTooLong: `过长（最多 ${BODY_LIMITS.maxHrefLength} 个字符）`,
  headingLevel: "只能是 2 或 3（二级或三级标题）",
  mediaId: "无效，请从图片库重新插入图片",
  emptyText: "不能为空",
  textTooLong: `过长（单个文字片段最多 ${BODY_LIMITS.maxTextLength} 个字符）,请分段`,
  altTooLong: `过长（最多 ${BODY_LIMITS.maxAltLength} 个字符）`,
  cellSpan: `必须是 1 到 ${BODY_LIMITS.maxCellSpan} 之间的整数`,
  listStart: `必须是 1 到 ${BODY_LIMITS.maxListStart} 之间的整数`,
  align: "只能是居中、居左或居右",
  duplicateMarks: "不能重复",
  tooManyMarks: "过多",
  emptyContainer: "不能为空",
} as const;

// ---------------------------------------------------------------------------------------------------
// Schema

/**
 * Only absolute web and mail links. The scheme must be the very first characters and no whitespace or
 * control character may appear anywhere, because browsers strip those before reading the scheme
 * (" javascript:", "java\tscript:"). `data:`, `javascript:`, `vbscript:` and relative URLs fail the
 * scheme test; http(s) must also parse as a URL with a host.
 */
export function isAllowedHref(href: string): boolean {
  if (!/^[^\s\u0000-\u001f\u007f-\u009f]+$/u.test(href)) return false;
  if (/^mailto:./i.test(href)) return true;
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return new URL(href).hostname.length > 0;
  } catch {
    return false;
  }
}

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
  text: z
    .string()
    .min(1, { error: M.emptyText })
    .max(BODY_LIMITS.maxTextLength, { error: M.textTooLong }),
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

type PathKey = string | number;

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
// Readable messages

const NODE_NAMES: Record<string, string> = {
  heading: "标题",
  bulletList: "列表",
  orderedList: "编号列表",
  blockquote: "引用",
  horizontalRule: "分隔线",
  table: "表格",
  figure: "图片",
};

const FIELD_LABELS: Record<string, string> = {
  type: "节点类型",
  content: "内容",
  text: "文字",
  marks: "格式",
  attrs: "属性",
  href: "链接地址",
  mediaId: "图片编号",
  alt: "图片替代文字",
  align: "对齐方式",
  level: "标题级别",
  start: "起始编号",
  colspan: "合并列数",
  rowspan: "合并行数",
};

const KNOWN_NODE_TYPES = new Set([
  "doc",
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "horizontalRule",
  "table",
  "tableRow",
  "tableCell",
  "tableHeader",
  "figure",
  "text",
  "hardBreak",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.type === "string" ? value.type : undefined;
}

function snippet(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length > 12 ? `${chars.slice(0, 12).join("")}…` : chars.join("");
}

/** How staff would name the child at `index` of a node's content: 第 3 段, 第 2 项, 第 1 行 … */
function childLabel(parent: unknown, index: number, child: unknown): string {
  const n = index + 1;
  const name = NODE_NAMES[typeOf(child) ?? ""];
  const suffix = name ? `（${name}）` : "";
  switch (typeOf(parent)) {
    case "paragraph":
    case "heading":
    case "figure": {
      const text = isRecord(child) && typeof child.text === "string" ? snippet(child.text) : "";
      return text ? `“${text}”处` : `第 ${n} 处`;
    }
    case "bulletList":
    case "orderedList":
      return `第 ${n} 项`;
    case "table":
      return `第 ${n} 行`;
    case "tableRow":
      return `第 ${n} 格`;
    default:
      return `第 ${n} 段${suffix}`;
  }
}

interface Located {
  /** "第 3 段（表格）第 2 行第 1 格", or "正文" for the document itself. */
  where: string;
  /** The node or mark the path ends in (or inside), and the remaining keys below it. */
  owner: unknown;
  ownerIsMark: boolean;
  rest: PathKey[];
}

function locate(root: unknown, path: readonly PathKey[]): Located {
  let where = "";
  let current: unknown = root;
  let ownerIsMark = false;
  let i = 0;
  while (i < path.length) {
    const key = path[i];
    const index = path[i + 1];
    if ((key === "content" || key === "marks") && typeof index === "number" && isRecord(current)) {
      const list = current[key];
      const child = Array.isArray(list) ? (list[index] as unknown) : undefined;
      // A mark is named by its field ("链接地址"), not by its position among the marks.
      if (key === "content") where += childLabel(current, index, child);
      ownerIsMark = key === "marks";
      current = child;
      i += 2;
      continue;
    }
    break;
  }
  return { where: where || "正文", owner: current, ownerIsMark, rest: path.slice(i) };
}

function valueAt(start: unknown, path: readonly PathKey[]): unknown {
  let current = start;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

function formatPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

type Issue = z.core.$ZodIssue;

const OWN_PHRASES = new Set<string>(Object.values(M).filter((value) => typeof value === "string"));

function isUnsupported(issue: Issue): boolean {
  return (
    issue.code === "unrecognized_keys" ||
    (issue.code === "invalid_union" && issue.path.at(-1) === "type") ||
    (issue.code === "invalid_value" && issue.path.at(-1) === "type") ||
    issue.message === M.hrefScheme
  );
}

function describeIssue(root: unknown, issue: Issue): string {
  if (issue.path.length === 0 && issue.code === "invalid_type") return M.notDocument;
  const { where, owner, ownerIsMark, rest } = locate(root, issue.path as PathKey[]);
  const last = rest.at(-1);
  const label = typeof last === "string" ? (FIELD_LABELS[last] ?? last) : "内容";

  if (issue.code === "unrecognized_keys") {
    let keys = issue.keys;
    // A node that takes no attributes at all (paragraph) reports "attrs"; name what was inside instead.
    if (keys.length === 1 && keys[0] === "attrs" && rest.length === 0 && isRecord(owner) && isRecord(owner.attrs)) {
      const inner = Object.keys(owner.attrs);
      if (inner.length > 0) keys = inner;
    }
    return `${M.unsupported}${where}的属性 ${keys.join("、")}`;
  }

  if (last === "type" && rest.length === 1 && (issue.code === "invalid_union" || issue.code === "invalid_value")) {
    const type = typeOf(owner);
    if (type === undefined) return `${M.invalid}${where}缺少${ownerIsMark ? "格式类型" : "节点类型"}`;
    if (ownerIsMark) return `${M.unsupported}${where}的格式 ${type}`;
    if (KNOWN_NODE_TYPES.has(type)) return `${M.structure}${where}的位置不能放 ${type} 节点`;
    return `${M.unsupported}${where}的节点类型 ${type}`;
  }

  const subject = ownerIsMark && rest.length === 0 ? "格式" : label;
  if (issue.message === M.hrefScheme) return `${M.unsupported}${where}的${subject}${issue.message}`;
  // zod leaves `input` off its issues, so "missing" is read from the document itself.
  if (issue.code === "invalid_type" && valueAt(owner, rest) === undefined) return `${M.invalid}${where}缺少${subject}`;
  // zod's own defaults are English; only our phrases are shown as they are.
  const phrase = OWN_PHRASES.has(issue.message) ? issue.message : "格式不正确";
  return `${M.invalid}${where}的${subject}${phrase}`;
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

// ---------------------------------------------------------------------------------------------------
// Character count

/**
 * East Asian characters and full-width punctuation: one each, as 字数 counts them. Hangul is left out
 * on purpose: Word counts Korean by words （中文字符和朝鲜语单词）, which the word rule below does.
 * U+3000 (full-width space) is matched as whitespace before this test.
 */
const EAST_ASIAN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\u31c0-\u31ef\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7\u2e3a\u2e3b]/u;
const WHITESPACE = /\s/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Counts text the way Word's and WPS's 字数 does, which is what staff and editors' length limits mean:
 * - each Chinese (Japanese kana too) character counts 1, and so does each full-width or Chinese
 *   punctuation mark (,。、“”《》——…·);
 * - whitespace, including the full-width space, counts 0;
 * - any other run of characters between whitespace and East Asian characters counts 1 if it holds a
 *   letter or digit: "2021年7月27日" is 6, "COVID-19" is 1, "Hello, world." is 2;
 * - half-width punctuation standing alone (" - ", "...") counts 0.
 */
export function countCharacters(text: string): number {
  let count = 0;
  let inWord = false;
  let wordHasLetter = false;
  const endWord = () => {
    if (inWord && wordHasLetter) count++;
    inWord = false;
    wordHasLetter = false;
  };
  for (const char of text) {
    if (WHITESPACE.test(char)) {
      endWord();
    } else if (EAST_ASIAN.test(char)) {
      endWord();
      count++;
    } else {
      inWord = true;
      if (WORD_CHARACTER.test(char)) wordHasLetter = true;
    }
  }
  endWord();
  return count;
}

/** How many figures in a stored body have no alt text yet (submission requires none). */
export function figuresWithoutAlt(body: unknown): number {
  if (!body || typeof body !== "object") return 0;
  const node = body as { type?: unknown; attrs?: { alt?: unknown }; content?: unknown };
  const own = node.type === "figure" && !(typeof node.attrs?.alt === "string" && node.attrs.alt.trim()) ? 1 : 0;
  const children = Array.isArray(node.content) ? node.content : [];
  return children.reduce<number>((sum, child) => sum + figuresWithoutAlt(child), own);
}

import type { z } from "zod";
import { BODY_LIMITS } from "./limits";

// How a refused body is explained to staff: the place named as they see it (第 3 段, 第 2 项) and the
// problem in Chinese. parseBody (./schema.ts) turns zod's issues and the guard's failures into these.

// Messages shown to staff as they are. Kept together so they can move into lib/i18n/zh-CN.ts.
export type PathKey = string | number;

export const M = {
  unsupported: "正文包含不支持的内容：",
  structure: "正文结构有误：",
  invalid: "正文格式有误：",
  notJson: "正文格式有误：不是有效的 JSON 数据",
  notDocument: "正文格式有误：不是有效的正文文档",
  tooDeep: (where: string) => `正文嵌套层级过深：${where}的列表或引用嵌套超过 ${BODY_LIMITS.maxDepth} 层，请减少嵌套`,
  tooManyNodes: `正文内容过多：超过 ${BODY_LIMITS.maxNodes} 个元素（段落、文字片段等），请拆分为多篇文章`,
  tooLarge: `正文过长：数据超过 ${BODY_LIMITS.maxBytes / 1024 / 1024} MB，请拆分为多篇文章`,
  // Phrases appended to a field label, e.g. "链接地址" + hrefScheme.
  hrefScheme: "只能是以 http://、https:// 或 mailto: 开头的完整地址，且不能包含空格",
  hrefTooLong: `过长（最多 ${BODY_LIMITS.maxHrefLength} 个字符）`,
  headingLevel: "只能是 2 或 3（二级或三级标题）",
  mediaId: "无效，请从图片库重新插入图片",
  emptyText: "不能为空",
  textTooLong: `过长（单个文字片段最多 ${BODY_LIMITS.maxTextLength} 个字符），请分段`,
  altTooLong: `过长（最多 ${BODY_LIMITS.maxAltLength} 个字符）`,
  cellSpan: `必须是 1 到 ${BODY_LIMITS.maxCellSpan} 之间的整数`,
  listStart: `必须是 1 到 ${BODY_LIMITS.maxListStart} 之间的整数`,
  align: "只能是居中、居左或居右",
  duplicateMarks: "不能重复",
  tooManyMarks: "过多",
  emptyContainer: "不能为空",
} as const;

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

export function locate(root: unknown, path: readonly PathKey[]): Located {
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

export function formatPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

type Issue = z.core.$ZodIssue;

const OWN_PHRASES = new Set<string>(Object.values(M).filter((value) => typeof value === "string"));

export function isUnsupported(issue: Issue): boolean {
  return (
    issue.code === "unrecognized_keys" ||
    (issue.code === "invalid_union" && issue.path.at(-1) === "type") ||
    (issue.code === "invalid_value" && issue.path.at(-1) === "type") ||
    issue.message === M.hrefScheme
  );
}

export function describeIssue(root: unknown, issue: Issue): string {
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

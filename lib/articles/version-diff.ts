import { diffArrays, diffChars } from "diff";
import type { BlockNode, BodyDocument, InlineNode } from "./body";
import { bodyPlainText } from "./render-body";

/**
 * Readable side-by-side differences between two versions of an article, for the revision history,
 * the save-conflict dialog and the review page (against the published revision): the fields (title, series mark, lead …), the structure (which blocks,
 * in which order) and the text, line by line with the changed characters marked. Chinese has no
 * spaces between words, so changes are marked by character, not by word.
 *
 * This half compares two versions already in hand and runs in the editor's bundle (the conflict
 * dialog), so it imports no zod: reading stored revisions (their `meta`, a stored body) is
 * lib/articles/revision-diff.ts.
 */

export interface Segment {
  text: string;
  /** Removed (on the left) or added (on the right). */
  changed: boolean;
}

export interface DiffRow {
  kind: "same" | "changed" | "removed" | "added";
  left: Segment[] | null;
  right: Segment[] | null;
}

/** Above this many characters in one changed pair a character diff is slow and unreadable anyway. */
const CHAR_DIFF_LIMIT = 4000;

function pairRows(removed: string[], added: string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  const pairs = Math.max(removed.length, added.length);
  for (let i = 0; i < pairs; i++) {
    const left = removed[i];
    const right = added[i];
    if (left !== undefined && right !== undefined) {
      if (left.length + right.length > CHAR_DIFF_LIMIT) {
        rows.push({ kind: "changed", left: [{ text: left, changed: true }], right: [{ text: right, changed: true }] });
        continue;
      }
      const parts = diffChars(left, right);
      rows.push({
        kind: "changed",
        left: parts.filter((part) => !part.added).map((part) => ({ text: part.value, changed: part.removed })),
        right: parts.filter((part) => !part.removed).map((part) => ({ text: part.value, changed: part.added })),
      });
    } else if (left !== undefined) {
      rows.push({ kind: "removed", left: [{ text: left, changed: true }], right: null });
    } else if (right !== undefined) {
      rows.push({ kind: "added", left: null, right: [{ text: right, changed: true }] });
    }
  }
  return rows;
}

/** Line-by-line rows; a removed run followed by an added run is shown as changed lines side by side. */
export function diffLinesSideBySide(before: readonly string[], after: readonly string[]): DiffRow[] {
  const parts = diffArrays([...before], [...after]);
  const rows: DiffRow[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.removed) {
      const next = parts[i + 1];
      const added = next?.added ? next.value : [];
      if (next?.added) i++;
      rows.push(...pairRows(part.value, added));
    } else if (part.added) {
      rows.push(...pairRows([], part.value));
    } else {
      rows.push(
        ...part.value.map((line): DiffRow => ({
          kind: "same",
          left: [{ text: line, changed: false }],
          right: [{ text: line, changed: false }],
        })),
      );
    }
  }
  return rows;
}

export function hasChanges(rows: readonly DiffRow[]): boolean {
  return rows.some((row) => row.kind !== "same");
}

const BLOCK_NAMES: Record<string, string> = {
  paragraph: "段落",
  heading: "标题",
  bulletList: "项目符号列表",
  orderedList: "编号列表",
  blockquote: "引用",
  horizontalRule: "分隔线",
  table: "表格",
  figure: "图片",
};

function inlineText(nodes: InlineNode[] = []): string {
  return nodes.map((node) => (node.type === "text" ? node.text : " ")).join("");
}

function marksOf(nodes: InlineNode[] = []): string {
  const names = new Set<string>();
  for (const node of nodes)
    if (node.type === "text")
      for (const mark of node.marks ?? [])
        names.add(
          mark.type === "link"
            ? `链接 ${mark.attrs.href}`
            : { bold: "加粗", italic: "倾斜", underline: "下划线" }[mark.type],
        );
  return names.size ? `[${[...names].join("、")}]` : "";
}

function snippet(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length > 16 ? `${chars.slice(0, 16).join("")}…` : chars.join("");
}

/**
 * One line per block, naming its kind, level, formatting and the start of its text, so a heading
 * turned into a paragraph, a moved photo or a new table row shows even when the words are the same.
 */
export function bodyOutline(doc: BodyDocument): string[] {
  const lines: string[] = [];
  const walk = (node: BlockNode, depth: number) => {
    const indent = "  ".repeat(depth);
    const name = BLOCK_NAMES[node.type] ?? node.type;
    switch (node.type) {
      case "paragraph":
        lines.push(`${indent}${name}${marksOf(node.content)}：${snippet(inlineText(node.content))}`);
        break;
      case "heading":
        lines.push(`${indent}${node.attrs.level === 3 ? "三级" : "二级"}${name}：${snippet(inlineText(node.content))}`);
        break;
      case "figure":
        lines.push(
          `${indent}${name}（${node.attrs.align === "left" ? "居左" : node.attrs.align === "right" ? "居右" : "居中"}，替代文字：${node.attrs.alt}，编号 ${node.attrs.mediaId.slice(0, 8)}）：${snippet(inlineText(node.content))}`,
        );
        break;
      case "bulletList":
      case "orderedList":
        lines.push(`${indent}${name}（${node.content.length} 项）`);
        node.content.forEach((item) => item.content.forEach((child) => walk(child, depth + 1)));
        break;
      case "blockquote":
        lines.push(`${indent}${name}`);
        node.content.forEach((child) => walk(child, depth + 1));
        break;
      case "table":
        lines.push(`${indent}${name}（${node.content.length} 行 × ${node.content[0]?.content.length ?? 0} 列）`);
        break;
      default:
        lines.push(`${indent}${name}`);
    }
  };
  doc.content.forEach((node) => walk(node, 0));
  return lines;
}

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

export interface ComparableVersion {
  title: string;
  fields: Record<string, string>;
  body: BodyDocument;
}

export interface VersionDiff {
  fields: FieldChange[];
  structure: DiffRow[];
  text: DiffRow[];
}

export function diffVersions(
  before: ComparableVersion,
  after: ComparableVersion,
  labels: Record<string, string>,
): VersionDiff {
  const fields: FieldChange[] = [];
  if (before.title !== after.title)
    fields.push({ label: labels.title ?? "title", before: before.title, after: after.title });
  for (const key of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
    const a = before.fields[key] ?? "";
    const b = after.fields[key] ?? "";
    if (a !== b) fields.push({ label: labels[key] ?? key, before: a, after: b });
  }
  return {
    fields,
    structure: diffLinesSideBySide(bodyOutline(before.body), bodyOutline(after.body)),
    text: diffLinesSideBySide(bodyPlainText(before.body).split("\n"), bodyPlainText(after.body).split("\n")),
  };
}

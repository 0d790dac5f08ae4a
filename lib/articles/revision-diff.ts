import { diffArrays, diffChars } from "diff";
import { DEFAULT_DISPLAY_TIME_ZONE, formatDateTime } from "@/lib/format/date";
import type { BlockNode, BodyDocument, InlineNode } from "./body";
import { storedBodyOrEmpty } from "./body/schema";
import { articlesText } from "./messages";
import { bodyPlainText } from "./render-body";
import { readRevisionMeta, type RecordedPhoto, type RevisionMeta } from "./revision-meta";

/**
 * Readable side-by-side differences between two versions of an article, for the revision history,
 * the save-conflict dialog and the review page (against the published revision): the fields (title, series mark, lead …), the structure (which blocks,
 * in which order) and the text, line by line with the changed characters marked. Chinese has no
 * spaces between words, so changes are marked by character, not by word.
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

/** The fields a stored revision records in `meta`, with the label each is shown under. */
const REVISION_FIELD_LABELS: Record<string, string> = {
  title: articlesText.ui.fields.title,
  overTitle: articlesText.ui.fields.overTitle,
  subtitle: articlesText.ui.fields.subtitle,
  seriesMark: articlesText.ui.fields.seriesMark,
  source: articlesText.ui.fields.source,
  byline: articlesText.ui.fields.byline,
  responsibleEditor: articlesText.ui.fields.responsibleEditor,
  displayDate: articlesText.ui.fields.displayDate,
  summary: articlesText.ui.fields.summary,
  lead: articlesText.ui.fields.lead,
  coverId: articlesText.ui.fields.cover,
  profileId: articlesText.ui.fields.profile,
  columnId: articlesText.ui.fields.column,
  figures: articlesText.ui.diffRecorded.figures,
};

export interface StoredRevision {
  title: string;
  meta: unknown;
  body: unknown;
}

const recordedText = articlesText.ui.diffRecorded;

function photoText(photo: RecordedPhoto | null): string {
  return photo ? `${recordedText.photo(photo.alt, photo.caption, photo.credit)}（${photo.mediaId.slice(0, 8)}）` : "";
}

/**
 * Everything a revision records, as the reviewer must see it change: a move to another column, the
 * library's words for the cover, the profile subject's fields and every figure's alt, caption and
 * credit (lib/articles/revision-meta.ts). `columnName` turns a column id into its name.
 */
function recordedFields(
  meta: RevisionMeta,
  columnName: (id: string) => string,
  timeZone: string,
): Record<string, string> {
  const profile = meta.profile;
  return {
    columnId: columnName(meta.columnId),
    overTitle: meta.overTitle,
    subtitle: meta.subtitle,
    seriesMark: meta.seriesMark,
    source: meta.source,
    byline: meta.byline,
    responsibleEditor: meta.responsibleEditor,
    displayDate: meta.displayDate
      ? formatDateTime(new Date(meta.displayDate), timeZone)
      : recordedText.firstPublication,
    summary: meta.summary,
    lead: meta.lead,
    coverId: photoText(meta.cover),
    profileId: profile
      ? `${recordedText.profile(profile.name, profile.honour, profile.position, profile.organisation, profile.kind === "PERSON" ? recordedText.person : recordedText.organisation)}${profile.portrait ? `；${recordedText.portrait}：${photoText(profile.portrait)}` : ""}`
      : "",
    figures: meta.figures.map((figure, index) => `${index + 1}. ${photoText(figure)}`).join("\n"),
  };
}

/** A stored revision as compared; older revisions, written before `meta` existed, record no fields. */
function comparableRevision(
  revision: StoredRevision,
  columnName: (id: string) => string,
  timeZone: string,
): ComparableVersion {
  const recorded = readRevisionMeta(revision.meta);
  if (recorded)
    return {
      title: revision.title,
      fields: recordedFields(recorded, columnName, timeZone),
      body: storedBodyOrEmpty(revision.body),
    };
  const meta =
    typeof revision.meta === "object" && revision.meta !== null ? (revision.meta as Record<string, unknown>) : {};
  const fields = Object.fromEntries(
    Object.keys(REVISION_FIELD_LABELS)
      .filter((key) => key !== "title" && key in meta)
      .map((key) => [key, typeof meta[key] === "string" ? meta[key] : ""]),
  );
  return { title: revision.title, fields, body: storedBodyOrEmpty(revision.body) };
}

/** Two stored revisions of one article, compared. */
export function diffRevisions(
  before: StoredRevision,
  after: StoredRevision,
  columnName: (id: string) => string = (id) => id,
  /** The site's zone, for 发布日期. */
  timeZone: string = DEFAULT_DISPLAY_TIME_ZONE,
): VersionDiff {
  return diffVersions(
    comparableRevision(before, columnName, timeZone),
    comparableRevision(after, columnName, timeZone),
    REVISION_FIELD_LABELS,
  );
}

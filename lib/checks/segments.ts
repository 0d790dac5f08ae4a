import type { BlockNode, BodyDocument, InlineNode } from "@/lib/articles/body";
import { normalise, originalSpan } from "@/lib/text/normalise";
import type { CheckField, FieldRun, HitLocation, Segment } from "./types";

/**
 * The text an article is checked in. Each text block (paragraph, heading, figure caption, the
 * paragraphs inside list items, quotes and table cells) is one segment: the text of its adjacent text
 * nodes is joined, so a term with bold inside it still matches; a hardBreak is a "\n". Punctuation is
 * checked per segment as written. Terms and leader names are matched on a field's run (./types.ts
 * FieldRun): its segments joined by "\n" and normalised, so breaks, spaces, fillers, zero-width
 * characters, quotes and traditional characters cannot hide a term.
 */

/** Public text stored outside the revision: photo alt text and captions, the profile's fields. */
export interface AttachedText {
  field: CheckField;
  text: string;
  /** For a body photo's alt text or caption: the path of its figure. */
  path?: number[];
}

export interface ArticleText {
  title: string;
  overTitle?: string | null;
  subtitle?: string | null;
  seriesMark?: string | null;
  lead?: string | null;
  summary?: string | null;
  source?: string | null;
  byline?: string | null;
  responsibleEditor?: string | null;
  body: BodyDocument;
  /** Filled in by checkArticle from the cover, the body's photos and the profile (./attached.ts). */
  attached?: readonly AttachedText[];
}

function inlineText(nodes: readonly InlineNode[] = []): string {
  let text = "";
  for (const node of nodes) text += node.type === "text" ? node.text : "\n";
  return text;
}

function bodySegments(doc: BodyDocument, alts: Segment[] = []): Segment[] {
  const segments: Segment[] = [];
  const push = (path: number[], content: readonly InlineNode[] | undefined) => {
    const text = inlineText(content);
    if (text.length > 0) segments.push({ field: "body", text, blockIndex: path[0], path });
  };
  // Iterative: the body schema bounds depth, but a stack costs nothing and fears nothing.
  const stack: { node: BlockNode; path: number[] }[] = doc.content
    .map((node, index) => ({ node, path: [index] }))
    .reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item;
    const children: { node: BlockNode; path: number[] }[] = [];
    switch (node.type) {
      case "paragraph":
      case "heading":
        push(path, node.content);
        break;
      case "figure":
        push(path, node.content);
        if (node.attrs.alt) alts.push({ field: "figureAlt", text: node.attrs.alt, blockIndex: path[0], path });
        break;
      case "bulletList":
      case "orderedList":
        node.content.forEach((listItem, i) =>
          listItem.content.forEach((child, j) => children.push({ node: child, path: [...path, i, j] })),
        );
        break;
      case "blockquote":
        node.content.forEach((child, i) => children.push({ node: child, path: [...path, i] }));
        break;
      case "table":
        node.content.forEach((row, r) =>
          row.content.forEach((cell, c) =>
            cell.content.forEach((paragraph, p) => children.push({ node: paragraph, path: [...path, r, c, p] })),
          ),
        );
        break;
      case "horizontalRule":
        break;
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return segments;
}

const FIELD_ORDER: readonly CheckField[] = [
  "overTitle",
  "title",
  "subtitle",
  "seriesMark",
  "lead",
  "summary",
  "source",
  "byline",
  "responsibleEditor",
  "body",
  "figureAlt",
  "mediaCaption",
  "coverAlt",
  "coverCaption",
  "profileName",
  "profileHonour",
  "profilePosition",
  "profileOrganisation",
  "portraitAlt",
];

export function fieldOrder(field: CheckField): number {
  return FIELD_ORDER.indexOf(field);
}

/** Every segment of the article, field by field in reading order. */
export function articleSegments(article: ArticleText): Segment[] {
  const fields: [CheckField, string | null | undefined][] = [
    ["overTitle", article.overTitle],
    ["title", article.title],
    ["subtitle", article.subtitle],
    ["seriesMark", article.seriesMark],
    ["lead", article.lead],
    ["summary", article.summary],
    ["source", article.source],
    ["byline", article.byline],
    ["responsibleEditor", article.responsibleEditor],
  ];
  const segments: Segment[] = fields.flatMap(([field, text]) => (text ? [{ field, text }] : []));
  const alts: Segment[] = [];
  const body = bodySegments(article.body, alts);
  const attached = (article.attached ?? [])
    .filter((item) => item.text)
    .map((item) => ({ field: item.field, text: item.text, path: item.path, blockIndex: item.path?.[0] }));
  return [...segments, ...body, ...alts, ...attached];
}

/**
 * The runs terms are matched in: the body's blocks form one run; a photo's alt text or caption, and
 * every other field, its own.
 */
export function fieldRuns(segments: readonly Segment[]): FieldRun[] {
  const runs: FieldRun[] = [];
  let body: Segment[] = [];
  const close = (group: Segment[]) => {
    if (group.length === 0) return;
    let text = "";
    const pieces: FieldRun["pieces"] = [];
    group.forEach((segment, i) => {
      if (i > 0) text += "\n";
      pieces.push({ segment, start: text.length, end: text.length + segment.text.length });
      text += segment.text;
    });
    const normalised = normalise(text);
    const joints: number[] = [];
    let piece = 0;
    for (let i = 1; i < normalised.text.length; i += 1) {
      while (piece + 1 < pieces.length && normalised.starts[i] >= pieces[piece + 1].start) {
        piece += 1;
        joints.push(i);
      }
    }
    runs.push({ field: group[0].field, text, pieces, joints: [...new Set(joints)], skeleton: normalised });
  };
  for (const segment of segments) {
    if (segment.field === "body") body.push(segment);
    else {
      close(body);
      body = [];
      close([segment]);
    }
  }
  close(body);
  return runs;
}

/**
 * Where skeleton range [start, end) of a run was written: the block it starts in, the offset there,
 * and the length up to its end or that block's end (a term split over two paragraphs is shown in the
 * first; the editor highlights inside one block). Also the text as written there.
 */
export function locate(
  run: FieldRun,
  start: number,
  end: number,
): { location: HitLocation; term: string; segment: Segment; from: number; to: number } {
  const span = originalSpan(run.skeleton, start, end);
  const piece =
    run.pieces.find((candidate) => span.start < candidate.end || candidate === run.pieces[run.pieces.length - 1]) ??
    run.pieces[0];
  const from = Math.max(0, span.start - piece.start);
  const to = Math.min(piece.segment.text.length, span.end - piece.start);
  const { segment } = piece;
  return {
    location: {
      field: segment.field,
      blockIndex: segment.blockIndex,
      path: segment.path,
      offset: from,
      length: Math.max(0, to - from),
    },
    term: segment.text.slice(from, to),
    segment,
    from,
    to,
  };
}

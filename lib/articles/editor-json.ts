/**
 * The editor's JSON → the stored body. The editor's schema (lib/articles/body/prosemirror-schema.ts,
 * Tiptap's attributes) holds attributes the strict body schema refuses on purpose (table column
 * widths, a figure's thumbnail and upload key, default spans and start numbers; bodies saved by the
 * Tiptap editor also had link target / rel / class and an ordered list's `type`); they are dropped here before a save, so the server sees
 * only what the public page renders. The server validates the result again (`parseBody`): this is a
 * translation, not a security check.
 */

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const MARKS = new Set(["bold", "italic", "underline", "link"]);

function cleanMarks(marks: unknown): Json[] | undefined {
  if (!Array.isArray(marks)) return undefined;
  const kept = marks.filter(isRecord).flatMap((mark): Json[] => {
    if (typeof mark.type !== "string" || !MARKS.has(mark.type)) return [];
    if (mark.type !== "link") return [{ type: mark.type }];
    const href = isRecord(mark.attrs) && typeof mark.attrs.href === "string" ? mark.attrs.href : "";
    return href ? [{ type: "link", attrs: { href } }] : [];
  });
  return kept.length ? kept : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 1 ? value : undefined;
}

function cleanAttrs(type: string, attrs: unknown): Json | undefined {
  const a = isRecord(attrs) ? attrs : {};
  switch (type) {
    case "heading":
      return { level: a.level === 3 ? 3 : 2 };
    case "orderedList": {
      const start = positiveInt(a.start);
      return start ? { start } : undefined;
    }
    case "tableCell":
    case "tableHeader": {
      const colspan = positiveInt(a.colspan);
      const rowspan = positiveInt(a.rowspan);
      if (!colspan && !rowspan) return undefined;
      return { ...(colspan ? { colspan } : {}), ...(rowspan ? { rowspan } : {}) };
    }
    case "figure": {
      const align = a.align === "left" || a.align === "right" ? a.align : undefined;
      return { mediaId: a.mediaId, alt: typeof a.alt === "string" ? a.alt : "", ...(align ? { align } : {}) };
    }
    default:
      return undefined;
  }
}

/** Nodes whose content may be left out when empty (the schema makes it optional). */
const OPTIONAL_CONTENT = new Set(["paragraph", "heading", "figure"]);

function cleanNode(node: Json): Json | null {
  const type = typeof node.type === "string" ? node.type : "";
  if (type === "text") {
    if (typeof node.text !== "string" || node.text === "") return null;
    const marks = cleanMarks(node.marks);
    return marks ? { type, text: node.text, marks } : { type, text: node.text };
  }
  if (type === "hardBreak" || type === "horizontalRule") return { type };
  // Without a photo a figure has nothing to show; a half-inserted one is dropped rather than refused.
  if (type === "figure" && !(isRecord(node.attrs) && typeof node.attrs.mediaId === "string" && node.attrs.mediaId))
    return null;

  const out: Json = { type };
  const attrs = cleanAttrs(type, node.attrs);
  if (attrs) out.attrs = attrs;
  if (Array.isArray(node.content)) {
    const content = node.content.filter(isRecord).flatMap((child) => {
      const cleaned = cleanNode(child);
      return cleaned ? [cleaned] : [];
    });
    if (content.length || !OPTIONAL_CONTENT.has(type)) out.content = content;
  } else if (!OPTIONAL_CONTENT.has(type) && type !== "doc") {
    out.content = [];
  }
  if (type === "doc" && !out.content) out.content = [];
  return out;
}

/**
 * Empty paragraphs between blocks are dropped: the public page renders them as nothing, and the
 * editor adds one after a table or photo so the cursor can leave it. Inside list items and table
 * cells they stay, because those must hold a paragraph.
 */
export function toStoredBody(editorJson: unknown): unknown {
  if (!isRecord(editorJson)) return editorJson;
  const doc = cleanNode(editorJson);
  if (doc && Array.isArray(doc.content)) {
    doc.content = doc.content.filter(
      (node: unknown) => !(isRecord(node) && node.type === "paragraph" && !node.content),
    );
  }
  return doc;
}

import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Hit, HitLocation } from "@/lib/checks/types";
import { checksText } from "@/lib/checks/messages";

/**
 * Content-check hits （错敏词 / 规范表述） of the last save, shown in the body as inline decorations.
 * The server locates a body hit by `path` (indices from doc.content to the text block) and `offset`
 * in ProseMirror units inside that block (lib/checks/index.ts), so the position is the start of the
 * block's content plus the offset. The decorations are mapped through every edit until the next save
 * replaces them; a highlight whose text was deleted disappears with it.
 */

export type CheckHit = Pick<
  Hit,
  "level" | "rule" | "term" | "suggestion" | "message" | "location" | "excerpt" | "others"
>;

interface HighlightSpec {
  /** Index of the hit in the list given to setCheckHits. */
  hitIndex: number;
}

export const checkHighlightsKey = new PluginKey<DecorationSet>("checkHighlights");

/** The document range of a body hit, or null when the location does not fit `doc` (it changed since). */
export function hitRange(doc: ProseMirrorNode, location: HitLocation): { from: number; to: number } | null {
  if (location.field !== "body" || !location.path || location.path.length === 0) return null;
  let parent = doc;
  // Position just inside `parent`: doc's content starts at 0, any other node's one token after its start.
  let pos = 0;
  for (const index of location.path) {
    if (!Number.isInteger(index) || index < 0 || index >= parent.childCount) return null;
    for (let i = 0; i < index; i += 1) pos += parent.child(i).nodeSize;
    parent = parent.child(index);
    pos += 1;
  }
  if (!parent.inlineContent) return null;
  const { offset, length } = location;
  if (offset < 0 || length <= 0 || offset + length > parent.content.size) return null;
  return { from: pos + offset, to: pos + offset + length };
}

/** The tooltip: the message, and the suggestion when there is one and the message does not name it. */
export function hitTitle(hit: CheckHit): string {
  const level = checksText.levelLabels[hit.level];
  const suggestion =
    hit.suggestion && !hit.message.includes(hit.suggestion)
      ? `（${checksText.termWithSuggestion(hit.suggestion)}）`
      : "";
  return `${level}：${hit.message}${suggestion}`;
}

/**
 * Decorations for the hits that still fit the document: the range must exist and hold the flagged
 * text (an edit made while the save was on its way may have moved it).
 */
export function checkDecorations(doc: ProseMirrorNode, hits: readonly CheckHit[]): DecorationSet {
  const decorations: Decoration[] = [];
  // A grouped hit (the same mark 75 times) is one item in the list, and every place is highlighted.
  hits.forEach((hit, hitIndex) =>
    [hit.location, ...(hit.others ?? [])].forEach((location) => {
      const range = hitRange(doc, location);
      if (!range || doc.textBetween(range.from, range.to, "\n", "\n") !== hit.term) return;
      const spec: HighlightSpec = { hitIndex };
      decorations.push(
        Decoration.inline(
          range.from,
          range.to,
          {
            class: hit.level === "BLOCK" ? "check-hit check-hit-block" : "check-hit check-hit-warn",
            title: hitTitle(hit),
            "data-check-level": hit.level,
          },
          spec,
        ),
      );
    }),
  );
  return DecorationSet.create(doc, decorations);
}

/** Where each highlighted hit is now (after the edits since the save), by its index. */
export function currentHitRanges(state: EditorState): Map<number, { from: number; to: number }> {
  const ranges = new Map<number, { from: number; to: number }>();
  const set = checkHighlightsKey.getState(state);
  for (const decoration of set?.find() ?? []) {
    const spec = decoration.spec as Partial<HighlightSpec>;
    if (typeof spec.hitIndex === "number" && decoration.to > decoration.from)
      ranges.set(spec.hitIndex, { from: decoration.from, to: decoration.to });
  }
  return ranges;
}

/** Replaces the highlights with the hits of a new check. */
export function setCheckHits(tr: Transaction, hits: readonly CheckHit[]): Transaction {
  return tr.setMeta(checkHighlightsKey, hits).setMeta("addToHistory", false);
}

export function checkHighlightsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: checkHighlightsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const hits = tr.getMeta(checkHighlightsKey) as readonly CheckHit[] | undefined;
        if (hits) return checkDecorations(tr.doc, hits);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => checkHighlightsKey.getState(state),
    },
  });
}

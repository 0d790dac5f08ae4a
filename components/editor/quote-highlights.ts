import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

/**
 * The passages a reviewer quoted （退回意见 / 批注 with 引用原文）, marked where they still stand in the
 * body. A quote is plain text the reviewer copied, so it is found by text, in every text block (not by
 * a stored position: the author may have edited since), and marked again after every change; a passage
 * the author rewrote is no longer marked, which is the point.
 */
export interface ReviewQuote {
  quote: string;
  /** The tooltip: who said what about it. */
  note: string;
}

export const quoteHighlightsKey = new PluginKey<DecorationSet>("quoteHighlights");

/** A text block's text with the document position of each character (inline leaves count as one). */
function blockText(block: ProseMirrorNode, start: number): { text: string; positions: number[] } {
  let text = "";
  const positions: number[] = [];
  block.forEach((child, offset) => {
    const pos = start + offset;
    if (child.isText) {
      const value = child.text ?? "";
      for (let i = 0; i < value.length; i += 1) positions.push(pos + i);
      text += value;
    } else {
      positions.push(pos);
      text += "\ufffc";
    }
  });
  return { text, positions };
}

/** Inline decorations over every occurrence of every quote (whitespace at its ends ignored). */
export function quoteDecorations(doc: ProseMirrorNode, quotes: readonly ReviewQuote[]): DecorationSet {
  const wanted = quotes.map((item) => ({ ...item, quote: item.quote.trim() })).filter((item) => item.quote.length > 0);
  if (wanted.length === 0) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const { text, positions } = blockText(node, pos + 1);
    for (const { quote, note } of wanted) {
      for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + quote.length)) {
        const from = positions[at];
        const to = positions[at + quote.length - 1] + 1;
        decorations.push(Decoration.inline(from, to, { class: "review-quote", title: note, "data-review-quote": "" }));
      }
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

const SET_QUOTES = "setReviewQuotes";

/** A transaction that replaces the quotes to mark. */
export function setReviewQuotes(tr: Transaction, quotes: readonly ReviewQuote[]): Transaction {
  return tr.setMeta(SET_QUOTES, quotes).setMeta("addToHistory", false);
}

export function quoteHighlightsPlugin(): Plugin<DecorationSet> {
  let quotes: readonly ReviewQuote[] = [];
  return new Plugin<DecorationSet>({
    key: quoteHighlightsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const next = tr.getMeta(SET_QUOTES) as readonly ReviewQuote[] | undefined;
        if (next) quotes = next;
        if (!next && !tr.docChanged) return set;
        return quoteDecorations(tr.doc, quotes);
      },
    },
    props: {
      decorations(state) {
        return quoteHighlightsKey.getState(state);
      },
    },
  });
}

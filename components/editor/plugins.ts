import {
  baseKeymap,
  chainCommands,
  createParagraphNear,
  deleteSelection,
  exitCode,
  joinBackward,
  joinForward,
  joinTextblockBackward,
  liftEmptyBlock,
  selectNodeBackward,
  selectNodeForward,
  splitBlock,
} from "@tiptap/pm/commands";
import { dropCursor } from "@tiptap/pm/dropcursor";
import { gapCursor } from "@tiptap/pm/gapcursor";
import { history, redo, undo } from "@tiptap/pm/history";
import { InputRule, inputRules, textblockTypeInputRule, undoInputRule, wrappingInputRule } from "@tiptap/pm/inputrules";
import { keymap } from "@tiptap/pm/keymap";
import type { MarkType, NodeType, Schema } from "@tiptap/pm/model";
import { liftListItem, sinkListItem, splitListItem } from "@tiptap/pm/schema-list";
import {
  Plugin,
  PluginKey,
  Selection,
  TextSelection,
  type Command,
  type EditorState,
  type Transaction,
} from "@tiptap/pm/state";
import { bodySchema } from "@/lib/articles/body/prosemirror-schema";
import type { BodyEditorOptions } from "./body-editor";
import { checkHighlightsPlugin } from "./check-highlights";
import {
  andThen,
  clearToParagraph,
  findAncestor,
  isList,
  setParagraph,
  toggleBlockquote,
  toggleHeading,
  toggleList,
  toggleMarkNamed,
} from "./commands";
import { FigureNodeView } from "./figure-node";
import { linkBeforeEnter, linkTypingPlugin } from "./link-typing";
import { quoteHighlightsPlugin } from "./quote-highlights";

/**
 * Shortcuts that need the surrounding form (the link prompt, an explicit save) are announced as DOM
 * events on the editor element, so the plugins never hold React callbacks.
 */
export const EDITOR_EVENTS = { link: "article-editor:link", save: "article-editor:save" } as const;

/** `**text**` → bold text, as typed: the delimiters go, the mark stays off for what is typed next. */
function markInputRule(pattern: RegExp, type: MarkType): InputRule {
  return new InputRule(pattern, (state, match, start, end) => {
    const [whole, wrapped, text] = match;
    if (!whole || !wrapped || !text) return null;
    const wrappedStart = start + whole.indexOf(wrapped);
    const textStart = wrappedStart + wrapped.indexOf(text);
    const textEnd = textStart + text.length;
    const tr = state.tr;
    if (textEnd < end) tr.delete(textEnd, end);
    if (wrappedStart < textStart) tr.delete(wrappedStart, textStart);
    const markEnd = textEnd - (textStart - wrappedStart);
    return tr.addMark(wrappedStart, markEnd, type.create()).removeStoredMark(type);
  });
}

/** `---` at the start of a paragraph → a horizontal rule before it. */
function ruleInputRule(type: NodeType): InputRule {
  return new InputRule(/^(?:---|—-|___\s|\*\*\*\s)$/, (state, _match, start, end) => {
    const $start = state.doc.resolve(start);
    if (!$start.parent.type.contentMatch.defaultType || $start.depth < 1) return null;
    const tr = state.tr.delete(start, end);
    const before = $start.before();
    tr.insert(before, type.create());
    return tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map(start)));
  });
}

/** The markdown-like shortcuts the stock extensions had: ## heading, > quote, - and 1. lists, --- rule, **bold**, *italic*. */
function bodyInputRules(schema: Schema): Plugin {
  const { nodes, marks } = schema;
  return inputRules({
    rules: [
      markInputRule(/(?:^|\s)(\*\*(?!\s+\*\*)((?:[^*]+))\*\*(?!\s+\*\*))$/, marks.bold!),
      markInputRule(/(?:^|\s)(__(?!\s+__)((?:[^_]+))__(?!\s+__))$/, marks.bold!),
      markInputRule(/(?:^|\s)(\*(?!\s+\*)((?:[^*]+))\*(?!\s+\*))$/, marks.italic!),
      markInputRule(/(?:^|\s)(_(?!\s+_)((?:[^_]+))_(?!\s+_))$/, marks.italic!),
      wrappingInputRule(/^\s*>\s$/, nodes.blockquote!),
      wrappingInputRule(/^\s*([-+*])\s$/, nodes.bulletList!),
      wrappingInputRule(
        /^(\d+)\.\s$/,
        nodes.orderedList!,
        (match) => ({ start: Number(match[1]) }),
        (match, node) => node.childCount + (node.attrs.start as number) === Number(match[1]),
      ),
      textblockTypeInputRule(/^(#{2})\s$/, nodes.heading!, { level: 2 }),
      textblockTypeInputRule(/^(#{2,3})\s$/, nodes.heading!, { level: 3 }),
      ruleInputRule(nodes.horizontalRule!),
    ],
  });
}

/** Backspace at the start of a block right after a quote moves the block into the quote's last paragraph, or out of a quote it starts. */
const backspaceAtQuote: Command = (state, dispatch) => {
  const { selection } = state;
  const quote = state.schema.nodes.blockquote!;
  if (!(selection instanceof TextSelection) || !selection.empty) return false;
  const { $from } = selection;
  if ($from.parentOffset !== 0 || $from.depth < 1) return false;
  const parent = $from.node($from.depth - 1);
  const index = $from.index($from.depth - 1);
  if (index === 0) return false;
  const previous = parent.child(index - 1);
  if (parent.type === quote || previous.type !== quote || !previous.lastChild?.isTextblock) return false;
  if (dispatch) {
    const target = $from.before() - 2;
    const content = $from.parent.content;
    const tr = state.tr.delete(target, $from.after()).insert(target, content);
    // Where Tiptap's blockquote put it: after the text that moved.
    dispatch(tr.setSelection(TextSelection.create(tr.doc, target + content.size)).scrollIntoView());
  }
  return true;
};

/**
 * Tiptap ran the join and select commands without the view, so "at the start of the block" is the
 * cursor's offset, not the browser's reading of a wrapped line (prosemirror-commands asks the view).
 */
const withoutView =
  (command: Command): Command =>
  (state, dispatch) =>
    command(state, dispatch);
const backspace = [deleteSelection, withoutView(joinBackward), withoutView(selectNodeBackward)];

/** Backspace in an empty heading (or other non-paragraph) that starts the body or a cell: it becomes a plain paragraph. */
const emptyFirstBlockToParagraph: Command = (state, dispatch) => {
  const { empty, $anchor } = state.selection;
  const { parent } = $anchor;
  const $parentPos = parent.isTextblock && $anchor.pos > 0 ? state.doc.resolve($anchor.pos - 1) : $anchor;
  const atStart =
    $parentPos.parent.type.spec.isolating && $parentPos.parent.childCount === 1
      ? $anchor.parentOffset === 0
      : Selection.atStart(state.doc).from === $anchor.pos;
  if (!empty || !parent.isTextblock || parent.textContent.length > 0 || !atStart) return false;
  if (parent.type === state.schema.nodes.paragraph) return false;
  return clearToParagraph(state, dispatch);
};

/**
 * Backspace at the start of a list item's first paragraph lifts the item out of its list; at the start
 * of a block right after a list, the block's text joins the list's last item (Tiptap's list keymap).
 */
const backspaceInList: Command = (state, dispatch) => {
  const { selection } = state;
  const item = state.schema.nodes.listItem!;
  if (!selection.empty) return false;
  const { $from } = selection;
  if (!findAncestor($from, (node) => node.type === item)) {
    const before = state.doc.resolve(Math.max(0, $from.pos - 2)).node();
    if ($from.depth < 1 || $from.parentOffset !== 0 || !isList(before)) return false;
    const $list = state.doc.resolve($from.before() - 1);
    let last = -1;
    $list.node().descendants((node, pos) => {
      if (node.type === item) last = pos;
    });
    if (last === -1) return false;
    if (!dispatch) return true;
    const target = state.doc.resolve($list.start() + last + 1).end();
    const tr = state.tr.delete($from.before(), $from.after()).insert(target, $from.parent);
    tr.setSelection(TextSelection.create(tr.doc, target + 1));
    andThen(tr, state, joinTextblockBackward);
    dispatch(tr);
    return true;
  }
  if ($from.parentOffset !== 0) return false;
  const itemDepth = $from.depth - 1;
  if ($from.node(itemDepth).type !== item || $from.index(itemDepth) !== 0) return false;
  return liftListItem(item)(state, dispatch);
};

/** Shift-Enter: a line break inside the block, keeping the marks being typed. */
const hardBreak: Command = (state, dispatch) => {
  const type = state.schema.nodes.hardBreak!;
  const { $from } = state.selection;
  // Not in a figure caption (isolating), as Tiptap's hard break refused.
  if ($from.parent.type.spec.isolating || !$from.parent.canReplaceWith($from.index(), $from.index(), type))
    return false;
  if (dispatch) dispatch(keepTypedMarks(state, state.tr.replaceSelectionWith(type.create(), false)).scrollIntoView());
  return true;
};

/** The marks being typed go on after a line break or Enter (bold stays bold), a link's does not (Tiptap's rule). */
function keepTypedMarks(state: EditorState, tr: Transaction): Transaction {
  const marks = state.storedMarks ?? (state.selection.$to.parentOffset ? state.selection.$from.marks() : null);
  return marks ? tr.ensureMarks(marks.filter((mark) => mark.type.name !== "link")) : tr;
}

const splitKeepingMarks: Command = (state, dispatch) =>
  splitBlock(state, dispatch && ((tr) => dispatch(keepTypedMarks(state, tr))));

/**
 * Keeps a paragraph at the end of the body, so there is always somewhere to type after a table or
 * photo: added with the first transaction of any kind (as Tiptap's trailing node did), so a body
 * loaded ending in a table has it before anyone types.
 */
function trailingParagraph(): Plugin {
  return new Plugin({
    key: new PluginKey("trailingParagraph"),
    appendTransaction: (_transactions, _old, state) => {
      const last = state.doc.lastChild;
      const paragraph = state.schema.nodes.paragraph!;
      return last && last.type !== paragraph ? state.tr.insert(state.doc.content.size, paragraph.create()) : null;
    },
  });
}

/** The body editor's plugins: input rules, shortcuts, history, drop and gap cursors, linking, highlights. */
export function editorPlugins(schema: Schema): Plugin[] {
  const { nodes, marks } = schema;
  const item = nodes.listItem!;
  // Handled either way: the browser's own Ctrl+K (its search box) and Ctrl+S (save the page) never run here.
  const announce =
    (name: keyof typeof EDITOR_EVENTS): Command =>
    (_state, _dispatch, view) => {
      view?.dom.dispatchEvent(new CustomEvent(EDITOR_EVENTS[name]));
      return true;
    };
  return [
    bodyInputRules(schema),
    linkTypingPlugin(marks.link!),
    keymap({
      "Mod-k": announce("link"),
      "Mod-s": announce("save"),
      "Mod-b": toggleMarkNamed("bold"),
      "Mod-B": toggleMarkNamed("bold"),
      "Mod-i": toggleMarkNamed("italic"),
      "Mod-I": toggleMarkNamed("italic"),
      "Mod-u": toggleMarkNamed("underline"),
      "Mod-U": toggleMarkNamed("underline"),
      "Mod-Alt-0": setParagraph,
      "Mod-Alt-2": toggleHeading(2),
      "Mod-Alt-3": toggleHeading(3),
      "Mod-Shift-8": toggleList("bulletList"),
      "Mod-Shift-7": toggleList("orderedList"),
      "Mod-Shift-b": toggleBlockquote,
      "Mod-Enter": chainCommands(exitCode, hardBreak),
      "Shift-Enter": chainCommands(exitCode, hardBreak),
      "Mod-z": undo,
      "Shift-Mod-z": redo,
      "Mod-y": redo,
      Enter: chainCommands(linkBeforeEnter(marks.link!), splitListItem(item)),
      Tab: sinkListItem(item),
      "Shift-Tab": liftListItem(item),
      Backspace: chainCommands(
        undoInputRule,
        backspaceInList,
        emptyFirstBlockToParagraph,
        backspaceAtQuote,
        ...backspace,
      ),
      "Mod-Backspace": chainCommands(undoInputRule, emptyFirstBlockToParagraph, ...backspace),
      Delete: chainCommands(deleteSelection, withoutView(joinForward), withoutView(selectNodeForward)),
    }),
    keymap({ ...baseKeymap, Enter: chainCommands(createParagraphNear, liftEmptyBlock, splitKeepingMarks) }),
    history(),
    dropCursor({ color: "currentColor", width: 1 }),
    gapCursor(),
    trailingParagraph(),
    checkHighlightsPlugin(),
    quoteHighlightsPlugin(),
  ];
}

/** The editor as the form mounts it (and the unit tests do): the body's schema, these plugins, the figure's view. */
export function bodyEditorSetup(): Pick<BodyEditorOptions, "schema" | "plugins" | "nodeViews"> {
  return {
    schema: bodySchema,
    plugins: editorPlugins(bodySchema),
    nodeViews: () => ({ figure: (node, view, getPos) => new FigureNodeView(node, view, getPos) }),
  };
}

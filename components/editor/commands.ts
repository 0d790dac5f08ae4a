import { chainCommands, lift as liftCommand, setBlockType, toggleMark, wrapIn } from "@tiptap/pm/commands";
import { liftListItem, wrapInList } from "@tiptap/pm/schema-list";
import { Fragment, Slice, type MarkType, type Node as PmNode, type NodeType, type ResolvedPos } from "@tiptap/pm/model";
import { Selection, TextSelection, type Command, type EditorState, type Transaction } from "@tiptap/pm/state";
import { canJoin, liftTarget } from "@tiptap/pm/transform";

/**
 * The body's editing commands, as ProseMirror commands: what the toolbar, the shortcuts, the link
 * dialog, the photo picker and the uploads run. Each behaves as the Tiptap command it replaces
 * (toggleHeading, toggleBulletList, setLink, …): a heading or list that cannot be set where the
 * cursor is first lifts the blocks out of their wrappers, as Tiptap's `clearNodes` did.
 */

/** The innermost node around `$pos` that `test` accepts, with its position. */
export function findAncestor($pos: ResolvedPos, test: (node: PmNode) => boolean): { node: PmNode; pos: number } | null {
  for (let depth = $pos.depth; depth > 0; depth -= 1) {
    const node = $pos.node(depth);
    if (test(node)) return { node, pos: $pos.before(depth) };
  }
  return null;
}

export const isList = (node: PmNode): boolean => node.type.spec.group?.split(" ").includes("list") ?? false;

/** Lifts every selected block out of its lists and quotes. */
const clearNodes: Command = (state, dispatch) => {
  const { tr } = state;
  const { from, to } = tr.selection;
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    const $from = tr.doc.resolve(tr.mapping.map(pos) + 1);
    const $to = tr.doc.resolve(tr.mapping.map(pos + node.nodeSize) - 1);
    const range = $from.blockRange($to);
    const target = range ? liftTarget(range) : null;
    if (range && target !== null) tr.lift(range, target);
    return false;
  });
  if (!tr.docChanged) return false;
  dispatch?.(tr);
  return true;
};

/** `command` on the state `tr` leads to, its steps (and selection) added to `tr`; whether it applied. */
export function andThen(tr: Transaction, state: EditorState, command: Command): boolean {
  const next = state.apply(tr);
  return command(next, (more) => {
    for (const step of more.steps) tr.step(step);
    if (more.selectionSet) tr.setSelection(more.selection.map(tr.doc, tr.mapping.slice(tr.steps.length)));
  });
}

/** `first`, then `second` on the state it leads to, as one transaction (one undo step); both must apply. */
function inOrder(first: Command, second: Command): Command {
  return (state, dispatch) => {
    let made: Transaction | null = null;
    if (!first(state, (tr) => (made = tr)) || !made) return false;
    const tr: Transaction = made;
    if (!andThen(tr, state, second)) return false;
    dispatch?.(tr);
    return true;
  };
}

/** Sets the selected text blocks to `type`, lifting them out of lists and quotes when they cannot be one there. */
export function setNode(type: NodeType, attrs?: Record<string, unknown>): Command {
  return chainCommands(setBlockType(type, attrs), inOrder(clearNodes, setBlockType(type, attrs)));
}

/** The selected blocks out of their lists and quotes, as paragraphs (Tiptap's `clearNodes`). */
export const clearToParagraph: Command = (state, dispatch) => {
  const paragraph = setBlockType(state.schema.nodes.paragraph!);
  return chainCommands(inOrder(clearNodes, paragraph), paragraph)(state, dispatch);
};

export const setParagraph: Command = (state, dispatch) => setNode(state.schema.nodes.paragraph!)(state, dispatch);

/** A heading of `level`, or back to a paragraph when the block already is one. */
export function toggleHeading(level: 2 | 3): Command {
  return (state, dispatch) => {
    const heading = state.schema.nodes.heading!;
    if (state.selection.$from.parent.type === heading && state.selection.$from.parent.attrs.level === level)
      return setNode(state.schema.nodes.paragraph!)(state, dispatch);
    return setNode(heading, { level })(state, dispatch);
  };
}

export function toggleMarkNamed(name: "bold" | "italic" | "underline"): Command {
  return (state, dispatch) => toggleMark(state.schema.marks[name]!)(state, dispatch);
}

/** Joins the list the selection is in with a list of the same kind right before or after it. */
function joinNeighbourLists(tr: Transaction, type: NodeType): void {
  const list = findAncestor(tr.selection.$from, (node) => node.type === type);
  if (!list) return;
  const after = list.pos + list.node.nodeSize;
  if (tr.doc.resolve(after).nodeAfter?.type === type && canJoin(tr.doc, after)) tr.join(after);
  if (tr.doc.resolve(list.pos).nodeBefore?.type === type && canJoin(tr.doc, list.pos)) tr.join(list.pos);
}

/**
 * Into a list of `type`, joined with a neighbouring one of its kind; out of it when the blocks are in
 * one already; a list of the other kind is changed into this kind. Blocks that cannot be list items
 * where they are (a heading) become paragraphs first.
 */
export function toggleList(name: "bulletList" | "orderedList"): Command {
  return (state, dispatch) => {
    const type = state.schema.nodes[name]!;
    const list = findAncestor(state.selection.$from, isList);
    if (list?.node.type === type) return liftListItem(state.schema.nodes.listItem!)(state, dispatch);
    if (list) {
      dispatch?.(state.tr.setNodeMarkup(list.pos, type));
      return true;
    }
    const wrap = chainCommands(wrapInList(type), inOrder(setNode(state.schema.nodes.paragraph!), wrapInList(type)));
    return wrap(
      state,
      dispatch &&
        ((tr) => {
          joinNeighbourLists(tr, type);
          dispatch(tr);
        }),
    );
  };
}

export const toggleBlockquote: Command = (state, dispatch) => {
  const quote = state.schema.nodes.blockquote!;
  return findAncestor(state.selection.$from, (node) => node.type === quote)
    ? liftCommand(state, dispatch)
    : wrapIn(quote)(state, dispatch);
};

/** The extent of mark `type` around the selection's start (the whole link when the cursor is in or just after one). */
export function markRange(state: EditorState, type: MarkType): { from: number; to: number } | null {
  const { $from } = state.selection;
  const parent = $from.parent;
  let start = parent.childAfter($from.parentOffset);
  if (!start.node || !type.isInSet(start.node.marks)) start = parent.childBefore($from.parentOffset);
  const mark = start.node && type.isInSet(start.node.marks);
  if (!start.node || !mark) return null;
  let from = $from.start() + start.offset;
  let to = from + start.node.nodeSize;
  for (let index = start.index - 1; index >= 0 && mark.isInSet(parent.child(index).marks); index -= 1)
    from -= parent.child(index).nodeSize;
  for (let index = start.index + 1; index < parent.childCount && mark.isInSet(parent.child(index).marks); index += 1)
    to += parent.child(index).nodeSize;
  return { from, to };
}

function withLinkRange(state: EditorState): { from: number; to: number } {
  const { from, to, empty } = state.selection;
  return (empty ? markRange(state, state.schema.marks.link!) : null) ?? { from, to };
}

/** Links the selection, or the whole link the cursor stands in, to `href` (whose address the caller checked). */
export function setLink(href: string): Command {
  return (state, dispatch) => {
    const type = state.schema.marks.link!;
    const { from, to } = withLinkRange(state);
    const extended = state.selection.empty && from !== to;
    if (from === to) {
      // Nothing selected and no link to change: the address itself becomes the linked text.
      if (dispatch) dispatch(state.tr.replaceSelectionWith(state.schema.text(href, [type.create({ href })]), false));
      return true;
    }
    if (!dispatch) return true;
    const tr = state.tr.removeMark(from, to, type).addMark(from, to, type.create({ href }));
    // The whole link it changed ends up selected, as Tiptap's extendMarkRange left it.
    dispatch(extended ? tr.setSelection(TextSelection.create(tr.doc, from, to)) : tr);
    return true;
  };
}

export const unsetLink: Command = (state, dispatch) => {
  const type = state.schema.marks.link!;
  const { from, to } = withLinkRange(state);
  if (from === to || !state.doc.rangeHasMark(from, to, type)) return false;
  if (!dispatch) return true;
  const tr = state.tr.removeMark(from, to, type).removeStoredMark(type);
  dispatch(state.selection.empty ? tr.setSelection(TextSelection.create(tr.doc, from, to)) : tr);
  return true;
};

/** Blocks (figures, placeholders, a rule) at a position or over a range, the cursor after the last. */
export function insertBlocks(at: number | { from: number; to: number }, nodes: readonly PmNode[]): Command {
  return (state, dispatch) => {
    if (nodes.length === 0) return false;
    if (!dispatch) return true;
    const { from, to } = typeof at === "number" ? { from: at, to: at } : at;
    const tr = state.tr.replaceRange(from, to, new Slice(Fragment.from(nodes as PmNode[]), 0, 0));
    const end = tr.mapping.map(to, 1);
    tr.setSelection(Selection.near(tr.doc.resolve(Math.min(end, tr.doc.content.size)), -1)).scrollIntoView();
    dispatch(tr);
    return true;
  };
}

/** A horizontal rule where the cursor is, with a paragraph after it to go on typing in. */
export const insertHorizontalRule: Command = (state, dispatch) => {
  const { horizontalRule, paragraph } = state.schema.nodes;
  if (!dispatch) return true;
  const { from, to } = state.selection;
  const tr = state.tr.replaceSelectionWith(horizontalRule!.create());
  // The rule just inserted: the one nearest where the selection was.
  let end = -1;
  const around = {
    from: Math.max(0, tr.mapping.map(from, -1) - 2),
    to: Math.min(tr.doc.content.size, tr.mapping.map(to, 1) + 2),
  };
  tr.doc.nodesBetween(around.from, around.to, (node, pos) => {
    if (end === -1 && node.type === horizontalRule) end = pos + node.nodeSize;
    return end === -1;
  });
  if (end === -1) return false;
  if (!tr.doc.resolve(end).nodeAfter?.isTextblock) tr.insert(end, paragraph!.create());
  dispatch(tr.setSelection(TextSelection.create(tr.doc, end + 1)).scrollIntoView());
  return true;
};

/** Selects a range and scrolls it into view (a check hit located from the list). */
export function selectRange(range: { from: number; to: number }): Command {
  return (state, dispatch) => {
    dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, range.from, range.to)).scrollIntoView());
    return true;
  };
}

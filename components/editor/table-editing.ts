import type { Node as PmNode, NodeType, Schema } from "@tiptap/pm/model";
import { keymap } from "@tiptap/pm/keymap";
import { Plugin, TextSelection, type Command, type EditorState, type Transaction } from "@tiptap/pm/state";
import {
  CellSelection,
  addColumnAfter,
  addRowAfter,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  tableEditing,
} from "@tiptap/pm/tables";
import { StepMap } from "@tiptap/pm/transform";
import type { EditorView } from "@tiptap/pm/view";

/**
 * Editing inside the body's tables: prosemirror-tables' plugin (cell selection, normalising), the
 * keys and the toolbar's commands (those Tiptap's stock Table had), which the body's schema
 * (lib/articles/body/prosemirror-schema.ts) leaves out. Loaded by components/editor/tables.ts when a body
 * first holds a table, so the editor page's first view does not download it.
 */

function tableDepth(state: EditorState): number | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1)
    if ($from.node(depth).type.spec.tableRole === "table") return depth;
  return null;
}

/** After a row or column is deleted, a cursor that left the table is put back at its end (as the stock one). */
function keepingCursorInTable(command: Command): Command {
  return (state, dispatch) => {
    const depth = tableDepth(state);
    const tablePos = depth === null ? null : state.selection.$from.before(depth);
    return command(
      state,
      dispatch &&
        ((tr: Transaction) => {
          if (tablePos !== null) {
            const mapped = tr.mapping.map(tablePos);
            const table = tr.doc.nodeAt(mapped);
            const $now = tr.selection.$from;
            let inside = false;
            for (let d = $now.depth; d > 0; d -= 1) if ($now.before(d) === mapped) inside = true;
            if (table && !inside) tr.setSelection(TextSelection.near(tr.doc.resolve(mapped + table.nodeSize - 1), -1));
          }
          dispatch(tr);
        }),
    );
  };
}

function tableTypes(schema: Schema): Record<"table" | "row" | "cell" | "header_cell", NodeType> {
  const types = {} as Record<string, NodeType>;
  for (const type of Object.values(schema.nodes)) if (type.spec.tableRole) types[type.spec.tableRole] = type;
  return types as Record<"table" | "row" | "cell" | "header_cell", NodeType>;
}

/** A table of empty cells, the first row of headers, with the cursor in its first cell. */
export function insertTable(rows: number, cols: number): Command {
  return (state, dispatch) => {
    if (!dispatch) return true;
    const types = tableTypes(state.schema);
    const row = (type: NodeType) =>
      types.row.createChecked(
        null,
        Array.from({ length: cols }, () => type.createAndFill() as PmNode),
      );
    const table = types.table.createChecked(
      null,
      Array.from({ length: rows }, (_, index) => row(index === 0 ? types.header_cell : types.cell)),
    );
    const offset = state.selection.from + 1;
    const tr = state.tr.replaceSelectionWith(table).scrollIntoView();
    dispatch(tr.setSelection(TextSelection.near(tr.doc.resolve(offset))));
    return true;
  };
}

export const tableCommands = {
  addRowAfter,
  addColumnAfter,
  deleteRow: keepingCursorInTable(deleteRow),
  deleteColumn: keepingCursorInTable(deleteColumn),
  deleteTable,
} satisfies Record<string, Command>;

/** Every cell of a table selected: Backspace or Delete removes the table (the stock key). */
const deleteTableWhenAllCellsSelected: Command = (state, dispatch) => {
  const { selection } = state;
  if (!(selection instanceof CellSelection)) return false;
  let cells = 0;
  selection.$anchorCell.node(-1).descendants((node) => {
    if (node.type.spec.tableRole === "cell" || node.type.spec.tableRole === "header_cell") cells += 1;
    return node.type.spec.tableRole !== "table";
  });
  if (cells !== selection.ranges.length) return false;
  return deleteTable(state, dispatch);
};

/** Tab to the next cell, adding a row after the last one; Shift-Tab back. */
const nextCell: Command = (state, dispatch) => {
  if (goToNextCell(1)(state, dispatch)) return true;
  if (!addRowAfter(state)) return false;
  if (dispatch)
    addRowAfter(state, (tr) => {
      // Mapped: applying `tr` may append a plugin's transaction (a trailing paragraph), a different document.
      goToNextCell(1)(state.apply(tr), (moved) => tr.setSelection(moved.selection.map(tr.doc, StepMap.empty)));
      dispatch(tr);
    });
  return true;
};

/** A right click inside a selection of several cells keeps it (for the browser's copy menu). */
const keepCellSelectionOnContextMenu = new Plugin({
  props: {
    handleDOMEvents: {
      mousedown(view: EditorView, event: MouseEvent) {
        const { selection } = view.state;
        if (event.button !== 2 || !(selection instanceof CellSelection) || selection.ranges.length < 2) return false;
        const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        if (pos === undefined) return false;
        let inside = false;
        selection.forEachCell((cell, cellPos) => {
          if (pos >= cellPos && pos < cellPos + cell.nodeSize) inside = true;
        });
        if (!inside) return false;
        event.preventDefault();
        return true;
      },
    },
  },
});

export const cellKeyCommands = { next: nextCell, previous: goToNextCell(-1) } satisfies Record<string, Command>;

export function tableEditingPlugins(): Plugin[] {
  return [
    keymap({
      Tab: cellKeyCommands.next,
      "Shift-Tab": cellKeyCommands.previous,
      Backspace: deleteTableWhenAllCellsSelected,
      "Mod-Backspace": deleteTableWhenAllCellsSelected,
      Delete: deleteTableWhenAllCellsSelected,
      "Mod-Delete": deleteTableWhenAllCellsSelected,
    }),
    tableEditing({ allowTableNodeSelection: false }),
    keepCellSelectionOnContextMenu,
  ];
}

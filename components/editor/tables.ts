import { keymap } from "@tiptap/pm/keymap";
import type { Command, EditorState, Plugin } from "@tiptap/pm/state";
import { useEffect } from "react";
import type { BodyEditor } from "./body-editor";

type TableEditing = typeof import("./table-editing");

const loaded = new WeakMap<BodyEditor, Promise<TableEditing>>();

/**
 * Table editing (components/editor/table-editing.ts) for this editor, fetched and added the first
 * time it is needed: the body's schema parses and shows tables without it (lib/articles/body/prosemirror-schema.ts).
 */
function tableEditing(editor: BodyEditor): Promise<TableEditing> {
  let pending = loaded.get(editor);
  if (!pending) {
    pending = import("./table-editing").then((module) => {
      // Ahead of the others: a Backspace over selected cells reaches the table's keys before the
      // editor's "delete the selection", and Tab in a cell moves to the next cell instead of a list's.
      editor.prependPlugins(module.tableEditingPlugins());
      return module;
    });
    loaded.set(editor, pending);
  }
  return pending;
}

function holdsTable(editor: BodyEditor): boolean {
  let found = false;
  editor.state.doc.descendants((node) => {
    if (node.type.name === "table") found = true;
    return !found && !node.isTextblock;
  });
  return found;
}

function inTableCell(state: EditorState): boolean {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    const role = $from.node(depth).type.spec.tableRole;
    if (role === "cell" || role === "header_cell") return true;
  }
  return false;
}

const heldKeys = new WeakSet<BodyEditor>();

/**
 * Tab and Shift-Tab in a cell before table editing has arrived (a slow line): kept from the browser,
 * which would move the focus out of the body, and done once it has. Table editing's own keys go ahead
 * of these, so once loaded this never runs.
 */
function cellKeysWhileLoading(editor: BodyEditor): Plugin {
  const held =
    (pick: (module: TableEditing) => Command): Command =>
    (state) => {
      if (!editor.isEditable || !inTableCell(state)) return false;
      void runTableCommand(editor, pick);
      return true;
    };
  return keymap({
    Tab: held((module) => module.cellKeyCommands.next),
    "Shift-Tab": held((module) => module.cellKeyCommands.previous),
  });
}

/** Loads table editing as soon as the body holds a table: from the start, or once one is pasted or restored by undo. */
export function useTableEditing(editor: BodyEditor | null): void {
  useEffect(() => {
    if (!editor) return;
    if (!heldKeys.has(editor)) {
      heldKeys.add(editor);
      editor.prependPlugins([cellKeysWhileLoading(editor)]);
    }
    if (holdsTable(editor)) {
      void tableEditing(editor);
      return;
    }
    const update = () => {
      if (!holdsTable(editor)) return;
      editor.off("update", update);
      void tableEditing(editor);
    };
    editor.on("update", update);
    return () => {
      editor.off("update", update);
    };
  }, [editor]);
}

/** Runs a table command (loading table editing first), focused on the body as a toolbar button is. */
export async function runTableCommand(editor: BodyEditor, pick: (module: TableEditing) => Command): Promise<void> {
  const command = pick(await tableEditing(editor));
  editor.run(command);
}

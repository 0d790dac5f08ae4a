import type { Editor } from "@tiptap/core";
import type { Command } from "@tiptap/pm/state";
import { useEffect } from "react";

type TableEditing = typeof import("./table-editing");

const loaded = new WeakMap<Editor, Promise<TableEditing>>();

/**
 * Table editing (components/editor/table-editing.ts) for this editor, fetched and added the first
 * time it is needed: the body's schema parses and shows tables without it (lib/articles/body/table-node.ts).
 */
function tableEditing(editor: Editor): Promise<TableEditing> {
  let pending = loaded.get(editor);
  if (!pending) {
    pending = import("./table-editing").then((module) => {
      const plugins = module.tableEditingPlugins();
      // Ahead of the others, where the stock Table's stood (Tiptap orders an extension's plugins before
      // those of the extensions listed ahead of it, the core keys last): a Backspace over selected cells
      // reaches the table's keys before the core's "delete the selection".
      if (!editor.isDestroyed) editor.registerPlugin(plugins[0]!, (_, current) => [...plugins, ...current]);
      return module;
    });
    loaded.set(editor, pending);
  }
  return pending;
}

function holdsTable(editor: Editor): boolean {
  let found = false;
  editor.state.doc.descendants((node) => {
    if (node.type.name === "table") found = true;
    return !found && !node.isTextblock;
  });
  return found;
}

/** Loads table editing as soon as the body holds a table: from the start, or once one is pasted or restored by undo. */
export function useTableEditing(editor: Editor | null): void {
  useEffect(() => {
    if (!editor) return;
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

/** Runs a table command (loading table editing first) as the stock Table's commands ran: focused, in one chain. */
export async function runTableCommand(editor: Editor, pick: (module: TableEditing) => Command): Promise<void> {
  const command = pick(await tableEditing(editor));
  if (editor.isDestroyed) return;
  editor
    .chain()
    .focus()
    .command(({ state, dispatch }) => command(state, dispatch))
    .run();
}

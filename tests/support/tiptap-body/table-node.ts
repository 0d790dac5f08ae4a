import { Node, callOrReturn, getExtensionField, mergeAttributes } from "@tiptap/core";
// The cells' and rows' `tableRole` field is declared by the stock package (its types module).
import type {} from "@tiptap/extension-table/row";

/**
 * The body's table node: the schema of Tiptap's stock `Table` (a block of `tableRow+`, isolating,
 * parsed from <table>, each table node's `tableRole` handed to ProseMirror) without its editing. The
 * stock node imports prosemirror-tables' plugin and commands (about 13 KB gzip of the editor page's
 * first view) although most articles hold no table; the editor loads them when a body first holds
 * one or a table is inserted (components/editor/tables.ts). Column resizing is off, so the stock
 * node's wrapper and column widths, which served it, are left out.
 */
export const TableNode = Node.create({
  name: "table",
  content: "tableRow+",
  tableRole: "table",
  isolating: true,
  group: "block",

  parseHTML() {
    return [{ tag: "table" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["table", mergeAttributes(HTMLAttributes), ["tbody", 0]];
  },

  // As the stock Table does: copies every extension's `tableRole` into its node spec, where
  // prosemirror-tables looks for the table, row and cell types.
  extendNodeSchema(extension) {
    const context = { name: extension.name, options: extension.options, storage: extension.storage };
    return { tableRole: callOrReturn(getExtensionField(extension, "tableRole", context)) };
  },
});

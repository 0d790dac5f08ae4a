import { getSchema } from "@tiptap/core";
import { Table } from "@tiptap/extension-table/table";
import { DOMParser as ProseMirrorParser } from "@tiptap/pm/model";
import { TextSelection } from "@tiptap/pm/state";
import { CellSelection } from "@tiptap/pm/tables";
import { JSDOM } from "jsdom";
import type { BodyEditor as Editor } from "@/components/editor/body-editor";
import { runTableCommand } from "@/components/editor/tables";
import { bodySchema } from "@/lib/articles/body/prosemirror-schema";
import { toStoredBody } from "@/lib/articles/editor-json";
import { createBodyEditor, editorDom } from "../support/body-editor";
import { bodyExtensions } from "../support/tiptap-body/extensions";

// The body's table node (lib/articles/body/prosemirror-schema.ts: schema only) and the table editing
// the editor loads on first use (components/editor/tables.ts), on the real body editor over jsdom.
// Visual, for requestAnimationFrame.
const dom = editorDom();

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function editorWith(html: string): Editor {
  const editor = createBodyEditor(html, dom.window.document.createElement("div"));
  editors.push(editor);
  return editor;
}

function select(editor: Editor, pos: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
}

const PLAIN_TABLE = "<table><tr><th>项目</th><th>数量</th></tr><tr><td>支部</td><td>12</td></tr></table><p>后文</p>";
const WORD_TABLE =
  '<table border=1 style="width:400px"><tr><th>项目</th><th colspan="2">数量</th></tr><tr><td><p>支部</p></td><td rowspan="1">12</td><td></td></tr></table><p>后文</p>';

/** Each row's cells as text, "·" for a header cell. */
function rows(editor: Editor): string[][] {
  const out: string[][] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === "tableRow") {
      out.push(node.content.content.map((cell) => (cell.type.name === "tableHeader" ? "·" : "") + cell.textContent));
      return false;
    }
    return true;
  });
  return out;
}

function cellPositions(editor: Editor): number[] {
  const positions: number[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.spec.tableRole === "cell" || node.type.spec.tableRole === "header_cell") positions.push(pos);
    return true;
  });
  return positions;
}

describe("the body's table node", () => {
  it("parses a pasted or imported table exactly as Tiptap's stock Table did", () => {
    const ours = bodySchema;
    const stock = getSchema(
      bodyExtensions().map((extension) =>
        extension.name === "table" ? Table.configure({ resizable: false }) : extension,
      ),
    );
    // As stored (toStoredBody drops the attributes the body does not hold, e.g. the stock cells' `align`).
    const parse = (schema: typeof stock) =>
      toStoredBody(
        ProseMirrorParser.fromSchema(schema)
          .parse(new JSDOM(`<body>${WORD_TABLE}</body>`).window.document.body)
          .toJSON(),
      ) as { content: { type: string }[] };
    expect(parse(ours)).toEqual(parse(stock));
    expect(parse(ours).content[0].type).toBe("table");
    for (const name of ["table", "tableRow", "tableCell", "tableHeader"])
      expect(ours.nodes[name]!.spec.tableRole).toBe(stock.nodes[name]!.spec.tableRole);
    expect(ours.nodes.table!.spec.content).toBe(stock.nodes.table!.spec.content);
    expect(ours.nodes.table!.spec.isolating).toBe(true);
  });
});

describe("table editing, loaded on first use", () => {
  it("inserts a 3 × 3 table with a header row and the cursor in its first cell", async () => {
    const editor = editorWith("<p>前文</p>");
    select(editor, 3);
    await runTableCommand(editor, (tables) => tables.insertTable(3, 3));
    expect(rows(editor)).toEqual([
      ["·", "·", "·"],
      ["", "", ""],
      ["", "", ""],
    ]);
    expect(editor.state.selection.$from.node(-1).type.name).toBe("tableHeader");
    editor.view.dispatch(editor.state.tr.insertText("标题"));
    expect(rows(editor)[0]).toEqual(["·标题", "·", "·"]);
  });

  it("adds and deletes rows and columns of the cell the cursor is in, and the table", async () => {
    const editor = editorWith(PLAIN_TABLE);
    const cell = (text: string) => {
      let from = -1;
      editor.state.doc.descendants((node, pos) => {
        if (node.type.name === "tableCell" && node.textContent === text) from = pos + 1;
        return from === -1;
      });
      return { from };
    };
    select(editor, cell("支部").from + 1);
    await runTableCommand(editor, (tables) => tables.tableCommands.addRowAfter);
    expect(rows(editor)).toEqual([
      ["·项目", "·数量"],
      ["支部", "12"],
      ["", ""],
    ]);
    await runTableCommand(editor, (tables) => tables.tableCommands.addColumnAfter);
    expect(rows(editor)).toEqual([
      ["·项目", "·", "·数量"],
      ["支部", "", "12"],
      ["", "", ""],
    ]);
    await runTableCommand(editor, (tables) => tables.tableCommands.deleteColumn);
    expect(rows(editor)).toEqual([
      ["·", "·数量"],
      ["", "12"],
      ["", ""],
    ]);
    select(editor, cell("12").from + 1);
    await runTableCommand(editor, (tables) => tables.tableCommands.deleteRow);
    expect(rows(editor)).toEqual([
      ["·", "·数量"],
      ["", ""],
    ]);
    // The cursor stays in the table.
    expect(editor.isActive("table")).toBe(true);
    await runTableCommand(editor, (tables) => tables.tableCommands.deleteTable);
    expect(rows(editor)).toEqual([]);
    expect(editor.getText()).toBe("后文");
  });

  it("moves with Tab and Shift-Tab, adding a row after the last cell; Backspace over every cell removes the table", async () => {
    const editor = editorWith(PLAIN_TABLE);
    // Loaded as the editor loads it (any table command loads it first).
    await runTableCommand(editor, () => () => true);
    const press = (key: string, shiftKey = false) =>
      editor.view.someProp("handleKeyDown", (handler) =>
        handler(editor.view, new dom.window.KeyboardEvent("keydown", { key, shiftKey }) as unknown as KeyboardEvent),
      );
    const cells = cellPositions(editor);
    select(editor, cells[cells.length - 1]! + 2);
    expect(press("Tab")).toBe(true);
    expect(rows(editor)).toEqual([
      ["·项目", "·数量"],
      ["支部", "12"],
      ["", ""],
    ]);
    expect(editor.state.selection.$from.node(-2)).toBe(editor.state.doc.firstChild!.lastChild);
    expect(press("Tab", true)).toBe(true);
    expect(editor.state.selection.$from.parent.textContent).toBe("12");

    const all = cellPositions(editor);
    editor.view.dispatch(
      editor.state.tr.setSelection(CellSelection.create(editor.state.doc, all[0]!, all[all.length - 1]!)),
    );
    expect(press("Backspace")).toBe(true);
    expect(rows(editor)).toEqual([]);
  });

  it("adds a row with Tab in the last cell of a table that ends the body (before anything else was typed)", async () => {
    const editor = editorWith("<p>前文</p><table><tr><th>项目</th></tr><tr><td>支部</td></tr></table>");
    await runTableCommand(editor, () => () => true);
    const cells = cellPositions(editor);
    select(editor, cells[cells.length - 1]! + 2);
    const tab = new dom.window.KeyboardEvent("keydown", { key: "Tab" }) as unknown as KeyboardEvent;
    expect(editor.view.someProp("handleKeyDown", (handler) => handler(editor.view, tab))).toBe(true);
    expect(rows(editor)).toEqual([["·项目"], ["支部"], [""]]);
    expect(editor.state.selection.$from.node(-2)).toBe(editor.state.doc.child(1).lastChild);
  });
});

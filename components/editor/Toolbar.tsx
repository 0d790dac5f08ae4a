"use client";

import { redo, redoDepth, undo, undoDepth } from "@tiptap/pm/history";
import { clsx } from "clsx";
import {
  Bold,
  Heading2,
  Heading3,
  ImagePlus,
  Italic,
  Link2,
  Link2Off,
  List,
  ListOrdered,
  Minus,
  Pilcrow,
  Quote,
  Redo2,
  Table,
  Underline,
  Undo2,
  type LucideIcon,
} from "lucide-react";
import { articlesText } from "@/lib/articles/messages";
import type { BodyEditor } from "./body-editor";
import {
  insertHorizontalRule,
  setParagraph,
  toggleBlockquote,
  toggleHeading,
  toggleList,
  toggleMarkNamed,
  unsetLink,
} from "./commands";
import { runTableCommand } from "./tables";
import { useEditorValue } from "./use-editor";

const t = articlesText.editor;

/** Shortcuts as staff on Windows read them; macOS users know ⌘ stands for Ctrl. */
const KEYS = {
  paragraph: "Ctrl+Alt+0",
  heading2: "Ctrl+Alt+2",
  heading3: "Ctrl+Alt+3",
  bold: "Ctrl+B",
  italic: "Ctrl+I",
  underline: "Ctrl+U",
  bulletList: "Ctrl+Shift+8",
  orderedList: "Ctrl+Shift+7",
  blockquote: "Ctrl+Shift+B",
  link: "Ctrl+K",
  undo: "Ctrl+Z",
  redo: "Ctrl+Shift+Z",
} as const;

function ToolButton({
  label,
  icon: Icon,
  shortcut,
  active,
  disabled,
  onClick,
}: {
  label: string;
  icon: LucideIcon;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
}) {
  const title = shortcut ? `${label}(${shortcut})` : label;
  return (
    <button
      type="button"
      title={title}
      aria-label={title}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={clsx(
        "inline-flex items-center gap-1 rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-40",
        active && "bg-brand-50 text-brand-700 ring-1 ring-brand-600/30",
      )}
    >
      <Icon aria-hidden className="size-4" />
      <span className="hidden xl:inline">{label}</span>
    </button>
  );
}

export function Toolbar({
  editor,
  onLink,
  onFigure,
}: {
  editor: BodyEditor;
  onLink: () => void;
  onFigure: () => void;
}) {
  const state = useEditorValue(editor, (e) => ({
    paragraph: e.isActive("paragraph"),
    heading2: e.isActive("heading", { level: 2 }),
    heading3: e.isActive("heading", { level: 3 }),
    bold: e.isActive("bold"),
    italic: e.isActive("italic"),
    underline: e.isActive("underline"),
    bulletList: e.isActive("bulletList"),
    orderedList: e.isActive("orderedList"),
    blockquote: e.isActive("blockquote"),
    link: e.isActive("link"),
    table: e.isActive("table"),
    canUndo: undoDepth(e.state) > 0,
    canRedo: redoDepth(e.state) > 0,
  }));
  const run = (command: Parameters<BodyEditor["run"]>[0]) => () => void editor.run(command);
  const separator = <span aria-hidden className="mx-1 h-5 w-px bg-slate-200" />;

  return (
    <div
      role="toolbar"
      aria-label={t.toolbar}
      className="sticky top-0 z-10 flex flex-wrap items-center gap-0.5 border-b border-slate-200 bg-white px-2 py-1"
    >
      <ToolButton
        label={t.paragraph}
        icon={Pilcrow}
        shortcut={KEYS.paragraph}
        active={state.paragraph}
        onClick={run(setParagraph)}
      />
      <ToolButton
        label={t.heading2}
        icon={Heading2}
        shortcut={KEYS.heading2}
        active={state.heading2}
        onClick={run(toggleHeading(2))}
      />
      <ToolButton
        label={t.heading3}
        icon={Heading3}
        shortcut={KEYS.heading3}
        active={state.heading3}
        onClick={run(toggleHeading(3))}
      />
      {separator}
      <ToolButton
        label={t.bold}
        icon={Bold}
        shortcut={KEYS.bold}
        active={state.bold}
        onClick={run(toggleMarkNamed("bold"))}
      />
      <ToolButton
        label={t.italic}
        icon={Italic}
        shortcut={KEYS.italic}
        active={state.italic}
        onClick={run(toggleMarkNamed("italic"))}
      />
      <ToolButton
        label={t.underline}
        icon={Underline}
        shortcut={KEYS.underline}
        active={state.underline}
        onClick={run(toggleMarkNamed("underline"))}
      />
      {separator}
      <ToolButton
        label={t.bulletList}
        icon={List}
        shortcut={KEYS.bulletList}
        active={state.bulletList}
        onClick={run(toggleList("bulletList"))}
      />
      <ToolButton
        label={t.orderedList}
        icon={ListOrdered}
        shortcut={KEYS.orderedList}
        active={state.orderedList}
        onClick={run(toggleList("orderedList"))}
      />
      <ToolButton
        label={t.blockquote}
        icon={Quote}
        shortcut={KEYS.blockquote}
        active={state.blockquote}
        onClick={run(toggleBlockquote)}
      />
      {separator}
      <ToolButton label={t.link} icon={Link2} shortcut={KEYS.link} active={state.link} onClick={onLink} />
      <ToolButton label={t.unlink} icon={Link2Off} disabled={!state.link} onClick={run(unsetLink)} />
      <ToolButton label={t.horizontalRule} icon={Minus} onClick={run(insertHorizontalRule)} />
      <ToolButton
        label={t.table}
        icon={Table}
        onClick={() => void runTableCommand(editor, (tables) => tables.insertTable(3, 3))}
      />
      <ToolButton label={t.figure} icon={ImagePlus} onClick={onFigure} />
      {separator}
      <ToolButton label={t.undo} icon={Undo2} shortcut={KEYS.undo} disabled={!state.canUndo} onClick={run(undo)} />
      <ToolButton label={t.redo} icon={Redo2} shortcut={KEYS.redo} disabled={!state.canRedo} onClick={run(redo)} />
      {state.table && (
        <span className="ml-2 flex flex-wrap gap-1 text-xs" role="group" aria-label={t.table}>
          {(
            [
              [t.addRow, "addRowAfter"],
              [t.addColumn, "addColumnAfter"],
              [t.deleteRow, "deleteRow"],
              [t.deleteColumn, "deleteColumn"],
              [t.deleteTable, "deleteTable"],
            ] as const
          ).map(([label, name]) => (
            <button
              key={label}
              type="button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => void runTableCommand(editor, (tables) => tables.tableCommands[name])}
              className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
            >
              {label}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}

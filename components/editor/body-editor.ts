import { DOMParser as ProseMirrorParser, type Node as PmNode, type Schema } from "@tiptap/pm/model";
import { EditorState, type Command, type Plugin, type Transaction } from "@tiptap/pm/state";
import { EditorView, type DirectEditorProps, type NodeViewConstructor } from "@tiptap/pm/view";
import { findAncestor } from "./commands";

export type EditorEvent = "transaction" | "update";

export interface BodyEditorOptions {
  element: HTMLElement;
  schema: Schema;
  /** The document as ProseMirror JSON, or HTML (parsed with the schema, as a paste would be). */
  content: unknown;
  /** This editor's own plugins (some hold state: made for each editor). */
  plugins: readonly Plugin[];
  /** Made anew when editability changes, so the views render again (the figure's inputs show or hide). */
  nodeViews?: () => Record<string, NodeViewConstructor>;
  editable?: boolean;
  props?: Partial<DirectEditorProps>;
}

function documentOf(schema: Schema, content: unknown, page: Document): PmNode {
  if (typeof content !== "string") return schema.nodeFromJSON(content);
  // An inert document: no image loads and no event handler runs while the HTML is read.
  const inert = page.implementation.createHTMLDocument("");
  inert.body.innerHTML = content;
  return ProseMirrorParser.fromSchema(schema).parse(inert.body);
}

/**
 * The body editor: a ProseMirror view with the few things the form, the toolbar and the uploads ask
 * of it — its state as JSON and text, whether a mark or node is active, running a command, and
 * "transaction" / "update" events. Written on ProseMirror directly instead of Tiptap's `Editor`,
 * whose core module (every command and core extension, about 23 KB gzip) is not split by any bundler.
 */
export class BodyEditor {
  readonly view: EditorView;
  private readonly listeners: Record<EditorEvent, Set<() => void>> = { transaction: new Set(), update: new Set() };
  private editable: boolean;
  private destroyed = false;
  private readonly nodeViews: BodyEditorOptions["nodeViews"];

  constructor(options: BodyEditorOptions) {
    this.editable = options.editable ?? true;
    this.nodeViews = options.nodeViews;
    const state = EditorState.create({
      doc: documentOf(options.schema, options.content, options.element.ownerDocument),
      plugins: [...options.plugins],
    });
    this.view = new EditorView(options.element, {
      ...options.props,
      state,
      editable: () => this.editable,
      nodeViews: options.nodeViews?.(),
      attributes: () => ({
        ...(typeof options.props?.attributes === "object" ? options.props.attributes : {}),
        // Reachable by Tab only while it can be edited (as Tiptap did).
        ...(this.editable ? { tabindex: "0" } : {}),
      }),
      dispatchTransaction: (tr) => this.apply(tr),
    });
  }

  get state(): EditorState {
    return this.view.state;
  }

  get schema(): Schema {
    return this.view.state.schema;
  }

  get isEditable(): boolean {
    return this.editable && !this.destroyed;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  on(event: EditorEvent, listener: () => void): void {
    this.listeners[event].add(listener);
  }

  off(event: EditorEvent, listener: () => void): void {
    this.listeners[event].delete(listener);
  }

  setEditable(editable: boolean): void {
    if (this.destroyed || editable === this.editable) return;
    this.editable = editable;
    // New node views (the figure's inputs show or hide with it) and a transaction for the toolbar.
    this.view.setProps({ nodeViews: this.nodeViews?.() });
    this.view.dispatch(this.view.state.tr.setMeta("addToHistory", false));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.view.destroy();
    this.listeners.transaction.clear();
    this.listeners.update.clear();
  }

  getJSON(): Record<string, unknown> {
    return this.state.doc.toJSON() as Record<string, unknown>;
  }

  /** The body's text, blocks separated by `blockSeparator`, a line break as "\n". */
  getText(blockSeparator = "\n\n"): string {
    const { doc } = this.state;
    return doc.textBetween(0, doc.content.size, blockSeparator, (leaf) => leaf.type.spec.leafText?.(leaf) ?? "");
  }

  /** Whether the selection is in a node of type `name` (with these attributes) or all under mark `name`. */
  isActive(name: string, attrs: Record<string, unknown> = {}): boolean {
    const { state } = this;
    const matches = (node: { attrs: Record<string, unknown> }) =>
      Object.entries(attrs).every(([key, value]) => node.attrs[key] === value);
    const markType = state.schema.marks[name];
    if (markType) {
      const { empty, from, to, $from } = state.selection;
      if (empty) return (state.storedMarks ?? $from.marks()).some((mark) => mark.type === markType && matches(mark));
      let text = false;
      let all = true;
      state.doc.nodesBetween(from, to, (node) => {
        if (!node.isText) return true;
        text = true;
        if (!node.marks.some((mark) => mark.type === markType && matches(mark))) all = false;
        return false;
      });
      return text && all;
    }
    const { $from, $to } = state.selection;
    const named = (node: PmNode) => node.type.name === name && matches(node);
    const inside = ($pos: typeof $from) => {
      if (findAncestor($pos, named)) return true;
      // A selected node (a figure, a rule) counts as the selection being in it.
      const after = $pos.nodeAfter;
      return state.selection.from !== state.selection.to && after !== null && named(after);
    };
    return inside($from) && ($to.pos === $from.pos || inside($to) || inside(state.doc.resolve($to.pos - 1)));
  }

  /** The attributes of mark `name` at the selection's start, or {}. */
  getMarkAttrs(name: string): Record<string, unknown> {
    const { state } = this;
    const type = state.schema.marks[name];
    const { $from, empty } = state.selection;
    const marks = empty ? (state.storedMarks ?? $from.marks()) : [...$from.marks(), ...($from.nodeAfter?.marks ?? [])];
    return marks.find((mark) => mark.type === type)?.attrs ?? {};
  }

  /** Runs `command` (after focusing the body, as a toolbar button does); whether it applied. */
  run(command: Command, { focus = true }: { focus?: boolean } = {}): boolean {
    if (this.destroyed) return false;
    if (focus) this.focus();
    return command(this.state, (tr) => this.view.dispatch(tr), this.view);
  }

  focus(): void {
    if (!this.destroyed) this.view.focus();
  }

  /** Adds plugins ahead of the others (table editing, loaded when a body first holds a table). */
  prependPlugins(plugins: readonly Plugin[]): void {
    if (this.destroyed) return;
    this.view.updateState(this.state.reconfigure({ plugins: [...plugins, ...this.state.plugins] }));
  }

  private apply(tr: Transaction): void {
    if (this.destroyed) return;
    this.view.updateState(this.view.state.apply(tr));
    for (const listener of [...this.listeners.transaction]) listener();
    if (tr.docChanged) for (const listener of [...this.listeners.update]) listener();
  }
}

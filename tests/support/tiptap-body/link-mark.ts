import { Mark, PasteRule, mergeAttributes, type PasteRuleMatch } from "@tiptap/core";
import type { MarkType } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { isAllowedHref } from "@/lib/articles/body/count";
import { linkTarget, webAddresses } from "@/lib/articles/body/web-address";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    link: {
      /** Links the selection (refused for an address the body may not hold). */
      setLink: (attributes: { href: string }) => ReturnType;
      unsetLink: () => ReturnType;
    };
  }
}

/**
 * The body's former Tiptap link mark (now lib/articles/body/prosemirror-schema.ts and
 * components/editor/link-typing.ts), in place of @tiptap/extension-link: that one carries linkifyjs (a full URL
 * grammar, a fifth of the link code's weight in the editor chunk) for recognising addresses in typed
 * and pasted text. The body only holds http(s) and mailto links (`isAllowedHref`), so the addresses
 * worth recognising are the ones written with their scheme or `www.` (lib/articles/body/web-address.ts):
 *
 * - typing a space or Enter after such an address links it;
 * - pasting text links the addresses in it;
 * - pasting an address alone over a selection links the selection.
 *
 * Links are set and removed through the link dialog otherwise (`setLink` / `unsetLink`). The mark
 * parses `<a href>` only with an allowed address, so the old-site import (lib/import/convert.ts)
 * drops the others' links and keeps their text, as before.
 */
export const LinkMark = Mark.create({
  name: "link",
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  inclusive: false,

  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute("href") } };
  },

  parseHTML() {
    return [
      {
        tag: "a[href]",
        getAttrs: (dom: HTMLElement) => (isAllowedHref(dom.getAttribute("href") ?? "") ? null : false),
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    const href =
      typeof HTMLAttributes.href === "string" && isAllowedHref(HTMLAttributes.href) ? HTMLAttributes.href : "";
    return ["a", mergeAttributes(HTMLAttributes, { href }), 0];
  },

  addCommands() {
    return {
      setLink:
        ({ href }) =>
        ({ commands }) =>
          isAllowedHref(href) && commands.setMark(this.name, { href }),
      unsetLink:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    };
  },

  addPasteRules() {
    return [
      new PasteRule({
        find: (text): PasteRuleMatch[] =>
          webAddresses(text).map(({ index, text: address, href }) => ({ index, text: address, data: { href } })),
        handler: ({ state, range, match }) => {
          const href = match.data?.href;
          if (typeof href !== "string") return;
          const marks = state.doc.rangeHasMark(range.from, range.to, this.type);
          if (!marks) state.tr.addMark(range.from, range.to, this.type.create({ href }));
        },
      }),
    ];
  },

  addKeyboardShortcuts() {
    // Enter after an address links it, then the block splits as always (false: the next handler runs).
    return { Enter: () => (linkTypedAddress(this.editor.view, this.type), false) };
  },

  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        key: new PluginKey("linkTyping"),
        props: {
          // A space typed after an address: link the address (the space itself stays plain text).
          handleTextInput: (view, from, to, text) => {
            if (!/^[\s\u3000]$/u.test(text) || from !== to || !linkTypedAddress(view, type)) return false;
            view.dispatch(view.state.tr.insertText(text, view.state.selection.from));
            return true;
          },
          // An address pasted alone over selected text: the selection becomes its link.
          handlePaste: (view, _event, slice) => {
            const { selection } = view.state;
            if (selection.empty) return false;
            const pasted = slice.content.textBetween(0, slice.content.size, "", "").trim();
            const found = webAddresses(pasted);
            if (found.length !== 1 || found[0]?.text !== pasted) return false;
            view.dispatch(view.state.tr.addMark(selection.from, selection.to, type.create({ href: found[0].href })));
            return true;
          },
        },
      }),
    ];
  },
});

/** Links the address just before an empty selection, if there is one not linked yet; whether it did. */
function linkTypedAddress(view: EditorView, type: MarkType): boolean {
  const { selection } = view.state;
  if (!selection.empty || !view.editable) return false;
  const { $from, from } = selection;
  if (!$from.parent.isTextblock || !$from.parent.type.allowsMarkType(type)) return false;
  const found = linkTarget($from.parent.textBetween(0, $from.parentOffset, undefined, "\ufffc"));
  if (!found) return false;
  const start = from - found.text.length;
  if (view.state.doc.rangeHasMark(start, from, type)) return false;
  view.dispatch(view.state.tr.addMark(start, from, type.create({ href: found.href })));
  return true;
}

import { Fragment, Slice, type MarkType, type Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Command } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { linkTarget, webAddresses } from "@/lib/articles/body/web-address";

/**
 * Web addresses linked as they are written, without a URL grammar library (linkifyjs, a fifth of the
 * stock link extension's weight). The body only holds http(s) and mailto links, so the addresses
 * worth recognising are the ones written with their scheme or `www.` (lib/articles/body/web-address.ts):
 *
 * - typing a space or Enter after such an address links it;
 * - pasting text links the addresses in it;
 * - pasting an address alone over a selection links the selection.
 *
 * Links are set and removed through the link dialog otherwise (commands.ts: `setLink` / `unsetLink`).
 */

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

/** Enter after an address links it, then the block splits as always (false: the next handler runs). */
export function linkBeforeEnter(type: MarkType): Command {
  return (_state, _dispatch, view) => {
    if (view) linkTypedAddress(view, type);
    return false;
  };
}

/** The addresses in pasted text, linked (text already linked, or where links are not allowed, is left). */
function linkAddresses(fragment: Fragment, type: MarkType, parent: PmNode | null): Fragment {
  const children: PmNode[] = [];
  fragment.forEach((child) => {
    if (!child.isText) {
      children.push(child.copy(linkAddresses(child.content, type, child)));
      return;
    }
    const text = child.text ?? "";
    const found = type.isInSet(child.marks) || (parent && !parent.type.allowsMarkType(type)) ? [] : webAddresses(text);
    let at = 0;
    for (const { index, text: address, href } of found) {
      if (index > at) children.push(child.cut(at, index));
      children.push(child.cut(index, index + address.length).mark(type.create({ href }).addToSet(child.marks)));
      at = index + address.length;
    }
    if (at === 0) children.push(child);
    else if (at < text.length) children.push(child.cut(at));
  });
  return Fragment.fromArray(children);
}

export function linkTypingPlugin(type: MarkType): Plugin {
  return new Plugin({
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
      transformPasted: (slice) => new Slice(linkAddresses(slice.content, type, null), slice.openStart, slice.openEnd),
    },
  });
}

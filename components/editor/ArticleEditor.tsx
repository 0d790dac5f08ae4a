"use client";

import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import type { BodyDocument } from "@/lib/articles/body";
import { countCharacters, isAllowedHref } from "@/lib/articles/body-schema";
import { articlesText } from "@/lib/articles/messages";
import { cleanPastedHtml } from "@/lib/articles/paste-clean";
import type { MediaItem } from "@/lib/media/queries";
import { setCheckHits, type CheckHit } from "./check-highlights";
import { CheckHitsPanel } from "./CheckHitsPanel";
import { EDITOR_EVENTS, editorExtensions } from "./extensions";
import { MediaPickerDialog } from "./MediaPickerDialog";
import { Toolbar } from "./Toolbar";
import "./editor.css";

const t = articlesText.editor;

interface Props {
  initialBody: BodyDocument;
  editable: boolean;
  /** Thumbnails of the photos already in the body, by Media id. */
  media: readonly Pick<MediaItem, "id" | "thumbnailUrl">[];
  onChange: (json: unknown) => void;
  onSaveShortcut: () => void;
  /** Hands the editor instance up, so the form can replace the content (conflict: "use the saved one"). */
  onReady?: (editor: Editor) => void;
  maxUploadBytes: number;
  /** The body's content-check hits of the last save (or the page load), highlighted until the next; none before a first save. */
  checkHits?: readonly CheckHit[];
  /** Some hit of the article (body or other field) is BLOCK. */
  checksBlocking?: boolean;
}

/** The stored body with each figure's library thumbnail added, for display while editing. */
function withThumbnails(body: BodyDocument, media: Props["media"]): JSONContent {
  const src = new Map(media.map((item) => [item.id, item.thumbnailUrl]));
  const visit = (node: JSONContent): JSONContent =>
    node.type === "figure" && typeof node.attrs?.mediaId === "string"
      ? { ...node, attrs: { ...node.attrs, src: src.get(node.attrs.mediaId) ?? null } }
      : node.content
        ? { ...node, content: node.content.map(visit) }
        : node;
  // ProseMirror builds a document from JSON without checking it: an empty `content` would give a doc
  // with no block at all, in which the first heading or list command is undone by the first keystroke.
  const doc = visit(body as JSONContent);
  return doc.content?.length ? doc : { ...doc, content: [{ type: "paragraph" }] };
}

function CharacterCount({ editor }: { editor: Editor }) {
  const count = useEditorState({ editor, selector: ({ editor: e }) => countCharacters(e.getText({ blockSeparator: "\n" })) });
  return (
    <p className="border-t border-slate-200 px-3 py-1.5 text-right text-xs text-slate-600" aria-live="polite" data-testid="character-count">
      {articlesText.ui.characters(count)}
    </p>
  );
}

/**
 * The body editor (Tiptap 3). It edits the same document the server validates and the public page
 * renders; pasted HTML is cleaned first (lib/articles/paste-clean.ts) and the JSON is reduced to the
 * stored shape before every save (lib/articles/editor-json.ts).
 */
const NO_HITS: readonly CheckHit[] = [];

export function ArticleEditor({ initialBody, editable, media, onChange, onSaveShortcut, onReady, maxUploadBytes, checkHits, checksBlocking = false }: Props) {
  const [picking, setPicking] = useState(false);
  const [content] = useState(() => withThumbnails(initialBody, media));

  // Options must keep their identity across renders: @tiptap/react calls `setOptions` (and resets the
  // view's props) whenever a render passes different extensions or editorProps.
  const [extensions] = useState(editorExtensions);
  const [editorProps] = useState(() => ({
    attributes: { class: "article-editor-body", "aria-label": articlesText.ui.fields.body, "aria-multiline": "true", role: "textbox" },
    transformPastedHTML: (html: string) => {
      const cleaned = cleanPastedHtml(html, new DOMParser());
      // Pasted photos have no Media row and no alt text yet: staff upload them through the picker.
      const images = cleaned.images.length + cleaned.droppedImages;
      if (images > 0) toast.warning(t.pastedImagesDropped(images));
      return cleaned.html;
    },
  }));

  const editor = useEditor({
    // The admin is server-rendered; the editor exists only in the browser.
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editable,
    content,
    extensions,
    editorProps,
  });

  function openLink() {
    if (!editor) return;
    const previous = editor.getAttributes("link").href as string | undefined;
    const href = window.prompt(t.linkPrompt, previous ?? "https://");
    if (href === null) return;
    if (href.trim() === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return;
    }
    if (!isAllowedHref(href.trim())) {
      toast.error(t.linkInvalid);
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
  }
  // Tiptap keeps the options it was created with; listeners re-subscribed here see the latest props.
  useEffect(() => {
    if (!editor) return;
    const update = () => onChange(editor.getJSON());
    const dom = editor.view.dom;
    const link = () => openLink();
    const save = () => onSaveShortcut();
    editor.on("update", update);
    dom.addEventListener(EDITOR_EVENTS.link, link);
    dom.addEventListener(EDITOR_EVENTS.save, save);
    return () => {
      editor.off("update", update);
      dom.removeEventListener(EDITOR_EVENTS.link, link);
      dom.removeEventListener(EDITOR_EVENTS.save, save);
    };
  });

  useEffect(() => {
    if (editor && onReady) onReady(editor);
  }, [editor, onReady]);

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(setCheckHits(editor.state.tr, checkHits ?? NO_HITS));
  }, [editor, checkHits]);

  if (!editor) return <div className="min-h-96 rounded-lg bg-white ring-1 ring-slate-300" aria-busy="true" />;

  return (
    <div className="article-editor rounded-lg bg-white ring-1 ring-slate-300 focus-within:ring-2 focus-within:ring-brand-600">
      {editable && <Toolbar editor={editor} onLink={openLink} onFigure={() => setPicking(true)} />}
      <EditorContent editor={editor} />
      <CharacterCount editor={editor} />
      {checkHits && (
        <div className="border-t border-slate-200 p-3">
          <CheckHitsPanel editor={editor} hits={checkHits} blocking={checksBlocking} />
        </div>
      )}
      <MediaPickerDialog
        open={picking}
        maxBytes={maxUploadBytes}
        onClose={() => setPicking(false)}
        onPick={(item) => {
          setPicking(false);
          editor.chain().focus().insertFigure({ mediaId: item.id, alt: item.alt, align: "center", caption: item.caption, src: item.thumbnailUrl }).run();
        }}
      />
    </div>
  );
}

"use client";

import { dropPoint } from "@tiptap/pm/transform";
import { Fragment, Slice } from "@tiptap/pm/model";
import type { EditorView } from "@tiptap/pm/view";
import { useEffect, useRef, useState } from "react";
import { toast } from "@/components/admin/toast";
import type { BodyDocument } from "@/lib/articles/body";
import { countCharacters } from "@/lib/articles/body/count";
import { articlesText } from "@/lib/articles/messages";
import { cleanPastedHtml, type PastedImage } from "@/lib/articles/paste-clean";
import type { MediaItem } from "@/lib/media/queries";
import type { BodyEditor } from "./body-editor";
import { createBodyUploader, dropPlaceholders, insertUploadPlaceholders, newUploadKey } from "./body-uploads";
import { setCheckHits, type CheckHit } from "./check-highlights";
import { setReviewQuotes, type ReviewQuote } from "./quote-highlights";
import { CheckHitsPanel } from "./CheckHitsPanel";
import { insertBlocks, setLink, unsetLink } from "./commands";
import { figureNode } from "./figure-node";
import { EDITOR_EVENTS, bodyEditorSetup } from "./plugins";
import { LinkDialog, MediaPickerDialog, useOpenedOnce } from "./lazy-dialogs";
import { pastedImageFiles } from "./pasted-images";
import { useTableEditing } from "./tables";
import { useEditorValue, useMountedEditor } from "./use-editor";
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
  onReady?: (editor: BodyEditor) => void;
  maxUploadBytes: number;
  /** The body's content-check hits of the last save (or the page load), highlighted until the next; none before a first save. */
  checkHits?: readonly CheckHit[];
  /** Some hit of the article (body or other field) is BLOCK. */
  checksBlocking?: boolean;
  /** Passages the reviewers quoted in the latest 退回意见 and 批注, marked in the body. */
  reviewQuotes?: readonly ReviewQuote[];
}

interface JSONContent {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: JSONContent[];
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

function CharacterCount({ editor }: { editor: BodyEditor }) {
  const count = useEditorValue(editor, (e) => countCharacters(e.getText("\n")));
  return (
    <p
      className="border-t border-slate-200 px-3 py-1.5 text-right text-xs text-slate-600"
      aria-live="polite"
      data-testid="character-count"
    >
      {articlesText.ui.characters(count)}
    </p>
  );
}

function filesOf(list: FileList | null | undefined): File[] {
  return [...(list ?? [])];
}

/** Clipboard HTML with no text in it: a copied picture (a browser's <img>, Word's single picture). */
function hasNoText(html: string): boolean {
  return !html || !new DOMParser().parseFromString(html, "text/html").body.textContent?.trim();
}

/**
 * The body editor (ProseMirror: body-editor.ts). It edits the same document the server validates and the public page
 * renders; pasted HTML is cleaned first (lib/articles/paste-clean.ts) and the JSON is reduced to the
 * stored shape before every save (lib/articles/editor-json.ts).
 */
const NO_HITS: readonly CheckHit[] = [];
const NO_QUOTES: readonly ReviewQuote[] = [];

export function ArticleEditor({
  initialBody,
  editable,
  media,
  onChange,
  onSaveShortcut,
  onReady,
  maxUploadBytes,
  checkHits,
  checksBlocking = false,
  reviewQuotes = NO_QUOTES,
}: Props) {
  const [picking, setPicking] = useState(false);

  const [linking, setLinking] = useState<{ current: string | null } | null>(null);
  const linkDialogUsed = useOpenedOnce(linking !== null);
  const pickerUsed = useOpenedOnce(picking);
  const editorRef = useRef<BodyEditor | null>(null);
  const mount = useRef<HTMLDivElement>(null);

  /** The view's props, made once with the editor (its options are read once: use-editor.ts). */
  function editorProps() {
    const startUploads = createBodyUploader(maxUploadBytes);
    // ProseMirror hands a paste to three hooks in turn: the DOM event (the clipboard's files), the
    // HTML (cleaned, with placeholders where its images stood), then the parsed slice (inserted).
    const paste: { files: File[]; images: PastedImage[] } = { files: [], images: [] };

    function uploadFiles(view: EditorView, at: number | { from: number; to: number }, files: File[]) {
      const editor = editorRef.current;
      if (!editor || !view.editable) return;
      startUploads(editor, insertUploadPlaceholders(editor, at, files));
    }

    /** The pasted or dropped HTML's images, once the slice with their placeholders is in the document. */
    function uploadPastedImages() {
      const editor = editorRef.current;
      const { images, files } = paste;
      paste.images = [];
      paste.files = [];
      if (!editor || images.length === 0) return;
      const { uploads, unreadable } = pastedImageFiles(images, files, t.pastedImageName);
      if (unreadable.length > 0) {
        toast.warning(t.pastedImagesUnreadable(unreadable.length));
        // After ProseMirror has inserted the slice that holds them.
        queueMicrotask(() => dropPlaceholders(editor, unreadable));
      }
      startUploads(editor, uploads);
    }

    return {
      attributes: {
        class: "article-editor-body",
        "aria-label": articlesText.ui.fields.body,
        "aria-multiline": "true",
        role: "textbox",
      },
      handleDOMEvents: {
        paste: (view: EditorView, event: ClipboardEvent) => {
          const files = filesOf(event.clipboardData?.files);
          paste.files = files;
          paste.images = [];
          // A copied picture or screenshot alone: upload the files (the HTML holds at most an address).
          if (files.length > 0 && view.editable && hasNoText(event.clipboardData?.getData("text/html") ?? "")) {
            event.preventDefault();
            const { from, to } = view.state.selection;
            uploadFiles(view, { from, to }, files);
            return true;
          }
          return false;
        },
        drop: () => {
          paste.files = [];
          paste.images = [];
          return false;
        },
      },
      transformPastedHTML: (html: string) => {
        // Copied inside an editor like this one: ProseMirror marks its own clipboard with data-pm-slice,
        // and its markup is already ours (cleaning it would unwrap figures and lose their photos).
        // Whatever it claims to be, the server validates the body on save.
        if (html.includes("data-pm-slice")) return html;
        const cleaned = cleanPastedHtml(html, new DOMParser(), {
          clipboardFiles: paste.files.length,
          imageKey: newUploadKey,
        });
        paste.images = cleaned.images;
        // Web addresses are never fetched (by the server that would be a request to anywhere), and
        // Word's files without their bytes cannot be read: staff upload those through the picker.
        if (cleaned.droppedImages > 0) toast.warning(t.pastedImagesDropped(cleaned.droppedImages));
        return cleaned.html;
      },
      handlePaste: () => {
        uploadPastedImages();
        return false;
      },
      handleDrop: (view: EditorView, event: DragEvent, _slice: Slice, moved: boolean) => {
        const files = moved ? [] : filesOf(event.dataTransfer?.files);
        if (files.length === 0) {
          uploadPastedImages();
          return false;
        }
        event.preventDefault();
        const coords = view.posAtCoords({ left: event.clientX, top: event.clientY });
        const figure = view.state.schema.nodes.figure.create();
        const at = coords
          ? (dropPoint(view.state.doc, coords.pos, new Slice(Fragment.from(figure), 0, 0)) ?? coords.pos)
          : view.state.selection.from;
        uploadFiles(view, at, files);
        return true;
      },
    };
  }
  const editor = useMountedEditor(mount, () => ({
    editable,
    ...bodyEditorSetup(),
    content: withThumbnails(initialBody, media),
    props: editorProps(),
  }));

  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);
  useTableEditing(editor);

  function openLink() {
    if (!editor || !editor.isEditable) return;
    const href = editor.getMarkAttrs("link").href;
    setLinking({ current: typeof href === "string" && href ? href : null });
  }

  function applyLink(href: string) {
    if (!editor) return;
    setLinking(null);
    editor.run(setLink(href));
  }

  function removeLink() {
    setLinking(null);
    editor?.run(unsetLink);
  }

  // The editor keeps the options it was created with; listeners re-subscribed here see the latest props.
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

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(setReviewQuotes(editor.state.tr, reviewQuotes));
  }, [editor, reviewQuotes]);

  // The editor mounts its body into `mount`; until then the same empty box as while this chunk loads.
  return (
    <div
      className="article-editor rounded-lg bg-white ring-1 ring-slate-300 focus-within:ring-2 focus-within:ring-brand-600"
      aria-busy={editor ? undefined : true}
    >
      {editor && editable && <Toolbar editor={editor} onLink={openLink} onFigure={() => setPicking(true)} />}
      <div ref={mount} className={editor ? undefined : "min-h-96"} />
      {editor && (
        <>
          <CharacterCount editor={editor} />
          {checkHits && (
            <div className="border-t border-slate-200 p-3">
              <CheckHitsPanel editor={editor} hits={checkHits} blocking={checksBlocking} />
            </div>
          )}
          {linkDialogUsed && (
            <LinkDialog
              open={linking !== null}
              current={linking?.current ?? null}
              onApply={applyLink}
              onRemove={removeLink}
              onClose={() => {
                setLinking(null);
                editor.focus();
              }}
            />
          )}
          {pickerUsed && (
            <MediaPickerDialog
              open={picking}
              maxBytes={maxUploadBytes}
              onClose={() => setPicking(false)}
              onPick={(item) => {
                setPicking(false);
                const { from, to } = editor.state.selection;
                const figure = figureNode(editor.schema, {
                  mediaId: item.id,
                  alt: item.alt,
                  align: "center",
                  caption: item.caption,
                  src: item.thumbnailUrl,
                });
                editor.run(insertBlocks({ from, to }, [figure]));
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

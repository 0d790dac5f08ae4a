"use client";

import type { Node as PmNode } from "@tiptap/pm/model";
import { toast } from "@/components/admin/toast";
import { megabytes, uploadWithProgress } from "@/components/admin/media/upload-xhr";
import { articlesText } from "@/lib/articles/messages";
import { mediaText } from "@/lib/media/messages";
import type { BodyEditor } from "./body-editor";
import { insertBlocks } from "./commands";
import type { BodyUpload } from "./pasted-images";
import { endUpload, setUploadProgress } from "./upload-progress";

const t = articlesText.editor;

export function newUploadKey(): string {
  return crypto.randomUUID();
}

function findPlaceholder(editor: BodyEditor, key: string): { pos: number; node: PmNode } | null {
  let found: { pos: number; node: PmNode } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === "figure" && node.attrs.uploadKey === key) found = { pos, node };
    return !found;
  });
  return found;
}

/** Placeholder figures for dropped or pasted files, at `at` (a drop point or the selection), in order. */
export function insertUploadPlaceholders(
  editor: BodyEditor,
  at: number | { from: number; to: number },
  files: readonly File[],
): BodyUpload[] {
  const uploads = files.map((file) => ({ key: newUploadKey(), file }));
  for (const upload of uploads) setUploadProgress(upload.key, 0);
  const figure = editor.schema.nodes.figure!;
  editor.run(
    insertBlocks(
      at,
      uploads.map(({ key }) => figure.create({ mediaId: null, alt: "", align: "center", uploadKey: key })),
    ),
  );
  return uploads;
}

/** Filling in or removing a placeholder is the end of the paste, not an edit to undo on its own. */
function settle(editor: BodyEditor, key: string, replace: (pos: number, node: PmNode) => PmNode | null): void {
  endUpload(key);
  if (editor.isDestroyed) return;
  const placeholder = findPlaceholder(editor, key);
  // Deleted by the staff member while it uploaded: the photo stays in the library, nothing is inserted.
  if (!placeholder) return;
  const { pos, node } = placeholder;
  const next = replace(pos, node);
  const tr = editor.state.tr.setMeta("addToHistory", false);
  if (next) tr.replaceWith(pos, pos + node.nodeSize, next);
  else tr.delete(pos, pos + node.nodeSize);
  editor.view.dispatch(tr);
}

/** Removes placeholders that will not get a photo (their image could not be read). */
export function dropPlaceholders(editor: BodyEditor, keys: readonly string[]): void {
  for (const key of keys) settle(editor, key, () => null);
}

/**
 * Uploads photos into their placeholders one after the other (in the order they stand), through the
 * media library's upload path (POST /api/media, with progress). A refused photo's placeholder goes
 * away and the server's reason is shown; an accepted one becomes a figure with an empty alt text,
 * which submission requires (checkBeforeSubmit in lib/workflow/transition.ts) — or the library's alt text and caption
 * when the same photo was there already).
 */
export function createBodyUploader(maxBytes: number) {
  let queue = Promise.resolve();

  async function uploadOne(editor: BodyEditor, { key, file }: BodyUpload): Promise<boolean> {
    const fail = (error: string) => {
      settle(editor, key, () => null);
      toast.error(t.bodyUploadFailed(file.name || t.bodyUploadUnnamed, error));
      return false;
    };
    if (file.size > maxBytes) return fail(mediaText.errors.tooLarge(megabytes(maxBytes)));
    if (!findPlaceholder(editor, key)) {
      endUpload(key);
      return false;
    }
    const request = uploadWithProgress(
      file,
      { alt: "", caption: "", credit: "" },
      (fraction) => setUploadProgress(key, fraction),
      mediaText.errors.uploadFailed,
    );
    const outcome = await request.done;
    if (!outcome.ok) return fail(outcome.error || mediaText.errors.uploadFailed);
    const { media } = outcome;
    settle(editor, key, (_pos, node) =>
      node.type.create(
        { ...node.attrs, mediaId: media.id, alt: media.alt, src: media.thumbnailUrl, uploadKey: null },
        media.caption ? editor.schema.text(media.caption) : null,
      ),
    );
    return true;
  }

  return function start(editor: BodyEditor, uploads: readonly BodyUpload[]): void {
    if (uploads.length === 0) return;
    for (const upload of uploads) setUploadProgress(upload.key, 0);
    queue = queue.then(async () => {
      let done = 0;
      for (const upload of uploads) if (await uploadOne(editor, upload)) done++;
      if (done > 0) toast.success(t.bodyUploaded(done));
    });
  };
}

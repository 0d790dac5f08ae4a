"use client";

import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from "@tiptap/react";
import { clsx } from "clsx";
import { articlesText } from "@/lib/articles/messages";
import { useUploadProgress } from "./upload-progress";

const t = articlesText.editor;
const ALIGNS = [
  ["left", t.alignLeft],
  ["center", t.alignCenter],
  ["right", t.alignRight],
] as const;

/** A photo being uploaded into the body: its progress, where the photo will stand. */
function UploadingPhoto({ uploadKey }: { uploadKey: string }) {
  const progress = useUploadProgress(uploadKey);
  if (progress === null) return <div className="editor-figure-missing">{t.uploadUnfinished}</div>;
  const percent = Math.round(progress * 100);
  const label = progress >= 1 ? t.uploadProcessing : t.uploadProgress(percent);
  return (
    <div className="editor-figure-uploading" role="status" data-testid="figure-uploading">
      <span>{label}</span>
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
    </div>
  );
}

/** The figure inside the editor: the photo, its alt text and alignment, and the caption as editable text. */
export function FigureView({ node, updateAttributes, selected, editor }: NodeViewProps) {
  const mediaId = typeof node.attrs.mediaId === "string" ? node.attrs.mediaId : "";
  const alt = typeof node.attrs.alt === "string" ? node.attrs.alt : "";
  const align = typeof node.attrs.align === "string" ? node.attrs.align : "center";
  const thumbnail = typeof node.attrs.src === "string" ? node.attrs.src : undefined;
  const uploadKey = typeof node.attrs.uploadKey === "string" ? node.attrs.uploadKey : null;
  const editable = editor.isEditable;

  if (!mediaId && uploadKey) {
    return (
      <NodeViewWrapper
        as="figure"
        data-uploading=""
        className={clsx("editor-figure", selected && "editor-figure-selected")}
      >
        <div contentEditable={false} className="editor-figure-photo">
          <UploadingPhoto uploadKey={uploadKey} />
        </div>
        <NodeViewContent<"figcaption">
          as="figcaption"
          className="editor-figure-caption"
          data-placeholder={t.figureCaptionPlaceholder}
        />
      </NodeViewWrapper>
    );
  }

  return (
    <NodeViewWrapper
      as="figure"
      data-media-id={mediaId}
      data-align={align}
      className={clsx("editor-figure", `editor-figure-${align}`, selected && "editor-figure-selected")}
    >
      <div contentEditable={false} className="editor-figure-photo">
        {thumbnail ? (
          // eslint-disable-next-line @next/next/no-img-element -- a library rendition, sized by CSS
          <img src={thumbnail} alt={alt} draggable={false} />
        ) : (
          <div className="editor-figure-missing">{mediaId}</div>
        )}
        {editable && (
          <div className="editor-figure-tools">
            <label>
              <span>{t.figureAlt}</span>
              <input
                value={alt}
                onChange={(event) => updateAttributes({ alt: event.target.value })}
                maxLength={500}
                placeholder={t.figureAltRequired}
                aria-invalid={alt.trim() ? undefined : true}
              />
            </label>
            <span role="group" aria-label={t.figureAlign}>
              {ALIGNS.map(([value, label]) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={align === value}
                  onClick={() => updateAttributes({ align: value })}
                >
                  {label}
                </button>
              ))}
            </span>
          </div>
        )}
      </div>
      <NodeViewContent<"figcaption">
        as="figcaption"
        className="editor-figure-caption"
        data-placeholder={t.figureCaptionPlaceholder}
      />
    </NodeViewWrapper>
  );
}

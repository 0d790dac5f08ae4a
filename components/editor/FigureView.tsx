"use client";

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

export interface FigurePhotoProps {
  mediaId: string;
  alt: string;
  align: string;
  thumbnail: string | undefined;
  uploadKey: string | null;
  editable: boolean;
  updateAttributes: (attributes: Record<string, unknown>) => void;
}

/**
 * The figure's photo inside the editor: the thumbnail (or the upload under way), its alt text and
 * alignment. The figure and its caption, the editable text, are the node view's own elements
 * (figure-node.tsx).
 */
export function FigurePhoto({
  mediaId,
  alt,
  align,
  thumbnail,
  uploadKey,
  editable,
  updateAttributes,
}: FigurePhotoProps) {
  if (!mediaId && uploadKey) return <UploadingPhoto uploadKey={uploadKey} />;
  return (
    <>
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
    </>
  );
}

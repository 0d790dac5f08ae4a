import "server-only";
import type { Tx } from "@/lib/db";
import { mediaLookup } from "@/lib/media/rendered";
import type { BodyDocument } from "./body";
import { figureMediaIds } from "./body-media";
import { bodyPlainText, renderBody } from "./render-body";

/**
 * A revision's stored HTML and plain text, its photos read in the same transaction; null when a photo
 * the body names no longer exists (each caller says so in its own words). The editor's save and the
 * importer both store revisions through this.
 */
export async function renderRevision(tx: Tx, body: BodyDocument): Promise<{ html: string; plainText: string } | null> {
  const ids = figureMediaIds(body);
  const media = ids.length
    ? await tx.media.findMany({
        where: { id: { in: ids } },
        select: { id: true, storageKey: true, width: true, height: true, renditions: true },
      })
    : [];
  if (media.length !== ids.length) return null;
  return { html: renderBody(body, { media: mediaLookup(media) }), plainText: bodyPlainText(body) };
}

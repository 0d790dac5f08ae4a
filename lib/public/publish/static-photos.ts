import "server-only";
import { createHash } from "node:crypto";
import type { MediaStorage } from "@/lib/media/storage";
import { parseRenditions } from "@/lib/media/renditions";
import type { PublicDb } from "../data/queries";
import type { StaticTarget } from "./static-target";

/**
 * 静态发布 of photos: the static site carries every stored file (full size and renditions) of the
 * photos live pages show — `LiveMedia`, kept by the database on publish / withdrawal / settings
 * change — under `media/<key>`, the URL the pages use, so nginx serves them while the app is down;
 * a photo that is no longer live is removed. Files are content-addressed, so one already written is
 * never rewritten.
 */

export interface PhotoEntry {
  sha256: string;
  tags: readonly string[];
  source: { kind: "photo"; key: string };
}

export const photoFile = (key: string) => `media/${key}`;

/** Every storage key of every live photo. */
export async function livePhotoKeys(client: PublicDb): Promise<Set<string>> {
  const rows = await client.$queryRaw<{ storageKey: string; renditions: unknown }[]>`
    SELECT m."storageKey", m.renditions FROM "Media" m WHERE m.id IN (SELECT "mediaId" FROM "LiveMedia")`;
  return new Set(
    rows.flatMap((row) => [row.storageKey, ...parseRenditions(row.renditions).map((rendition) => rendition.key)]),
  );
}

/**
 * Brings `files` (the manifest's entries) and `target` in line with the live photos: copies the missing
 * ones from storage, removes those no live page shows any more.
 */
export async function syncStaticPhotos(
  client: PublicDb,
  storage: MediaStorage,
  target: StaticTarget,
  files: Record<string, { sha256: string; tags: readonly string[]; source: { kind: string } }>,
): Promise<void> {
  const live = await livePhotoKeys(client);
  for (const [file, entry] of Object.entries(files)) {
    if (entry.source.kind !== "photo") continue;
    const key = (entry.source as PhotoEntry["source"]).key;
    if (live.has(key)) continue;
    delete files[file];
    await target.remove(file);
  }
  for (const key of live) {
    const file = photoFile(key);
    if (files[file]) continue;
    const data = await storage.get(key);
    // A file missing from storage is missing on the app too; the page shows its alt text.
    if (!data) continue;
    await target.write(file, data);
    const entry: PhotoEntry = {
      sha256: createHash("sha256").update(data).digest("hex"),
      tags: [],
      source: { kind: "photo", key },
    };
    files[file] = entry;
  }
}

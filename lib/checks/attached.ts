import "server-only";
import type { BodyDocument } from "@/lib/articles/body";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AttachedText } from "./segments";

type Reader = Pick<PrismaClient, "media" | "profile"> | Prisma.TransactionClient;

function figures(doc: BodyDocument): { mediaId: string; path: number[] }[] {
  const found: { mediaId: string; path: number[] }[] = [];
  const walk = (nodes: readonly unknown[], path: number[]) =>
    nodes.forEach((node, index) => {
      if (typeof node !== "object" || node === null) return;
      const { type, attrs, content } = node as { type?: string; attrs?: { mediaId?: unknown }; content?: unknown };
      if (type === "figure" && typeof attrs?.mediaId === "string")
        found.push({ mediaId: attrs.mediaId, path: [...path, index] });
      if (Array.isArray(content)) walk(content, [...path, index]);
    });
  walk(doc.content, []);
  return found;
}

/**
 * The public text an article shows that is stored with its photos and its profile rather than in the
 * revision: the cover's alt text and caption, each body photo's caption from the media library, and
 * the profile's name, honour, position, organisation and portrait alt text.
 */
export async function attachedText(
  db: Reader,
  refs: { body: BodyDocument; coverId?: string | null; profileId?: string | null },
): Promise<AttachedText[]> {
  const inBody = figures(refs.body);
  const profile = refs.profileId
    ? await db.profile.findUnique({
        where: { id: refs.profileId },
        select: { name: true, honour: true, position: true, organisation: true, portraitId: true },
      })
    : null;
  const ids = [
    ...new Set(
      [...inBody.map((figure) => figure.mediaId), refs.coverId, profile?.portraitId].filter(
        (id): id is string => typeof id === "string",
      ),
    ),
  ];
  const media = ids.length
    ? await db.media.findMany({ where: { id: { in: ids } }, select: { id: true, alt: true, caption: true } })
    : [];
  const byId = new Map(media.map((item) => [item.id, item]));
  const out: AttachedText[] = [];
  const cover = refs.coverId ? byId.get(refs.coverId) : undefined;
  if (cover) out.push({ field: "coverAlt", text: cover.alt }, { field: "coverCaption", text: cover.caption });
  for (const figure of inBody) {
    const item = byId.get(figure.mediaId);
    if (item?.caption) out.push({ field: "mediaCaption", text: item.caption, path: figure.path });
  }
  if (profile) {
    out.push(
      { field: "profileName", text: profile.name },
      { field: "profileHonour", text: profile.honour },
      { field: "profilePosition", text: profile.position },
      { field: "profileOrganisation", text: profile.organisation },
    );
    const portrait = profile.portraitId ? byId.get(profile.portraitId) : undefined;
    if (portrait) out.push({ field: "portraitAlt", text: portrait.alt });
  }
  return out.filter((item) => item.text.trim().length > 0);
}

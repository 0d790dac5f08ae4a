import "server-only";
import { z } from "zod";
import { paramText } from "@/lib/http/params";
import { LIVE } from "@/lib/articles/live";
import { decodeCursor, encodeCursor, type Cursor, type PublicDb } from "./queries";

/**
 * `before` cursors of the column pages and the JSON API. A well-formed cursor is `<ms>_<uuid>`; a
 * canonical one names a live article (of the column, for a column page): the last item of the page
 * before. Any other cursor would make a new 200 page per value, and a flood of made-up cursors would
 * fill the page cache, so such a page answers 404 (kept only in the small miss cache). A cursor is read
 * in its one spelling (`canonicalCursor`): upper-case hex or leading zeros name the same position, and
 * would otherwise each be a page of their own, so the column page redirects them.
 */
export const cursorParam = z
  .string()
  .max(60, { error: paramText.badValue("before") })
  .refine(
    (raw) => {
      const cursor = decodeCursor(raw);
      return Boolean(cursor && z.uuid().safeParse(cursor.id).success && !Number.isNaN(cursor.publishedAt.getTime()));
    },
    { error: paramText.badValue("before") },
  )
  .transform(canonicalCursor);

/** `raw` as `encodeCursor` spells it (lower-case id, no leading zeros), or unchanged when it is no cursor. */
export function canonicalCursor(raw: string): string {
  const cursor = decodeCursor(raw);
  return cursor ? encodeCursor(cursor) : raw;
}

/** The cursor, when it names a live article (of `columnId`, when given); null otherwise. */
export async function liveCursor(client: PublicDb, raw: string, columnId?: string): Promise<Cursor | null> {
  const cursor = decodeCursor(raw);
  if (!cursor || !z.uuid().safeParse(cursor.id).success) return null;
  const found = await client.article.findFirst({
    where: {
      id: cursor.id,
      publishedDisplayDate: cursor.publishedAt,
      ...LIVE,
      ...(columnId ? { publishedColumnId: columnId } : {}),
    },
    select: { id: true },
  });
  return found ? cursor : null;
}

import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { skeleton } from "@/lib/text/normalise";
import { addUserWords, cutForSearch } from "@/lib/text/segmenter";
import { CHECK_SETTINGS, leadersSettingSchema } from "@/lib/checks/settings";
import type { Db } from "@/lib/db";
import { readRevisionMeta, type RevisionMeta } from "@/lib/articles/revision-meta";

/**
 * Builds "SearchIndex" rows from "SearchDocument" rows (see the search_index_triggers migration):
 * the title, lead and content as normaliser skeletons (lib/text/normalise.ts — the same form queries
 * are matched in), their characters and character pairs (`grams`, for the GIN index: any substring of
 * a query is found, single characters included), and the segmenter's words (`words`, `titleWords`:
 * a query word that is a word of the document ranks above one that only straddles two words, 市长 in
 * 城市长远).
 *
 * The lead is the published revision's recorded lead when the document's content starts with it
 * (the trigger writes lead + "\n" + body); nothing here decides what is live — SearchDocument does.
 */

const BATCH = 200;

export function grams(text: string): string[] {
  const chars = [...text.replace(/\s+/g, "")];
  const out = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(`${chars[i]}${chars[i + 1]}`);
  return [...out];
}

/**
 * Characters jieba's HMM glues to an unknown name (李炯为园区…, 由李炯主持): a word of three or more
 * characters that starts or ends with one of them also counts without it, so 李炯 is a word there —
 * but not in 李炯明, which is someone else.
 */
const FOLLOWS = new Set([..."为在和与及的说是等对向把被将也都就又还要会已曾到从给让以于带率同主出指表介讲"]);
const LEADS = new Set([..."由向对和与同及让请经据给被把将在为"]);

export function wordsOf(text: string): string[] {
  const out = new Set<string>();
  for (const word of cutForSearch(text)) {
    const trimmed = word.trim();
    if (!trimmed || !/[\p{L}\p{N}]/u.test(trimmed)) continue;
    out.add(trimmed);
    const chars = [...trimmed];
    if (chars.length >= 3 && FOLLOWS.has(chars[chars.length - 1])) out.add(chars.slice(0, -1).join(""));
    if (chars.length >= 3 && LEADS.has(chars[0])) out.add(chars.slice(1).join(""));
  }
  return [...out];
}

interface DocumentRow {
  articleId: string;
  title: string;
  content: string;
  publishedAt: Date;
  meta: unknown;
}

/** The lead as the published revision recorded it, when the document's text starts with it. */
function recordedLead(meta: RevisionMeta, content: string): string {
  return meta.lead && content.startsWith(`${meta.lead}\n`) ? meta.lead : "";
}

let dictionaryKey: string | undefined;

/**
 * The segmenter's user dictionary: column names, profile organisations and names of three characters
 * or more, configured leaders' titles, and the site's place names (SiteSetting "search.userWords").
 * Two-character person names are left to jieba's HMM (see lib/text/segmenter.ts). Rebuilt when any
 * of them changes; words are only ever added, which is what jieba allows.
 */
export async function loadUserDictionary(db: Db): Promise<void> {
  const [row] = await db.$queryRaw<{ key: string }[]>`
    SELECT concat_ws('|', (SELECT count(*) FROM "Column"), (SELECT max("updatedAt") FROM "Column"),
                          (SELECT count(*) FROM "Profile"), (SELECT max("updatedAt") FROM "Profile"),
                          (SELECT md5("value"::text) FROM "SiteSetting" WHERE "key" = ${CHECK_SETTINGS.leaders}),
                          (SELECT md5("value"::text) FROM "SiteSetting" WHERE "key" = ${USER_WORDS_SETTING})) AS key`;
  if (row?.key === dictionaryKey) return;
  const rows = await db.$queryRaw<{ word: string }[]>`
    SELECT name AS word FROM "Column"
    UNION SELECT organisation FROM "Profile" WHERE organisation <> ''
    UNION SELECT name FROM "Profile" WHERE char_length(name) >= 3`;
  const settings = await db.$queryRaw<{ key: string; value: unknown }[]>`
    SELECT "key", "value" FROM "SiteSetting" WHERE "key" IN (${CHECK_SETTINGS.leaders}, ${USER_WORDS_SETTING})`;
  const words = rows.map((item) => item.word);
  for (const setting of settings) {
    if (setting.key === USER_WORDS_SETTING && Array.isArray(setting.value))
      words.push(...setting.value.filter((word): word is string => typeof word === "string"));
    if (setting.key === CHECK_SETTINGS.leaders) {
      const leaders = leadersSettingSchema.safeParse(setting.value);
      if (leaders.success)
        for (const leader of leaders.data)
          words.push(...leader.titles, ...(leader.name.length >= 3 ? [leader.name] : []));
    }
  }
  addUserWords(words.map(skeleton));
  dictionaryKey = row?.key;
}

/** SiteSetting: place names and other words the segmenter must keep whole (漕泾镇, 化工区). */
export const USER_WORDS_SETTING = "search.userWords";

/**
 * Indexes queued articles (all of `ids`, or up to `limit` of the queue). Locks the SearchDocument rows
 * it reads, so a concurrent rewrite waits and then invalidates what was written here.
 */
export async function indexPendingSearchDocuments(
  db: Db,
  options: { ids?: readonly string[]; limit?: number; fold?: boolean } = {},
): Promise<number> {
  const limit = options.limit ?? BATCH;
  const run = async (tx: Prisma.TransactionClient): Promise<number> => {
    const pending = options.ids
      ? await tx.$queryRaw<
          { articleId: string }[]
        >`SELECT "articleId" FROM "SearchIndexPending" WHERE "articleId" = ANY(${[...options.ids]}::uuid[])`
      : await tx.$queryRaw<
          { articleId: string }[]
        >`SELECT "articleId" FROM "SearchIndexPending" ORDER BY "queuedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (pending.length === 0) return 0;
    await loadUserDictionary(tx);
    const ids = pending.map((row) => row.articleId);
    const documents = await tx.$queryRaw<DocumentRow[]>`
      SELECT d."articleId", d.title, d.content, d."publishedAt", r.meta
        FROM "SearchDocument" d
        JOIN "Article" a ON a.id = d."articleId"
        LEFT JOIN "Revision" r ON r.id = a."publishedRevisionId"
       WHERE d."articleId" = ANY(${ids}::uuid[])
         FOR UPDATE OF d`;
    // Through the one reader of Revision.meta: a revision it refuses shows nothing of itself on its
    // page (lib/public/data/published-fields.ts), so it is not findable either — the SQL trigger that
    // writes SearchDocument checks only the version and the fields' types.
    const readable = documents.flatMap((doc) => {
      const meta = readRevisionMeta(doc.meta);
      if (!meta)
        console.error(
          `[search] article ${doc.articleId}: the published revision's meta does not validate; not indexed`,
        );
      return meta ? [{ ...doc, meta }] : [];
    });
    const rows = readable.map((doc) => {
      const lead = recordedLead(doc.meta, doc.content);
      const title = skeleton(doc.title);
      const content = skeleton(doc.content);
      const titleWords = wordsOf(title);
      return {
        articleId: doc.articleId,
        title,
        lead: skeleton(lead),
        content,
        grams: grams(`${title}\n${content}`),
        words: [...new Set([...titleWords, ...wordsOf(content)])],
        titleWords,
        length: [...content].length,
        publishedAt: doc.publishedAt,
      };
    });
    // One statement for the batch: the document-frequency trigger (manual_search_term_delta) then
    // appends one delta per distinct token of the batch rather than per token of every row.
    if (rows.length)
      await tx.$executeRaw`
        INSERT INTO "SearchIndex" ("articleId", title, lead, content, grams, words, "titleWords", length, "publishedAt")
        SELECT "articleId", title, lead, content, grams, words, "titleWords", length, "publishedAt"
          FROM json_populate_recordset(NULL::"SearchIndex", ${JSON.stringify(rows)}::json)
        ON CONFLICT ("articleId") DO UPDATE SET title = EXCLUDED.title, lead = EXCLUDED.lead, content = EXCLUDED.content, grams = EXCLUDED.grams,
          words = EXCLUDED.words, "titleWords" = EXCLUDED."titleWords", length = EXCLUDED.length, "publishedAt" = EXCLUDED."publishedAt"`;
    await tx.$executeRaw`DELETE FROM "SearchIndexPending" WHERE "articleId" = ANY(${ids}::uuid[])`;
    // The document frequencies' deltas of this batch (and of earlier ones) into their counts.
    if (options.fold !== false) await tx.$queryRaw`SELECT manual_search_fold_term_deltas()`;
    return documents.length;
  };
  // A bulk batch on a busy machine outlasts Prisma's 5 s default for an interactive transaction.
  if ("$transaction" in db && typeof db.$transaction === "function")
    return (db as PrismaClient).$transaction(run, { timeout: 120_000, maxWait: 30_000 });
  return run(db as Prisma.TransactionClient);
}

/**
 * Document frequencies: how many index rows hold each (kind, token) — kind "g" a gram, "w" a word,
 * "t" a title word — as one SQL expression (a jsonb object keyed kind + token), so a search reads them
 * in the round trip it needs anyway. The folded count plus the deltas not yet folded: exact in the
 * statement's snapshot, whatever wrote the index (manual_search_term_delta trigger).
 */
export function termCountsSql(pairs: readonly (readonly [string, string])[]): Prisma.Sql {
  const kinds = pairs.map(([kind]) => kind);
  const tokens = pairs.map(([, token]) => token);
  return Prisma.sql`(SELECT coalesce(jsonb_object_agg(q.kind || q.token, q.df), '{}'::jsonb) FROM (
      SELECT q.kind, q.token, ${termCountSql(Prisma.raw("q.kind"), Prisma.raw("q.token"))} AS df
        FROM unnest(${kinds}::char(1)[], ${tokens}::text[]) AS q(kind, token)) q)`;
}

/** The documents holding one token (SQL expressions of its kind and text): the count plus its deltas. */
export function termCountSql(kind: Prisma.Sql, token: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(coalesce((SELECT c.df FROM "SearchTermCount" c WHERE c.kind = ${kind} AND c.token = ${token}), 0)
             + coalesce((SELECT sum(d.delta) FROM "SearchTermDelta" d WHERE d.kind = ${kind} AND d.token = ${token}), 0))`;
}

/** termCountsSql on its own: { [kind + token]: documents }. */
export async function termCounts(
  db: Db,
  pairs: readonly (readonly [string, string])[],
): Promise<Record<string, number>> {
  const [row] = await db.$queryRaw<{ counts: Record<string, number> }[]>`SELECT ${termCountsSql(pairs)} AS counts`;
  return Object.fromEntries(Object.entries(row?.counts ?? {}).map(([key, value]) => [key, Number(value)]));
}

/**
 * Indexes the whole queue (after a bulk load, or from a script). The frequencies' deltas are folded
 * once at the end rather than per batch: each fold rewrites the count row of every token it touches.
 */
export async function indexAllPending(db: PrismaClient): Promise<number> {
  let total = 0;
  for (
    let done = await indexPendingSearchDocuments(db, { limit: BATCH, fold: false });
    done > 0;
    done = await indexPendingSearchDocuments(db, { limit: BATCH, fold: false })
  )
    total += done;
  await db.$queryRaw`SELECT manual_search_fold_term_deltas()`;
  return total;
}

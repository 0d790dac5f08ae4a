import "server-only";
import { attachedText } from "./attached";
import { storedPublishedText } from "./published";
import type { ArticleText } from "./segments";
import { runChecks } from "./run";
import { compiledChecks } from "./term-cache";
import type { CheckResult } from "./types";
import type { Db } from "@/lib/db";

/**
 * Content checks (错敏词 / 规范表述) — the one entry point the workflow, the editor, the review screen
 * and the site inspection use.
 *
 *   checkArticle(db, {
 *     title, overTitle?, subtitle?, seriesMark?, lead?, summary?,    the revision's public fields
 *     source?, byline?, responsibleEditor?, body,
 *     coverId?, profileId?,                                          loaded here: photo alt/caption, profile
 *   }) → Promise<{ hits: Hit[], blocking: boolean }>
 *
 * `body` is the validated Tiptap document (lib/articles/body.ts). Checked: every field the public sees
 * (./types.ts CheckField): 引题, title, 副题, series mark, lead, summary, 来源, 作者, 责任编辑, every text block of the body —
 * paragraphs, headings, figure captions, the paragraphs inside lists, quotes and table cells — each
 * body photo's alt text and media-library caption, the cover's alt text and caption, and the profile's
 * name, honour (荣誉), position, organisation and portrait alt text.
 *
 * Hit = {
 *   level: "BLOCK" | "WARN",      BLOCK stops submission (blocking = some hit is BLOCK); WARN informs
 *   rule: "term"                   a SensitiveTerm (admin list, /admin/terms)
 *       | "leaderTitle"            a configured leader's name next to a title that is not theirs
 *                                  (SiteSetting "checks.leaders" = [{ name, titles, level? }], BLOCK by
 *                                  default; a different office altogether is a WARN: a namesake?)
 *       | "punctuation"            a half-width , ; : ? ! ( ) . next to Chinese text, straight quotes
 *                                  "…" around Chinese, "..." for …… (WARN)
 *       | "repeatedPunctuation",   ,, 。。 ,。 !! ?? (WARN)
 *   term: the flagged text as written, suggestion: replacement or "", category, message (Chinese),
 *   location: { field, blockIndex?, path?, offset, length },
 *   excerpt: the flagged text with a little context,
 *   count?, others?: the same rule, text and suggestion found again — one item, every place listed
 * }
 *
 * Location: for the body, `path` leads from doc.content to the text block ([4, 1, 0] =
 * doc.content[4].content[1].content[0]) and `blockIndex` = path[0]; `offset`/`length` count UTF-16
 * units in that block's inline content, a hardBreak counting 1 — ProseMirror's units, so the editor
 * highlights at (start of the block's content + offset), and the text there equals `term`. A term
 * split over two blocks is located in the block where it starts, up to that block's end. For
 * figureAlt / mediaCaption `path` is the figure's; for other fields offsets index the string.
 *
 * Matching (see lib/text/normalise.ts, ./segments.ts, ./term-matcher.ts): on the normalised skeleton
 * of each field — width, case, traditional characters, spaces, hard breaks and paragraph joins,
 * zero-width characters, filler marks and quotes between Chinese characters cannot hide a term; marks
 * (bold) do not matter. Terms of up to three characters, and terms marked "only as a whole word",
 * count only on word boundaries. A hit inside one of the term's exception words is not reported; a hit
 * inside a longer hit of at least its level is folded into it. Hits come in reading order.
 *
 * Cost: one small query to see whether the cached automaton is current (./term-cache.ts), one for the
 * photos and profile, then a single pass per field, jieba cutting only a few characters around each
 * short-term hit — p95 ≈ 6 ms for 20,000 characters against 10,000 terms (`npm run bench:checks`;
 * target < 20 ms).
 */

export type { ArticleText, AttachedText } from "./segments";
export type { CheckField, CheckResult, Hit, HitLevel, HitLocation, HitRule } from "./types";

export interface ArticleContent extends Omit<ArticleText, "attached"> {
  coverId?: string | null;
  profileId?: string | null;
}

export async function checkArticle(db: Db, article: ArticleContent): Promise<CheckResult> {
  const [compiled, attached] = await Promise.all([
    compiledChecks(db),
    attachedText(db, { body: article.body, coverId: article.coverId, profileId: article.profileId }),
  ]);
  return runChecks(compiled, { ...article, attached });
}

/**
 * The same checks over a PUBLISHED revision as stored, as the public site shows it: every field as the
 * revision recorded it, photos' and the profile's text included (./published.ts) — for 网站体检; null
 * for a revision whose body or meta does not validate (the site shows nothing of it). The term sweep
 * (./sweep.ts) runs the same text through one compiled list for a whole batch.
 */
export async function checkPublishedRevision(
  db: Db,
  revision: { title: string; body: unknown; meta: unknown },
): Promise<CheckResult | null> {
  const stored = storedPublishedText(revision);
  return stored ? runChecks(await compiledChecks(db), stored.text) : null;
}

import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ArticleText } from "./segments";
import { runChecks } from "./run";
import { compiledChecks } from "./term-cache";
import type { CheckResult } from "./types";

/**
 * Content checks (错敏词 / 规范表述) — the contract the workflow, the editor and the review screen use.
 *
 *   checkArticle(db, { title, lead?, summary?, body }) → Promise<{ hits: Hit[], blocking: boolean }>
 *
 * `body` is the validated Tiptap document (lib/articles/body.ts). Checked: the title, lead, summary,
 * and every text block of the body — paragraphs, headings, figure captions, and the paragraphs inside
 * lists, quotes and table cells.
 *
 * Hit = {
 *   level: "BLOCK" | "WARN",      BLOCK stops submission (blocking = some hit is BLOCK); WARN informs
 *   rule: "term"                   a SensitiveTerm (admin list, /admin/terms)
 *       | "leaderTitle"            a configured leader's name next to a title that is not theirs
 *                                  (SiteSetting "checks.leaders" = [{ name, titles, level? }], BLOCK by default)
 *       | "punctuation"            a half-width , ; : ? ! ( ) . next to Chinese text (WARN)
 *       | "repeatedPunctuation",   ,, 。。 ,。 !! ?? (WARN)
 *   term: the flagged text as written, suggestion: replacement or "", category, message (Chinese),
 *   location: { field: "title"|"lead"|"summary"|"body", blockIndex?, path?, offset, length },
 *   excerpt: the flagged text with a little context,
 * }
 *
 * Location: for the body, `path` leads from doc.content to the text block ([4, 1, 0] =
 * doc.content[4].content[1].content[0]) and `blockIndex` = path[0]; `offset`/`length` count UTF-16
 * units in that block's inline content, a hardBreak counting 1 — ProseMirror's units, so the editor
 * highlights at (start of the block's content + offset). For other fields they index the string.
 *
 * Matching (see ./segments.ts, ./term-matcher.ts): within one text block marks do not matter (a
 * bold character inside a term still matches); nothing matches across blocks. Latin letters match
 * case-insensitively and full-width as half-width. A hit inside one of the term's exception words
 * is not reported; a hit inside a longer hit of at least its level is folded into it. Hits come in
 * reading order.
 *
 * Cost: one small query to see whether the cached automaton is current (./term-cache.ts), then
 * a single pass per text block — well under 20 ms for 20,000 characters against 10,000 terms
 * (`npm run bench:checks`).
 */

export type { ArticleText } from "./segments";
export type { CheckField, CheckResult, Hit, HitLevel, HitLocation, HitRule } from "./types";

export async function checkArticle(db: PrismaClient | Prisma.TransactionClient, article: ArticleText): Promise<CheckResult> {
  return runChecks(await compiledChecks(db), article);
}

import "server-only";
import type { BodyDocument } from "@/lib/articles/body";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { checkArticle } from "@/lib/checks";

/**
 * The ONE place 网站体检 calls the content checks (lib/checks), so a change of that module's API is
 * a change of this function only. It runs the same checks as 提交审核 over what is live.
 */

export interface LiveText {
  title: string;
  overTitle?: string;
  subtitle?: string;
  responsibleEditor?: string;
  lead: string;
  summary: string;
  body: BodyDocument;
}

export interface LiveHit {
  level: "BLOCK" | "WARN";
  /** "term", "leaderTitle", "punctuation" … as lib/checks names it. */
  rule: string;
  term: string;
  field: string;
  message: string;
  excerpt: string;
}

export async function checkLiveText(db: PrismaClient, text: LiveText): Promise<LiveHit[]> {
  const result = await checkArticle(db, {
    title: text.title,
    overTitle: text.overTitle,
    subtitle: text.subtitle,
    responsibleEditor: text.responsibleEditor,
    lead: text.lead,
    summary: text.summary,
    body: text.body,
  });
  return result.hits.map((hit) => ({
    level: hit.level,
    rule: hit.rule,
    term: hit.term,
    field: hit.location.field,
    message: hit.message,
    excerpt: hit.excerpt,
  }));
}

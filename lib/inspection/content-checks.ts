import "server-only";
import { checkPublishedRevision } from "@/lib/checks";
import { checksText } from "@/lib/checks/messages";
import type { CheckField } from "@/lib/checks/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The ONE place 网站体检 calls the content checks (lib/checks), so a change of that module's API is
 * a change of this function only. It runs the same checks as 提交审核 over the live revision as the
 * public site shows it: every field the revision recorded (来源, 作者, 引题, 副题, 责任编辑, the
 * cover's and the profile's text as approved), not the article row's working copy or today's shared
 * photo and profile rows.
 */

export interface LiveHit {
  level: "BLOCK" | "WARN";
  /** "term", "leaderTitle", "punctuation" … as lib/checks names it. */
  rule: string;
  term: string;
  field: string;
  /** The field's Chinese name (标题, 来源, 封面图说明 …). */
  fieldLabel: string;
  message: string;
  excerpt: string;
}

export interface LiveRevision {
  title: string;
  body: unknown;
  meta: unknown;
}

/** Hits in a published revision; none for one whose body or meta does not validate (the site shows nothing of it). */
export async function checkLiveRevision(db: PrismaClient, revision: LiveRevision): Promise<LiveHit[]> {
  const result = await checkPublishedRevision(db, revision);
  return (result?.hits ?? []).map((hit) => ({
    level: hit.level,
    rule: hit.rule,
    term: hit.term,
    field: hit.location.field,
    fieldLabel: checksText.fieldLabels[hit.location.field as CheckField] ?? hit.location.field,
    message: hit.message,
    excerpt: hit.excerpt,
  }));
}

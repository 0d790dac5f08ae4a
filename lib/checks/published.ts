import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body/schema";
import { checkedFieldsOf, readRevisionMeta, type RevisionMeta } from "@/lib/articles/revision-meta";
import type { ArticleText, AttachedText } from "./segments";

/**
 * The checked text of a PUBLISHED revision: its title and body, and every other public field as the
 * revision recorded it (`Revision.meta`, lib/articles/revision-meta.ts) — the cover's alt text and
 * caption and the profile's fields as approved, not the shared Media / Profile rows as they are now,
 * because the recorded copy is what the public site shows. Body figure captions and alt texts are in
 * the body itself. Pure: the sweep (./sweep.ts) runs `runChecks` over it.
 */
export function publishedArticleText(revision: { title: string; body: BodyDocument; meta: RevisionMeta }): ArticleText {
  const { meta } = revision;
  const attached: AttachedText[] = [];
  if (meta.cover)
    attached.push({ field: "coverAlt", text: meta.cover.alt }, { field: "coverCaption", text: meta.cover.caption });
  if (meta.profile) {
    attached.push(
      { field: "profileName", text: meta.profile.name },
      { field: "profileHonour", text: meta.profile.honour },
      { field: "profilePosition", text: meta.profile.position },
      { field: "profileOrganisation", text: meta.profile.organisation },
    );
    if (meta.profile.portrait) attached.push({ field: "portraitAlt", text: meta.profile.portrait.alt });
  }
  const { seriesMark, lead, summary, source, byline, overTitle, subtitle, responsibleEditor } = checkedFieldsOf(meta);
  return {
    seriesMark,
    lead,
    summary,
    source,
    byline,
    overTitle,
    subtitle,
    responsibleEditor,
    title: revision.title,
    body: revision.body,
    attached: attached.filter((item) => item.text.trim().length > 0),
  };
}

/**
 * The same from a revision as stored (body and meta as JSON), with its meta; null when either does not
 * validate — the public side shows nothing of such a revision, so there is nothing to check.
 */
export function storedPublishedText(revision: {
  title: string;
  body: unknown;
  meta: unknown;
}): { text: ArticleText; meta: RevisionMeta } | null {
  const body = parseBody(revision.body);
  const meta = readRevisionMeta(revision.meta);
  if (!body.ok || !meta) return null;
  return { text: publishedArticleText({ title: revision.title, body: body.body, meta }), meta };
}

import type { PublishableArticleFields } from "@/lib/articles/publishable";

/**
 * What readers see of an article comes from its PUBLISHED revision: the fields it recorded in
 * `Revision.meta` when complete, else (revisions written before meta existed, e.g. the demo seed) the
 * article's own — the rule lib/workflow/snapshot.ts applies when it checks what was approved. The
 * article's columns may already hold a newer draft's values, which must not leak onto the site.
 */
export function publishedFields(meta: unknown, article: PublishableArticleFields): PublishableArticleFields {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return article;
  const record = meta as Record<string, unknown>;
  const text = (key: "seriesMark" | "lead" | "summary" | "source" | "byline") => record[key];
  const ref = (key: "profileId" | "coverId") => record[key];
  const seriesMark = text("seriesMark");
  const lead = text("lead");
  const summary = text("summary");
  const source = text("source");
  const byline = text("byline");
  const profileId = ref("profileId");
  const coverId = ref("coverId");
  if (
    typeof seriesMark !== "string" ||
    typeof lead !== "string" ||
    typeof summary !== "string" ||
    typeof source !== "string" ||
    typeof byline !== "string" ||
    !(typeof profileId === "string" || profileId === null) ||
    !(typeof coverId === "string" || coverId === null)
  ) {
    return article;
  }
  return { seriesMark, lead, summary, source, byline, profileId, coverId };
}

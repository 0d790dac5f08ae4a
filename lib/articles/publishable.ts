import type { Prisma } from "@/lib/generated/prisma/client";
import { contentHash } from "./content-hash";

/**
 * Everything a reader sees of an article, and so everything a review approves. An approval is bound
 * to the hash of exactly this (see ../shared/ARCHITECTURE.md, "Review workflow"): adding a published
 * field to an article means adding it here, or edits to it would bypass review.
 */
export interface PublishableContent {
  title: string;
  seriesMark: string;
  lead: string;
  /** Shown in column lists and as the page description. */
  summary: string;
  /** Tiptap JSON as stored in `Revision.body`. */
  body: unknown;
  source: string;
  byline: string;
  profileId: string | null;
  coverId: string | null;
}

/** The article's own columns that are published with a revision. */
export type PublishableArticleFields = Omit<PublishableContent, "title" | "body">;

/** Reads `PublishableArticleFields` from an Article row. */
export const publishableArticleFieldsSelect = {
  seriesMark: true,
  lead: true,
  summary: true,
  source: true,
  byline: true,
  profileId: true,
  coverId: true,
} as const satisfies Prisma.ArticleSelect;
/** The revision's columns that are published. */
export interface PublishableRevisionFields {
  title: string;
  body: unknown;
}

/**
 * Picks the published fields by name, so that ids, timestamps or workflow columns passed in by a
 * caller can never change the hash.
 */
export function publishableContent(article: PublishableArticleFields, revision: PublishableRevisionFields): PublishableContent {
  return {
    title: revision.title,
    seriesMark: article.seriesMark,
    lead: article.lead,
    summary: article.summary,
    body: revision.body,
    source: article.source,
    byline: article.byline,
    profileId: article.profileId,
    coverId: article.coverId,
  };
}

/** The value stored in `Revision.contentHash` and `Review.contentHash`. */
export function publishableContentHash(article: PublishableArticleFields, revision: PublishableRevisionFields): string {
  return contentHash(publishableContent(article, revision));
}

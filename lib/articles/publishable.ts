import type { Prisma } from "@/lib/generated/prisma/client";
import { contentHash } from "./content-hash";
import { hashedMeta, type EditableArticleFields, type RevisionMeta } from "./revision-meta";

/**
 * Everything a reader sees of an article, and so everything a review approves: the revision's title
 * and body and its recorded meta (lib/articles/revision-meta.ts — column, series mark, lead, summary,
 * source, byline, cover, profile and every photo's alt text, caption and credit). An approval is
 * bound to the hash of exactly this (see ../shared/ARCHITECTURE.md, "Review workflow"): adding a
 * published field means adding it to the meta schema, or edits to it would bypass review.
 */
export interface PublishableContent {
  title: string;
  /** Tiptap JSON as stored in `Revision.body`. */
  body: unknown;
  meta: RevisionMeta;
}

/**
 * The article row's working copy of the form's fields (the newest save's values). The admin reads
 * them to fill the form; the public side never does (it reads `Revision.meta`).
 */
export type PublishableArticleFields = Omit<EditableArticleFields, "columnId">;

/** Reads the form's fields from an Article row (admin only). */
export const publishableArticleFieldsSelect = {
  seriesMark: true,
  lead: true,
  summary: true,
  source: true,
  byline: true,
  overTitle: true,
  subtitle: true,
  responsibleEditor: true,
  displayDate: true,
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
export function publishableContent(meta: RevisionMeta, revision: PublishableRevisionFields): PublishableContent {
  return { title: revision.title, body: revision.body, meta };
}

/** What the hash covers: the content, the meta as `hashedMeta` gives it. */
function hashedContent(meta: RevisionMeta, revision: PublishableRevisionFields) {
  return { title: revision.title, body: revision.body, meta: hashedMeta(meta) };
}

/** The value stored in `Revision.contentHash` and `Review.contentHash`. */
export function publishableContentHash(meta: RevisionMeta, revision: PublishableRevisionFields): string {
  return contentHash(hashedContent(meta, revision));
}

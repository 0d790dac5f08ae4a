import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { BodyDocument } from "./body";
import { bodyFigures, figureCaption, figureMediaIds } from "./body-media";
import { articlesText } from "./messages";

/**
 * `Revision.meta`: every field readers see of an article besides the revision's own title and body,
 * AS IT WAS WHEN THE REVISION WAS SAVED — the column, series mark, lead, summary, 来源, 作者, the cover,
 * the profile subject's public fields, and for the cover, the portrait and every body figure the alt
 * text, caption and credit. It is part of the content hash (lib/articles/publishable.ts), so an
 * approval binds all of it, and it is the ONLY place the public side reads those fields from
 * (docs/public-site.md): never the Article row (it holds the newest draft's values) and never a shared
 * Media or Profile row (any editor may change those at any time, outside review).
 *
 * Adding a published field means adding it here; tests/integration/public-field-walk.test.ts fails
 * until the new field is walked there too.
 *
 * 引题, 副题, 责任编辑 and 发布日期 (overTitle, subtitle, responsibleEditor, displayDate) came later, within
 * version 2: a revision written before them reads them as empty, and their empty values are left out
 * of the content hash (`hashedMeta`), so those revisions keep their hashes and their approvals.
 */

export const REVISION_META_VERSION = 2;

const uuid = z.guid();

/** A photo as approved: which one (its bytes never change: storage keys are content-addressed) and its words. */
export const recordedPhotoSchema = z
  .object({
    mediaId: uuid,
    alt: z.string(),
    caption: z.string(),
    credit: z.string(),
  })
  .strict();

/** The profile subject's public fields as approved. */
export const recordedProfileSchema = z
  .object({
    id: uuid,
    kind: z.enum(["PERSON", "ORGANISATION"]),
    name: z.string(),
    honour: z.string(),
    position: z.string(),
    organisation: z.string(),
    portrait: recordedPhotoSchema.nullable(),
  })
  .strict();

export const revisionMetaSchema = z
  .object({
    version: z.literal(REVISION_META_VERSION),
    /** The column the article is published in; a move is a reviewed change like any other. */
    columnId: uuid,
    seriesMark: z.string(),
    lead: z.string(),
    summary: z.string(),
    source: z.string(),
    byline: z.string(),
    /** 引题: the line above the title (optional). */
    overTitle: z.string().default(""),
    /** 副题: the line beneath the title, e.g. the subject's name (optional). */
    subtitle: z.string().default(""),
    /** 责任编辑 as typed; empty = the publishing account's display name (Article.publisherName). */
    responsibleEditor: z.string().default(""),
    /**
     * 发布日期 as the column's 终审 set it (an instant, ISO UTC); null = the first publication. Read by
     * the database too (manual_set_published_column → Article.publishedDisplayDate).
     */
    displayDate: z.iso.datetime().nullable().default(null),
    coverId: uuid.nullable(),
    cover: recordedPhotoSchema.nullable(),
    profileId: uuid.nullable(),
    profile: recordedProfileSchema.nullable(),
    /** Every body figure in document order: alt and caption as the body has them, credit from the library. */
    figures: z.array(recordedPhotoSchema),
  })
  .strict()
  .refine((meta) => meta.coverId === (meta.cover?.mediaId ?? null) && meta.profileId === (meta.profile?.id ?? null), {
    message: "coverId / profileId do not match the recorded cover / profile",
  });

export type RecordedPhoto = z.infer<typeof recordedPhotoSchema>;
export type RecordedProfile = z.infer<typeof recordedProfileSchema>;
export type RevisionMeta = z.infer<typeof revisionMetaSchema>;

/** The fields added within version 2, and the value a revision written before them reads. */
const LATER_FIELD_DEFAULTS = {
  overTitle: "",
  subtitle: "",
  responsibleEditor: "",
  displayDate: null,
} as const satisfies Partial<RevisionMeta>;

/**
 * The meta as the content hash covers it: everything, except a later field (see the module note) at
 * its empty value. Absent and empty mean the same, so this loses nothing an approval must bind.
 */
export function hashedMeta(meta: RevisionMeta): Partial<RevisionMeta> {
  const out: Partial<RevisionMeta> = { ...meta };
  for (const [key, empty] of Object.entries(LATER_FIELD_DEFAULTS) as [
    keyof typeof LATER_FIELD_DEFAULTS,
    string | null,
  ][]) {
    if (out[key] === empty) delete out[key];
  }
  return out;
}

/** The keys of the meta document, for tests that must cover every recorded field. */
export const REVISION_META_FIELDS = Object.keys(revisionMetaSchema.shape) as (keyof RevisionMeta)[];

/**
 * THE reader of `Revision.meta`. There is no fallback: a revision whose meta does not validate
 * (written before this schema and not migrated, or altered by hand) yields null, and the public side
 * shows nothing of it rather than guessing from other rows.
 */
export function readRevisionMeta(json: unknown): RevisionMeta | null {
  const parsed = revisionMetaSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** What the content checks read of a revision besides its title and body (lib/checks, checkArticle). */
export function checkedFieldsOf(meta: RevisionMeta) {
  const { seriesMark, lead, summary, source, byline, overTitle, subtitle, responsibleEditor, coverId, profileId } =
    meta;
  return { seriesMark, lead, summary, source, byline, overTitle, subtitle, responsibleEditor, coverId, profileId };
}

/** The fields an editor sets on the article form that the meta records (besides title and body). */
export interface EditableArticleFields {
  columnId: string;
  seriesMark: string;
  lead: string;
  summary: string;
  source: string;
  byline: string;
  /** 引题, 副题, 责任编辑: "" when not given. */
  overTitle?: string;
  subtitle?: string;
  responsibleEditor?: string;
  /** 发布日期, an ISO instant; null or absent = the first publication. */
  displayDate?: string | null;
  coverId: string | null;
  profileId: string | null;
}

export type MetaDb = Pick<PrismaClient, "media" | "profile">;

const photoSelect = { id: true, alt: true, caption: true, credit: true } as const;

function photo(row: { id: string; alt: string; caption: string; credit: string }): RecordedPhoto {
  return { mediaId: row.id, alt: row.alt, caption: row.caption, credit: row.credit };
}

const v = articlesText.validation;

/**
 * Builds the meta a new revision records: the form's fields plus what the library and the profile
 * hold NOW for the photos and the subject it names. Refuses references to rows that do not exist.
 */
export async function recordRevisionMeta(
  db: MetaDb,
  fields: EditableArticleFields,
  body: BodyDocument,
): Promise<RevisionMeta> {
  const figureIds = figureMediaIds(body);
  const [cover, profile, figureMedia] = await Promise.all([
    fields.coverId ? db.media.findUnique({ where: { id: fields.coverId }, select: photoSelect }) : null,
    fields.profileId
      ? db.profile.findUnique({
          where: { id: fields.profileId },
          select: {
            id: true,
            kind: true,
            name: true,
            honour: true,
            position: true,
            organisation: true,
            portrait: { select: photoSelect },
          },
        })
      : null,
    figureIds.length ? db.media.findMany({ where: { id: { in: figureIds } }, select: { id: true, credit: true } }) : [],
  ]);
  if (fields.coverId && !cover) throw new AppError("VALIDATION", v.mediaMissing, "coverId");
  if (fields.profileId && !profile) throw new AppError("VALIDATION", v.profileMissing, "profileId");
  const credits = new Map(figureMedia.map((row) => [row.id, row.credit]));
  if (credits.size !== figureIds.length) throw new AppError("VALIDATION", v.bodyMediaMissing, "body");
  return buildRevisionMeta(fields, { cover, profile, credits }, body);
}

/** The rows `recordRevisionMeta` read, as the meta records them. */
export interface RecordedRows {
  cover: { id: string; alt: string; caption: string; credit: string } | null;
  profile: {
    id: string;
    kind: "PERSON" | "ORGANISATION";
    name: string;
    honour: string;
    position: string;
    organisation: string;
    portrait: { id: string; alt: string; caption: string; credit: string } | null;
  } | null;
  /** Media id → credit of the body's figures. */
  credits: ReadonlyMap<string, string>;
}

/** The meta document of `fields` and `body` given the rows they name (pure; tests build fixtures with it). */
export function buildRevisionMeta(fields: EditableArticleFields, rows: RecordedRows, body: BodyDocument): RevisionMeta {
  const { cover, profile } = rows;
  return {
    version: REVISION_META_VERSION,
    columnId: fields.columnId,
    seriesMark: fields.seriesMark,
    lead: fields.lead,
    summary: fields.summary,
    source: fields.source,
    byline: fields.byline,
    overTitle: fields.overTitle ?? "",
    subtitle: fields.subtitle ?? "",
    responsibleEditor: fields.responsibleEditor ?? "",
    displayDate: fields.displayDate ?? null,
    coverId: cover ? cover.id : null,
    cover: cover ? photo(cover) : null,
    profileId: profile ? profile.id : null,
    profile: profile
      ? {
          id: profile.id,
          kind: profile.kind,
          name: profile.name,
          honour: profile.honour,
          position: profile.position,
          organisation: profile.organisation,
          portrait: profile.portrait ? photo(profile.portrait) : null,
        }
      : null,
    figures: bodyFigures(body).map((figure) => ({
      mediaId: figure.attrs.mediaId,
      alt: figure.attrs.alt,
      caption: figureCaption(figure),
      credit: rows.credits.get(figure.attrs.mediaId) ?? "",
    })),
  };
}

/** Every photo a revision shows (cover, portrait, figures), each once: what a live revision keeps public. */
export function metaMediaIds(meta: RevisionMeta): string[] {
  return [
    ...new Set([
      ...(meta.cover ? [meta.cover.mediaId] : []),
      ...(meta.profile?.portrait ? [meta.profile.portrait.mediaId] : []),
      ...meta.figures.map((figure) => figure.mediaId),
    ]),
  ];
}

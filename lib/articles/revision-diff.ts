import { DEFAULT_DISPLAY_TIME_ZONE, formatDateTime } from "@/lib/format/date";
import { storedBodyOrEmpty } from "./body/schema";
import { articlesText } from "./messages";
import { readRevisionMeta, type RecordedPhoto, type RevisionMeta } from "./revision-meta";
import { diffVersions, type ComparableVersion, type VersionDiff } from "./version-diff";

/**
 * Two stored revisions compared (the revision history, the review page): each read through its
 * recorded `meta` and validated body, then compared by lib/articles/version-diff.ts.
 */

export {
  bodyOutline,
  diffLinesSideBySide,
  diffVersions,
  hasChanges,
  type ComparableVersion,
  type DiffRow,
  type FieldChange,
  type Segment,
  type VersionDiff,
} from "./version-diff";

/** The fields a stored revision records in `meta`, with the label each is shown under. */
const REVISION_FIELD_LABELS: Record<string, string> = {
  title: articlesText.ui.fields.title,
  overTitle: articlesText.ui.fields.overTitle,
  subtitle: articlesText.ui.fields.subtitle,
  seriesMark: articlesText.ui.fields.seriesMark,
  source: articlesText.ui.fields.source,
  byline: articlesText.ui.fields.byline,
  responsibleEditor: articlesText.ui.fields.responsibleEditor,
  displayDate: articlesText.ui.fields.displayDate,
  summary: articlesText.ui.fields.summary,
  lead: articlesText.ui.fields.lead,
  coverId: articlesText.ui.fields.cover,
  profileId: articlesText.ui.fields.profile,
  columnId: articlesText.ui.fields.column,
  figures: articlesText.ui.diffRecorded.figures,
};

export interface StoredRevision {
  title: string;
  meta: unknown;
  body: unknown;
}

const recordedText = articlesText.ui.diffRecorded;

function photoText(photo: RecordedPhoto | null): string {
  return photo ? `${recordedText.photo(photo.alt, photo.caption, photo.credit)}（${photo.mediaId.slice(0, 8)}）` : "";
}

/**
 * Everything a revision records, as the reviewer must see it change: a move to another column, the
 * library's words for the cover, the profile subject's fields and every figure's alt, caption and
 * credit (lib/articles/revision-meta.ts). `columnName` turns a column id into its name.
 */
function recordedFields(
  meta: RevisionMeta,
  columnName: (id: string) => string,
  timeZone: string,
): Record<string, string> {
  const profile = meta.profile;
  return {
    columnId: columnName(meta.columnId),
    overTitle: meta.overTitle,
    subtitle: meta.subtitle,
    seriesMark: meta.seriesMark,
    source: meta.source,
    byline: meta.byline,
    responsibleEditor: meta.responsibleEditor,
    displayDate: meta.displayDate
      ? formatDateTime(new Date(meta.displayDate), timeZone)
      : recordedText.firstPublication,
    summary: meta.summary,
    lead: meta.lead,
    coverId: photoText(meta.cover),
    profileId: profile
      ? `${recordedText.profile(profile.name, profile.honour, profile.position, profile.organisation, profile.kind === "PERSON" ? recordedText.person : recordedText.organisation)}${profile.portrait ? `；${recordedText.portrait}：${photoText(profile.portrait)}` : ""}`
      : "",
    figures: meta.figures.map((figure, index) => `${index + 1}. ${photoText(figure)}`).join("\n"),
  };
}

/** A stored revision as compared; older revisions, written before `meta` existed, record no fields. */
function comparableRevision(
  revision: StoredRevision,
  columnName: (id: string) => string,
  timeZone: string,
): ComparableVersion {
  const recorded = readRevisionMeta(revision.meta);
  if (recorded)
    return {
      title: revision.title,
      fields: recordedFields(recorded, columnName, timeZone),
      body: storedBodyOrEmpty(revision.body),
    };
  const meta =
    typeof revision.meta === "object" && revision.meta !== null ? (revision.meta as Record<string, unknown>) : {};
  const fields = Object.fromEntries(
    Object.keys(REVISION_FIELD_LABELS)
      .filter((key) => key !== "title" && key in meta)
      .map((key) => [key, typeof meta[key] === "string" ? meta[key] : ""]),
  );
  return { title: revision.title, fields, body: storedBodyOrEmpty(revision.body) };
}

/** Two stored revisions of one article, compared. */
export function diffRevisions(
  before: StoredRevision,
  after: StoredRevision,
  columnName: (id: string) => string = (id) => id,
  /** The site's zone, for 发布日期. */
  timeZone: string = DEFAULT_DISPLAY_TIME_ZONE,
): VersionDiff {
  return diffVersions(
    comparableRevision(before, columnName, timeZone),
    comparableRevision(after, columnName, timeZone),
    REVISION_FIELD_LABELS,
  );
}

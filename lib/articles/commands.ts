import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/codes";
import { AppError } from "@/lib/errors";
import { parseLocalDateTime } from "@/lib/format/date";
import { afterCommit, recordPublicationChange } from "@/lib/public/publish/outbox";
import { getSiteSettings } from "@/lib/settings/queries";
import { can, FORBIDDEN_MESSAGE, type PermissionResource, type PermissionUser } from "@/lib/permissions";
import type { BodyDocument } from "./body";
import { parseBody, storedBodyOrEmpty } from "./body/schema";
import { coalescibleRevision, keepRevision } from "./autosave";
import { articlesText } from "./messages";
import { publishableArticleFieldsSelect, publishableContentHash, type PublishableArticleFields } from "./publishable";
import { readRevisionMeta, recordRevisionMeta, type RevisionMeta } from "./revision-meta";
import { renderRevision } from "./render-revision";
import type {
  ArticleFieldsInput,
  CreateArticleInput,
  CreateProfileInput,
  RestoreRevisionInput,
  SaveArticleInput,
} from "./schemas";
import { checkSlugFree, suggestSlug } from "./slug";
import type { Tx } from "@/lib/db";

/**
 * Writing articles. Every command is one transaction that checks the caller against the article it
 * loaded (owner, column), writes, and appends its audit event, so a refused or failed save leaves
 * neither data nor log behind.
 *
 * Concurrency is optimistic: each save carries the `lockVersion` the editor loaded and the first
 * statement is `UPDATE … SET lockVersion = lockVersion + 1 WHERE id = $id AND lockVersion = $expected`.
 * Of two saves from the same version, PostgreSQL lets one update the row; the other waits on the row
 * lock, re-checks the condition against the committed row, matches nothing, and is refused with
 * CONFLICT. The refused content is handed back with the saved one (nothing is silently overwritten).
 */

/** Article commands ask can() themselves, so their actor carries its roles. */
export type Actor = PermissionUser;

const e = articlesText.errors;
const v = articlesText.validation;

/** While the article is in someone else's hands, the workflow (return / recall) must give it back first. */
const EDITABLE: ReadonlySet<ArticleStatus> = new Set<ArticleStatus>(["DRAFT", "PUBLISHED", "WITHDRAWN"]);

/** What the editor holds besides the lock version: the fields and the body. */
export interface ArticleVersion extends Required<Omit<PublishableArticleFields, "displayDate">> {
  title: string;
  columnId: string;
  body: BodyDocument;
  /** 发布日期 as an ISO instant; null = the first publication; undefined (a save) = unchanged. */
  displayDate?: string | null;
}

/** The saved state a refused save is compared with, as the conflict dialog shows it. */
export interface SavedArticleVersion extends ArticleVersion {
  lockVersion: number;
  revisionNumber: number | null;
  savedBy: string;
  savedAt: string;
}

/** AppError("CONFLICT") with both versions: the one that was refused and the one that is saved. */
export class ArticleConflictError extends AppError {
  readonly mine: ArticleVersion;
  readonly theirs: SavedArticleVersion;

  constructor(mine: ArticleVersion, theirs: SavedArticleVersion) {
    super("CONFLICT", e.conflict);
    this.name = "ArticleConflictError";
    this.mine = mine;
    this.theirs = theirs;
  }
}

export interface SaveResult {
  articleId: string;
  lockVersion: number;
  status: ArticleStatus;
  revisionId: string;
  revisionNumber: number;
  /** False when the publishable content was unchanged: no revision was written. */
  revisionCreated: boolean;
  /** The content went into the author's working revision instead of a new one (autosave coalescing). */
  coalesced?: boolean;
}

const articleTarget = (articleId: string) => `article:${articleId}`;

/** `displayDate` as `resolveDisplayDate` read it (undefined = unchanged). */
function fieldsOf(input: ArticleFieldsInput, displayDate: string | null | undefined): ArticleVersion {
  return {
    title: input.title,
    columnId: input.columnId,
    seriesMark: input.seriesMark,
    source: input.source,
    byline: input.byline,
    summary: input.summary,
    lead: input.lead,
    overTitle: input.overTitle ?? "",
    subtitle: input.subtitle ?? "",
    responsibleEditor: input.responsibleEditor ?? "",
    displayDate,
    coverId: input.coverId,
    profileId: input.profileId,
    body: input.body,
  };
}

function publishableFields(version: ArticleVersion): PublishableArticleFields {
  const {
    seriesMark,
    lead,
    summary,
    source,
    byline,
    overTitle,
    subtitle,
    responsibleEditor,
    displayDate,
    profileId,
    coverId,
  } = version;
  return {
    seriesMark,
    lead,
    summary,
    source,
    byline,
    overTitle,
    subtitle,
    responsibleEditor,
    displayDate: displayDate ?? null,
    profileId,
    coverId,
  };
}

/** The Article row's columns for `publishableFields` (the date is a Date there). */
function articleRowFields(version: ArticleVersion) {
  const { displayDate, ...rest } = publishableFields(version);
  return { ...rest, displayDate: displayDate ? new Date(displayDate) : null };
}

/**
 * 发布日期 as typed (lib/articles/schemas.ts): a wall date or time in the site's time zone, or an ISO
 * instant; "" clears it; undefined leaves it as it is. Refuses a malformed or future date.
 */
export async function resolveDisplayDate(
  db: Pick<PrismaClient, "siteSetting"> | Tx,
  typed: string | null | undefined,
  now = new Date(),
): Promise<string | null | undefined> {
  if (typed === undefined) return undefined;
  if (typed === "" || typed === null) return null;
  let date: Date | undefined;
  if (typed.endsWith("Z")) date = new Date(typed);
  else {
    const { timeZone } = await getSiteSettings(db);
    date = parseLocalDateTime(typed.length === 10 ? `${typed}T00:00` : typed, timeZone);
  }
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1949)
    throw new AppError("VALIDATION", v.displayDateInvalid, "displayDate");
  if (date.getTime() > now.getTime()) throw new AppError("VALIDATION", v.displayDateFuture, "displayDate");
  return date.toISOString();
}

function assertCan(
  actor: Actor,
  action: "article.editOwn" | "article.create" | "article.read",
  resource: PermissionResource,
) {
  if (!can(actor, action, resource)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
}

/** Refuses a column that does not exist (cover, profile and photos: `recordRevisionMeta`). */
async function checkReferences(tx: Tx, version: ArticleVersion): Promise<void> {
  const column = await tx.column.findUnique({ where: { id: version.columnId }, select: { id: true } });
  if (!column) throw new AppError("VALIDATION", v.columnMissing, "columnId");
}

/** HTML and plain text of a body, rendered on the server from the validated JSON only. */
async function renderedOrRefused(tx: Tx, body: BodyDocument): Promise<{ html: string; plainText: string }> {
  const rendered = await renderRevision(tx, body);
  if (!rendered) throw new AppError("VALIDATION", v.bodyMediaMissing, "body");
  return rendered;
}

/** What a revision of `version` records and the hash an approval of it binds. */
async function recordVersion(tx: Tx, version: ArticleVersion): Promise<{ meta: RevisionMeta; hash: string }> {
  const meta = await recordRevisionMeta(
    tx,
    { columnId: version.columnId, ...publishableFields(version) },
    version.body,
  );
  // The same value the meta records: the hash below is of exactly what is stored.
  return { meta, hash: publishableContentHash(meta, version) };
}

async function writeRevision(
  tx: Tx,
  articleId: string,
  authorId: string,
  version: ArticleVersion,
  recorded: { meta: RevisionMeta; hash: string },
  number: number,
  autosave = false,
) {
  const { html, plainText } = await renderedOrRefused(tx, version.body);
  return tx.revision.create({
    data: {
      articleId,
      number,
      title: version.title,
      body: version.body as unknown as Prisma.InputJsonValue,
      html,
      plainText,
      contentHash: recorded.hash,
      meta: recorded.meta as unknown as Prisma.InputJsonValue,
      authorId,
      autosave,
    },
    select: { id: true, number: true },
  });
}

/**
 * Autosave coalescing (lib/articles/autosave.ts): the working revision takes the new content, its hash
 * recomputed; a manual save marks it kept. Only ever called on a revision `coalescibleRevision` allowed.
 */
async function rewriteRevision(
  tx: Tx,
  revisionId: string,
  version: ArticleVersion,
  recorded: { meta: RevisionMeta; hash: string },
  autosave: boolean,
) {
  const { html, plainText } = await renderedOrRefused(tx, version.body);
  return tx.revision.update({
    where: { id: revisionId },
    data: {
      title: version.title,
      body: version.body as unknown as Prisma.InputJsonValue,
      html,
      plainText,
      contentHash: recorded.hash,
      meta: recorded.meta as unknown as Prisma.InputJsonValue,
      autosave,
      updatedAt: new Date(),
    },
    select: { id: true, number: true },
  });
}

/** 发布日期 is the column's 终审's to set (lib/permissions.ts), in the column it is and the one it goes to. */
function assertMaySetDisplayDate(actor: Actor, columnIds: readonly string[]) {
  if (!columnIds.every((columnId) => can(actor, "article.setDisplayDate", { columnId }))) {
    throw new AppError("FORBIDDEN", v.displayDateForbidden, "displayDate");
  }
}

/** A slug another save took between our check and our write: the same message as the check's. */
function slugRace(error: unknown): never {
  if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002") {
    throw new AppError("CONFLICT", v.slugTaken, "slug");
  }
  throw error;
}

/** Creates a draft with its first revision; its address is the one typed or one offered from the title. */
export async function createArticle(db: PrismaClient, actor: Actor, input: CreateArticleInput): Promise<SaveResult> {
  assertCan(actor, "article.create", {});
  const displayDate = await resolveDisplayDate(db, input.displayDate);
  const version = fieldsOf(input, displayDate ?? null);
  if (version.displayDate) assertMaySetDisplayDate(actor, [version.columnId]);
  return db.$transaction(async (tx) => {
    await checkReferences(tx, version);
    const slug = input.slug ? input.slug : await suggestSlug(tx, version.title);
    if (input.slug) await checkSlugFree(tx, slug, null);
    const article = await tx.article
      .create({
        data: {
          slug,
          columnId: version.columnId,
          status: "DRAFT",
          ...articleRowFields(version),
          createdById: actor.id,
        },
        select: { id: true },
      })
      .catch(slugRace);
    const recorded = await recordVersion(tx, version);
    const hash = recorded.hash;
    const revision = await writeRevision(tx, article.id, actor.id, version, recorded, 1);
    await tx.article.update({ where: { id: article.id }, data: { currentRevisionId: revision.id } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "article.create",
      target: articleTarget(article.id),
      data: { title: version.title, columnId: version.columnId, slug, revisionId: revision.id, contentHash: hash },
    });
    if (version.displayDate) {
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "article.display_date",
        target: articleTarget(article.id),
        data: { from: null, to: version.displayDate, revisionId: revision.id },
      });
    }
    return {
      articleId: article.id,
      lockVersion: 0,
      status: "DRAFT",
      revisionId: revision.id,
      revisionNumber: 1,
      revisionCreated: true,
    };
  });
}

/** The saved state of an article as the conflict dialog shows it (read after the refused save rolled back). */
export async function savedVersion(db: PrismaClient | Tx, articleId: string): Promise<SavedArticleVersion> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      columnId: true,
      ...publishableArticleFieldsSelect,
      lockVersion: true,
      updatedAt: true,
      currentRevision: {
        select: { number: true, title: true, body: true, createdAt: true, author: { select: { displayName: true } } },
      },
    },
  });
  if (!article) throw new AppError("NOT_FOUND", e.notFound);
  const revision = article.currentRevision;
  return {
    title: revision?.title ?? "",
    columnId: article.columnId,
    seriesMark: article.seriesMark,
    source: article.source,
    byline: article.byline,
    summary: article.summary,
    lead: article.lead,
    overTitle: article.overTitle,
    subtitle: article.subtitle,
    responsibleEditor: article.responsibleEditor,
    displayDate: article.displayDate?.toISOString() ?? null,
    coverId: article.coverId,
    profileId: article.profileId,
    body: storedBodyOrEmpty(revision?.body),
    lockVersion: article.lockVersion,
    revisionNumber: revision?.number ?? null,
    savedBy: revision?.author.displayName ?? "",
    savedAt: (revision?.createdAt ?? article.updatedAt).toISOString(),
  };
}

interface SaveInTx {
  articleId: string;
  lockVersion: number;
  version: ArticleVersion;
  /** A new address (lib/articles/slug.ts); undefined = unchanged. */
  slug?: string;
  auditAction: Extract<AuditAction, "article.save" | "article.autosave" | "article.restore" | "article.display_date">;
  auditData?: Record<string, unknown>;
}

/** What `saveInTx` did besides the save, for the caller to finish after commit. */
interface SaveEffects {
  /** The public address of a live article changed: the outbox effect to run. */
  publicEffectId?: string;
}

/** An autosave, or a manual save that ends the author's working revision (lib/articles/autosave.ts). */
const coalescing = (input: SaveInTx) =>
  input.auditAction === "article.autosave" || input.auditAction === "article.save";

/**
 * The body of a save, inside the caller's transaction. Returns "stale" (having written nothing) when
 * the lock version is not the current one, so the caller can read the saved state for the conflict
 * dialog once the transaction is over.
 */
async function saveInTx(
  tx: Tx,
  actor: Actor,
  input: SaveInTx,
  effects: SaveEffects = {},
): Promise<SaveResult | "stale"> {
  const { articleId } = input;
  const bumped = await tx.article.updateMany({
    where: { id: articleId, lockVersion: input.lockVersion },
    data: { lockVersion: { increment: 1 } },
  });
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      columnId: true,
      createdById: true,
      status: true,
      lockVersion: true,
      slug: true,
      publishedAt: true,
      publishedColumnId: true,
      displayDate: true,
      currentRevision: { select: { id: true, number: true, contentHash: true } },
    },
  });
  if (!article) throw new AppError("NOT_FOUND", e.notFound);
  // Permission before the version check: a stranger learns nothing about the article's state. The
  // 终审 setting 发布日期 (setDisplayDate) is the one writer who need not own the article.
  if (input.auditAction === "article.display_date") assertMaySetDisplayDate(actor, [article.columnId]);
  else assertCan(actor, "article.editOwn", { ownerId: article.createdById, columnId: article.columnId });
  if (bumped.count === 0) return "stale";
  if (!EDITABLE.has(article.status)) {
    throw new AppError("CONFLICT", e.notEditable(articlesText.statusLabels[article.status]));
  }
  const storedDate = article.displayDate?.toISOString() ?? null;
  const version: ArticleVersion = {
    ...input.version,
    displayDate: input.version.displayDate === undefined ? storedDate : input.version.displayDate,
  };
  const dateChanged = version.displayDate !== storedDate;
  if (dateChanged) assertMaySetDisplayDate(actor, [...new Set([article.columnId, version.columnId])]);
  const slugChange =
    input.slug !== undefined && input.slug !== article.slug ? { from: article.slug, to: input.slug } : null;
  if (slugChange) {
    // Before the first publication the address is nobody's yet; after it, the old one keeps answering (301).
    // The change is immediate, so it is the column readers see it in that decides, not a pending move's.
    const liveColumnId = article.publishedColumnId ?? article.columnId;
    if (article.publishedAt && !can(actor, "article.changeLiveSlug", { columnId: liveColumnId })) {
      throw new AppError("FORBIDDEN", v.slugLiveForbidden, "slug");
    }
    await checkSlugFree(tx, slugChange.to, articleId);
  }
  await checkReferences(tx, version);

  // The column, the library's photo texts and the profile are recorded too: a change to any of them
  // (a live article moved to another column included) is a new revision that needs review.
  const recorded = await recordVersion(tx, version);
  const hash = recorded.hash;
  const changed = article.currentRevision?.contentHash !== hash;
  let revision = article.currentRevision
    ? { id: article.currentRevision.id, number: article.currentRevision.number }
    : null;
  // Autosave coalescing: only this block and `coalesced` below (see lib/articles/autosave.ts).
  const autosave = input.auditAction === "article.autosave";
  const working = coalescing(input) ? await coalescibleRevision(tx, articleId, actor.id) : null;
  if (working && changed) {
    revision = await rewriteRevision(tx, working.id, version, recorded, autosave);
  } else if (changed || !revision) {
    const last = await tx.revision.aggregate({ where: { articleId }, _max: { number: true } });
    revision = await writeRevision(tx, articleId, actor.id, version, recorded, (last._max.number ?? 0) + 1, autosave);
  } else if (working && !autosave) {
    await keepRevision(tx, working.id);
  }
  const coalesced = working !== null && changed;
  // Editing a live or withdrawn article starts a new draft; the published revision stays live.
  const status: ArticleStatus = changed ? "DRAFT" : article.status;
  await tx.article
    .update({
      where: { id: articleId },
      data: {
        columnId: version.columnId,
        ...articleRowFields(version),
        currentRevisionId: revision.id,
        status,
        ...(slugChange ? { slug: slugChange.to } : {}),
      },
    })
    .catch(slugRace);
  if (slugChange) await moveAddress(tx, actor, articleId, slugChange, article.publishedAt !== null, effects);
  if (dateChanged && input.auditAction !== "article.display_date") {
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "article.display_date",
      target: articleTarget(articleId),
      data: { from: storedDate, to: version.displayDate, revisionId: revision.id },
    });
  }
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: input.auditAction,
    target: articleTarget(articleId),
    data: {
      ...input.auditData,
      ...(input.auditAction === "article.display_date" ? { from: storedDate, to: version.displayDate } : {}),
      revisionId: revision.id,
      revisionNumber: revision.number,
      revisionCreated: changed && !coalesced,
      ...(coalesced ? { coalesced: true, previousContentHash: article.currentRevision?.contentHash ?? null } : {}),
      contentHash: hash,
      lockVersion: article.lockVersion,
      ...(status !== article.status ? { statusFrom: article.status, statusTo: status } : {}),
    },
  });
  return {
    articleId,
    lockVersion: article.lockVersion,
    status,
    revisionId: revision.id,
    revisionNumber: revision.number,
    revisionCreated: changed,
    coalesced,
  };
}

/**
 * Saves the editor's state over the version it was loaded from (see the module note). A revision is
 * written only when the publishable content hash changed; the lock version moves on every save.
 */
export async function saveArticle(db: PrismaClient, actor: Actor, input: SaveArticleInput): Promise<SaveResult> {
  const version = fieldsOf(input, await resolveDisplayDate(db, input.displayDate));
  const effects: SaveEffects = {};
  const result = await db.$transaction((tx) =>
    saveInTx(
      tx,
      actor,
      {
        articleId: input.articleId,
        lockVersion: input.lockVersion,
        version,
        slug: input.slug || undefined,
        auditAction: input.autosave ? "article.autosave" : "article.save",
      },
      effects,
    ),
  );
  if (result === "stale") {
    const saved = await savedVersion(db, input.articleId);
    throw new ArticleConflictError(
      { ...version, displayDate: version.displayDate === undefined ? saved.displayDate : version.displayDate },
      saved,
    );
  }
  if (effects.publicEffectId) await afterCommit([effects.publicEffectId], db);
  return result;
}

/**
 * 发布日期 set by the column's 终审 from the review page (they need not own the article): a new revision
 * of the current content with the date, which goes through review like any other change (public =
 * the published revision). One `article.display_date` audit event with the old and new date.
 */
export async function setDisplayDate(
  db: PrismaClient,
  actor: Actor,
  input: { articleId: string; lockVersion: number; displayDate: string },
): Promise<SaveResult> {
  const displayDate = await resolveDisplayDate(db, input.displayDate);
  const result = await db.$transaction(async (tx) => {
    const current = await savedVersion(tx, input.articleId);
    return saveInTx(tx, actor, {
      articleId: input.articleId,
      lockVersion: input.lockVersion,
      version: { ...current, displayDate },
      auditAction: "article.display_date",
    });
  });
  if (result === "stale") throw new AppError("CONFLICT", e.conflict);
  return result;
}

/**
 * A new address. Before the first publication the old one simply goes; after it, the old one becomes
 * a redirect (301 on the public site) and what is live changes now: the outbox evicts and rewrites.
 * Taking back one of the article's own old addresses removes that redirect.
 */
async function moveAddress(
  tx: Tx,
  actor: Actor,
  articleId: string,
  change: { from: string; to: string },
  live: boolean,
  effects: SaveEffects,
) {
  await tx.articleSlugRedirect.deleteMany({ where: { slug: change.to, articleId } });
  if (live) {
    await tx.articleSlugRedirect.create({ data: { slug: change.from, articleId } });
    effects.publicEffectId = await recordPublicationChange(tx, [articleId]);
  }
  await appendAuditEvent(tx, {
    actorId: actor.id,
    action: "article.slug",
    target: articleTarget(articleId),
    data: { from: change.from, to: change.to, redirect: live },
  });
}

/**
 * The form fields an old revision recorded (none when its meta is unreadable: the current ones stay).
 * 发布日期 is not restored: it is the 终审's to set (setDisplayDate), and stays as it is.
 */
function metaOf(value: unknown): Partial<PublishableArticleFields> {
  const meta = readRevisionMeta(value);
  if (!meta) return {};
  const { seriesMark, lead, summary, source, byline, overTitle, subtitle, responsibleEditor, profileId, coverId } =
    meta;
  return { seriesMark, lead, summary, source, byline, overTitle, subtitle, responsibleEditor, profileId, coverId };
}

/**
 * Saves an old revision's content (title, body and, when the revision recorded them, the published
 * fields) as a new revision. The current content stays in the history; nothing is deleted.
 */
export async function restoreRevision(
  db: PrismaClient,
  actor: Actor,
  input: RestoreRevisionInput,
): Promise<SaveResult> {
  const result = await db.$transaction(async (tx) => {
    const old = await tx.revision.findFirst({
      where: { id: input.revisionId, articleId: input.articleId },
      select: {
        number: true,
        title: true,
        body: true,
        meta: true,
        article: { select: { columnId: true, createdById: true } },
      },
    });
    if (!old) throw new AppError("NOT_FOUND", e.revisionNotFound);
    assertCan(actor, "article.editOwn", { ownerId: old.article.createdById, columnId: old.article.columnId });
    const current = await savedVersion(tx, input.articleId);
    // Stored revisions were validated when written; parse again so a restore never trusts the database blindly.
    const body = parseBody(old.body);
    if (!body.ok) throw new AppError("VALIDATION", body.message, "body");
    const version: ArticleVersion = {
      ...current,
      ...metaOf(old.meta),
      title: old.title,
      body: body.body,
      columnId: current.columnId,
    };
    return saveInTx(tx, actor, {
      articleId: input.articleId,
      lockVersion: input.lockVersion,
      version,
      auditAction: "article.restore",
      auditData: { restoredFrom: input.revisionId, restoredNumber: old.number },
    });
  });
  // A restore has no unsaved text of its own to keep: the editor reloads and the staff member decides again.
  if (result === "stale") throw new AppError("CONFLICT", e.conflict);
  return result;
}

const profileSelect = {
  id: true,
  kind: true,
  name: true,
  honour: true,
  position: true,
  organisation: true,
  portraitId: true,
} as const;

export type ProfileCandidate = Prisma.ProfileGetPayload<{ select: typeof profileSelect }>;

/** 人物 already on file under the name (and honour) being created: the form asks 使用已有 / 仍然新建. */
export class DuplicateProfileError extends AppError {
  readonly candidates: ProfileCandidate[];

  constructor(name: string, candidates: ProfileCandidate[]) {
    super("CONFLICT", e.profileDuplicate(name), "name");
    this.name = "DuplicateProfileError";
    this.candidates = candidates;
  }
}

/**
 * Profiles that are probably the one being created: the same kind and name (spacing and letter case
 * aside), and the same honour — or no honour on one side, which says nothing either way.
 */
export async function duplicateProfiles(
  db: PrismaClient | Tx,
  input: Pick<CreateProfileInput, "kind" | "name" | "honour">,
): Promise<ProfileCandidate[]> {
  const name = input.name.trim();
  const rows = await db.profile.findMany({
    where: { kind: input.kind, name: { equals: name, mode: "insensitive" } },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: profileSelect,
  });
  const honour = input.honour.trim();
  return rows.filter((row) => !honour || !row.honour || row.honour.trim() === honour);
}

/**
 * A profile subject （人物/组织） created from the article form, to be picked right away. Unless staff
 * confirmed 仍然新建, a name (and honour) already on file is refused with the candidates
 * (DuplicateProfileError), so the same person is not split over two profiles.
 */
export async function createProfile(db: PrismaClient, actor: Actor, request: CreateProfileInput) {
  if (!can(actor, "profile.create")) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  const { confirmDuplicate, ...input } = request;
  return db.$transaction(async (tx) => {
    if (input.portraitId && !(await tx.media.findUnique({ where: { id: input.portraitId }, select: { id: true } }))) {
      throw new AppError("VALIDATION", v.mediaMissing, "portraitId");
    }
    if (!confirmDuplicate) {
      const candidates = await duplicateProfiles(tx, input);
      if (candidates.length > 0) throw new DuplicateProfileError(input.name.trim(), candidates);
    }
    const profile = await tx.profile.create({
      data: input,
      select: profileSelect,
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "profile.create",
      target: `profile:${profile.id}`,
      data: { ...input, ...(confirmDuplicate ? { confirmDuplicate } : {}) },
    });
    return profile;
  });
}

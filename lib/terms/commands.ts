import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { sha256Hex } from "@/lib/hash";
import { CHECK_SETTINGS } from "@/lib/checks/settings";
import { queueTermSweep } from "@/lib/checks/sweep";
import type { LeaderEntry } from "@/lib/checks/types";
import { AppError } from "@/lib/errors";
import { termsText } from "./messages";
import { configuredLeaders } from "./queries";
import type { TermFields } from "./schemas";
import { parseTermFile, type RejectedLine } from "./text-format";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/actor";

/**
 * Changes to the sensitive-term list and the leader-title configuration. Each command is one
 * transaction that writes the change, a fresh list-version token (so every app instance rebuilds its
 * matcher, see lib/checks/term-cache.ts), the audit event, and a sweep of what is already published
 * (lib/checks/sweep.ts: queued in the same transaction, run after commit).
 */

const e = termsText.errors;
const target = (id: string) => `term:${id}`;
/** How many term names an import's audit event lists; the counts and the file hash cover the rest. */
const AUDITED_NAMES = 500;

async function bumpListVersion(tx: Tx): Promise<void> {
  const value = randomUUID();
  await tx.siteSetting.upsert({
    where: { key: CHECK_SETTINGS.termListVersion },
    create: { key: CHECK_SETTINGS.termListVersion, value },
    update: { value },
  });
  // Every change of the list: live articles are checked again against it after commit.
  await queueTermSweep(tx);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const snapshot = (term: TermFields) => ({
  term: term.term,
  level: term.level,
  suggestion: term.suggestion,
  category: term.category,
  exceptions: term.exceptions,
  wholeWord: term.wholeWord ?? false,
});

export async function createTerm(db: PrismaClient, actor: Actor, fields: TermFields): Promise<{ id: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.sensitiveTerm.findUnique({ where: { term: fields.term }, select: { id: true } });
      if (taken) throw new AppError("CONFLICT", e.duplicate, "term");
      const row = await tx.sensitiveTerm.create({ data: fields, select: { id: true } });
      await bumpListVersion(tx);
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "term.create",
        target: target(row.id),
        data: snapshot(fields),
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", e.duplicate, "term");
    throw error;
  }
}

export async function updateTerm(db: PrismaClient, actor: Actor, id: string, fields: TermFields): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.sensitiveTerm.findUnique({
        where: { id },
        select: { term: true, level: true, suggestion: true, category: true, exceptions: true, wholeWord: true },
      });
      if (!before) throw new AppError("NOT_FOUND", e.notFound);
      if (
        before.term !== fields.term &&
        (await tx.sensitiveTerm.findUnique({ where: { term: fields.term }, select: { id: true } }))
      ) {
        throw new AppError("CONFLICT", e.duplicate, "term");
      }
      await tx.sensitiveTerm.update({ where: { id }, data: fields });
      await bumpListVersion(tx);
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "term.update",
        target: target(id),
        data: { before: snapshot(before), after: snapshot(fields) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", e.duplicate, "term");
    throw error;
  }
}

export async function deleteTerm(db: PrismaClient, actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.sensitiveTerm.findUnique({
      where: { id },
      select: { term: true, level: true, suggestion: true, category: true, exceptions: true, wholeWord: true },
    });
    if (!before) throw new AppError("NOT_FOUND", e.notFound);
    await tx.sensitiveTerm.delete({ where: { id } });
    await bumpListVersion(tx);
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "term.delete",
      target: target(id),
      data: snapshot(before),
    });
  });
}

export interface ImportPlan {
  /** Valid, non-duplicate lines. */
  total: number;
  created: TermFields[];
  updated: { before: TermFields; after: TermFields }[];
  unchanged: number;
  rejected: RejectedLine[];
}

function sameTerm(a: TermFields, b: TermFields): boolean {
  // An imported line says nothing about "only as a whole word" (wholeWord undefined): that stays as set.
  return (
    a.level === b.level &&
    a.suggestion === b.suggestion &&
    a.category === b.category &&
    a.exceptions.join("\u0000") === b.exceptions.join("\u0000") &&
    (b.wholeWord === undefined || a.wholeWord === b.wholeWord)
  );
}

/** What importing `text` would do, against the list as it is now. */
export async function planTermImport(db: PrismaClient | Tx, text: string): Promise<ImportPlan> {
  const { rows, rejected } = parseTermFile(text);
  const existing = new Map<string, TermFields>();
  // Chunked: a 20,000-term file would otherwise become one enormous IN list.
  for (let i = 0; i < rows.length; i += 5_000) {
    const found = await db.sensitiveTerm.findMany({
      where: { term: { in: rows.slice(i, i + 5_000).map((row) => row.fields.term) } },
      select: { term: true, level: true, suggestion: true, category: true, exceptions: true, wholeWord: true },
    });
    for (const row of found) existing.set(row.term, row);
  }
  const plan: ImportPlan = { total: rows.length, created: [], updated: [], unchanged: 0, rejected };
  for (const { fields } of rows) {
    const before = existing.get(fields.term);
    if (!before) plan.created.push(fields);
    else if (sameTerm(before, fields)) plan.unchanged += 1;
    else plan.updated.push({ before, after: fields });
  }
  return plan;
}

/**
 * Imports a term file: new terms are added, listed terms that differ are updated, terms missing from
 * the file stay (an import never deletes). Rejected lines are skipped and reported; nothing is
 * written when no line is valid.
 */
export async function importTerms(db: PrismaClient, actor: Actor, text: string): Promise<ImportPlan> {
  return db.$transaction(
    async (tx) => {
      const plan = await planTermImport(tx, text);
      if (plan.total === 0) throw new AppError("VALIDATION", termsText.validation.fileEmpty, "file");
      if (plan.created.length > 0) await tx.sensitiveTerm.createMany({ data: plan.created });
      for (const { after } of plan.updated) await tx.sensitiveTerm.update({ where: { term: after.term }, data: after });
      if (plan.created.length > 0 || plan.updated.length > 0) await bumpListVersion(tx);
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "term.import",
        target: "terms",
        data: {
          fileSha256: sha256Hex(text),
          validLines: plan.total,
          created: plan.created.length,
          updated: plan.updated.length,
          unchanged: plan.unchanged,
          rejected: plan.rejected.length,
          createdTerms: plan.created.slice(0, AUDITED_NAMES).map((term) => term.term),
          updatedTerms: plan.updated
            .slice(0, AUDITED_NAMES)
            .map(({ before, after }) => ({ before: snapshot(before), after: snapshot(after) })),
          truncated: plan.created.length > AUDITED_NAMES || plan.updated.length > AUDITED_NAMES,
        },
      });
      return plan;
    },
    // A 20,000-line file is a few thousand statements; the default 5 s is meant for clicks.
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Records that someone took a copy of the list (it says what the department watches for). */
export async function recordTermExport(db: PrismaClient, actor: Actor, count: number): Promise<void> {
  await db.$transaction((tx) =>
    appendAuditEvent(tx, { actorId: actor.id, action: "term.export", target: "terms", data: { count } }),
  );
}

export async function updateLeaders(db: PrismaClient, actor: Actor, leaders: readonly LeaderEntry[]): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await configuredLeaders(tx);
    const value = leaders.map((leader) => ({
      name: leader.name,
      titles: [...leader.titles],
      ...(leader.level ? { level: leader.level } : {}),
    }));
    await tx.siteSetting.upsert({
      where: { key: CHECK_SETTINGS.leaders },
      create: { key: CHECK_SETTINGS.leaders, value },
      update: { value },
    });
    await queueTermSweep(tx);
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "checks.leaders.update",
      target: `setting:${CHECK_SETTINGS.leaders}`,
      data: { before, after: value },
    });
  });
}

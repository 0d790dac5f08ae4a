import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { compileChecks, type CompiledChecks } from "./run";
import { CHECK_SETTINGS, leadersSettingSchema } from "./settings";
import type { LeaderEntry } from "./types";

/**
 * The compiled checks, cached per process and keyed by the list's version: the version token that
 * every term command rewrites, plus the term count and newest updatedAt (which also catch a change
 * made outside the app). One cheap query per check tells whether the cache is current, so several
 * app instances each rebuild as soon as any of them changes the list — nothing is shared in memory.
 */

type Reader = Pick<PrismaClient, "$queryRaw" | "sensitiveTerm"> | Prisma.TransactionClient;

interface VersionRow {
  count: number;
  updatedAt: Date | null;
  version: unknown;
  leaders: unknown;
}

let cached: { key: string; compiled: CompiledChecks } | undefined;

function parseLeaders(value: unknown): LeaderEntry[] {
  if (value === null || value === undefined) return [];
  const parsed = leadersSettingSchema.safeParse(value);
  // A broken setting must not silently disable the rule: surface it to whoever runs the check.
  if (!parsed.success)
    throw new Error(`SiteSetting ${CHECK_SETTINGS.leaders} is not a valid leader list: ${parsed.error.message}`);
  return parsed.data;
}

export async function compiledChecks(db: Reader): Promise<CompiledChecks> {
  const [row] = await db.$queryRaw<VersionRow[]>`
    SELECT (SELECT count(*)::int FROM "SensitiveTerm") AS "count",
           (SELECT max("updatedAt") FROM "SensitiveTerm") AS "updatedAt",
           (SELECT "value" FROM "SiteSetting" WHERE "key" = ${CHECK_SETTINGS.termListVersion}) AS "version",
           (SELECT "value" FROM "SiteSetting" WHERE "key" = ${CHECK_SETTINGS.leaders}) AS "leaders"`;
  const key = JSON.stringify([row.count, row.updatedAt?.toISOString() ?? null, row.version, row.leaders]);
  if (cached?.key === key) return cached.compiled;
  const terms = await db.sensitiveTerm.findMany({
    select: { term: true, level: true, suggestion: true, category: true, exceptions: true, wholeWord: true },
  });
  const compiled = compileChecks(terms, parseLeaders(row.leaders));
  cached = { key, compiled };
  return compiled;
}

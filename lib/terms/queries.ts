import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { CHECK_SETTINGS, leadersSettingSchema } from "@/lib/checks/settings";
import type { LeaderEntry } from "@/lib/checks/types";
import type { TermListQuery } from "./schemas";

export const TERMS_PAGE_SIZE = 50;

const listSelect = {
  id: true,
  term: true,
  level: true,
  suggestion: true,
  category: true,
  exceptions: true,
  wholeWord: true,
  updatedAt: true,
} as const;

export type TermRow = Prisma.SensitiveTermGetPayload<{ select: typeof listSelect }>;

/** Offset pages are fine here: the list holds thousands of terms, ordered by the term itself. */
export async function listTerms(db: PrismaClient, query: TermListQuery) {
  const where: Prisma.SensitiveTermWhereInput = {
    ...(query.q
      ? {
          OR: [
            { term: { contains: query.q, mode: "insensitive" } },
            { suggestion: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(query.level ? { level: query.level } : {}),
    ...(query.category !== undefined && query.category !== "" ? { category: query.category } : {}),
  };
  const [total, rows] = await Promise.all([
    db.sensitiveTerm.count({ where }),
    db.sensitiveTerm.findMany({
      where,
      select: listSelect,
      orderBy: { term: "asc" },
      skip: (query.page - 1) * TERMS_PAGE_SIZE,
      take: TERMS_PAGE_SIZE,
    }),
  ]);
  return { rows, total, page: query.page, pageCount: Math.max(1, Math.ceil(total / TERMS_PAGE_SIZE)) };
}

export async function termCategories(db: PrismaClient): Promise<string[]> {
  const rows = await db.sensitiveTerm.findMany({
    where: { category: { not: "" } },
    distinct: ["category"],
    select: { category: true },
    orderBy: { category: "asc" },
  });
  return rows.map((row) => row.category);
}

export function getTerm(db: PrismaClient, id: string) {
  return db.sensitiveTerm.findUnique({ where: { id }, select: listSelect });
}

/** Every term, for the export file. */
export function allTerms(db: PrismaClient | Prisma.TransactionClient) {
  return db.sensitiveTerm.findMany({
    select: { term: true, level: true, suggestion: true, category: true, exceptions: true, wholeWord: true },
    orderBy: { term: "asc" },
  });
}

export async function configuredLeaders(db: PrismaClient | Prisma.TransactionClient): Promise<LeaderEntry[]> {
  const row = await db.siteSetting.findUnique({ where: { key: CHECK_SETTINGS.leaders }, select: { value: true } });
  if (!row) return [];
  // A malformed setting is an error to see, not an empty list to overwrite.
  return leadersSettingSchema.parse(row.value);
}

import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { z } from "zod";

type HomeDb = Pick<PrismaClient, "homeSlot" | "siteSetting" | "column" | "article">;

/** SiteSetting key of the home page's column order: `{ columnIds: string[] }`. */
export const HOME_COLUMNS_KEY = "homeColumns";

const storedColumns = z.object({ columnIds: z.array(z.string()) });

/** The live-article condition of the cross-team decision, as a Prisma filter. */
const live = { publishedRevisionId: { not: null }, withdrawnAt: null } as const;

const articleSelect = {
  id: true,
  slug: true,
  seriesMark: true,
  summary: true,
  publishedAt: true,
  publishedRevision: { select: { title: true } },
  column: { select: { id: true, slug: true, name: true } },
  cover: { select: { id: true, storageKey: true, width: true, height: true, renditions: true, alt: true } },
} as const;

export interface HomeArticle {
  id: string;
  slug: string;
  title: string;
  seriesMark: string;
  summary: string;
  publishedAt: Date | null;
  column: { id: string; slug: string; name: string };
  cover: { id: string; storageKey: string; width: number; height: number; renditions: unknown; alt: string } | null;
}

export interface HomeSlots {
  /** 头条, or null when none is chosen or the chosen one is no longer live. */
  headline: HomeArticle | null;
  /** 焦点图 row, in order; only live articles. */
  focus: HomeArticle[];
  /** Columns shown on the home page, in order (hidden and deleted ones left out). */
  columns: { id: string; slug: string; name: string; listStyle: "NEWS_LIST" | "PROFILE_GRID" }[];
}

export async function homeColumnIds(db: Pick<PrismaClient, "siteSetting">): Promise<string[]> {
  const row = await db.siteSetting.findUnique({ where: { key: HOME_COLUMNS_KEY } });
  const parsed = storedColumns.safeParse(row?.value);
  return parsed.success ? parsed.data.columnIds : [];
}

/**
 * What the home page features. Filters by "live" at read time, so a withdrawn article drops out the
 * moment the withdrawal commits, whatever the slot table still says.
 */
export async function homeSlots(db: HomeDb): Promise<HomeSlots> {
  const [slots, columnIds] = await Promise.all([
    db.homeSlot.findMany({
      where: { article: live },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
      select: { kind: true, article: { select: articleSelect } },
    }),
    homeColumnIds(db),
  ]);
  const columns =
    columnIds.length === 0
      ? []
      : await db.column.findMany({
          where: { id: { in: columnIds }, hidden: false },
          select: { id: true, slug: true, name: true, listStyle: true },
        });
  const byId = new Map(columns.map((column) => [column.id, column]));
  const toArticle = ({ publishedRevision, ...article }: (typeof slots)[number]["article"]): HomeArticle => ({
    ...article,
    title: publishedRevision?.title ?? "",
  });
  return {
    headline: slots.filter((slot) => slot.kind === "HEADLINE").map((slot) => toArticle(slot.article))[0] ?? null,
    focus: slots.filter((slot) => slot.kind === "FOCUS").map((slot) => toArticle(slot.article)),
    columns: columnIds.flatMap((id) => byId.get(id) ?? []),
  };
}

/** The slots as stored (live or not), for the admin form: it shows which choices dropped out. */
export async function storedHomeSlots(db: HomeDb) {
  return db.homeSlot.findMany({
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    select: {
      kind: true,
      articleId: true,
      article: { select: { ...articleSelect, withdrawnAt: true, currentRevision: { select: { title: true } } } },
    },
  });
}

/** Live articles to choose from, newest first (the form's options). */
export async function liveArticleChoices(db: Pick<PrismaClient, "article">, take = 200) {
  const rows = await db.article.findMany({
    where: live,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      seriesMark: true,
      coverId: true,
      publishedAt: true,
      publishedRevision: { select: { title: true } },
      column: { select: { name: true } },
    },
  });
  return rows.map(({ publishedRevision, ...row }) => ({ ...row, title: publishedRevision?.title ?? "" }));
}

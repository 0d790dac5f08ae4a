import { recordRevisionMeta } from "@/lib/articles/revision-meta";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createUser, type RoleGrant } from "./factories";

/** Small factories for site-administration tests: users, columns and articles in a chosen state. */

let sequence = 0;
const next = () => `${++sequence}-${Date.now().toString(36)}`;

export async function makeUser(db: PrismaClient, roles: RoleGrant[] = [], name = "用户") {
  return createUser(db, roles, { displayName: name });
}

export async function makeColumn(db: PrismaClient, name: string, reviewLevels = 3) {
  return db.column.create({ data: { slug: `col-${next()}`, name, reviewLevels } });
}

export async function makeMedia(db: PrismaClient, uploaderId: string) {
  const id = next();
  return db.media.create({
    data: {
      sha256: id.padEnd(64, "0").slice(0, 64),
      originalName: "p.jpg",
      mimeType: "image/jpeg",
      width: 10,
      height: 10,
      bytes: 10,
      alt: "图",
      storageKey: `x/${id}.jpg`,
      uploaderId,
    },
  });
}

interface ArticleOptions {
  columnId: string;
  authorId: string;
  title?: string;
  status?: "DRAFT" | "IN_REVIEW" | "APPROVED" | "SCHEDULED" | "PUBLISHED" | "WITHDRAWN";
  reviewLevel?: number | null;
  /** Makes it live: a published revision, publishedAt = this time. */
  publishedAt?: Date;
  withdrawnAt?: Date;
  coverId?: string;
  updatedAt?: Date;
}

/** An article with one revision; live when `publishedAt` is given and `withdrawnAt` is not. */
export async function makeArticle(db: PrismaClient, options: ArticleOptions) {
  const article = await db.article.create({
    data: {
      columnId: options.columnId,
      slug: `a-${next()}`,
      status: options.status ?? (options.publishedAt ? (options.withdrawnAt ? "WITHDRAWN" : "PUBLISHED") : "DRAFT"),
      reviewLevel: options.reviewLevel ?? null,
      createdById: options.authorId,
      coverId: options.coverId ?? null,
      publishedAt: options.publishedAt ?? null,
      withdrawnAt: options.withdrawnAt ?? null,
    },
  });
  const revision = await db.revision.create({
    data: {
      articleId: article.id,
      number: 1,
      title: options.title ?? `稿件 ${article.slug}`,
      body: { type: "doc", content: [] },
      html: "",
      plainText: "",
      contentHash: "0".repeat(64),
      meta: await recordRevisionMeta(
        db,
        {
          columnId: options.columnId,
          seriesMark: "",
          lead: "",
          summary: "",
          source: "",
          byline: "",
          coverId: options.coverId ?? null,
          profileId: null,
        },
        { type: "doc", content: [] },
      ),
      authorId: options.authorId,
    },
  });
  return db.article.update({
    where: { id: article.id },
    data: {
      currentRevisionId: revision.id,
      publishedRevisionId: options.publishedAt ? revision.id : null,
      ...(options.updatedAt ? { updatedAt: options.updatedAt } : {}),
    },
  });
}

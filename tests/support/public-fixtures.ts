import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BodyDocument } from "@/lib/articles/body";
import { bodyPlainText, renderBody } from "@/lib/articles/render-body";
import { buildRevisionMeta } from "@/lib/articles/revision-meta";

/**
 * Public-site fixtures written straight to the database, in the shape the workflow leaves a published
 * or withdrawn article (the public side only reads: publishedRevisionId, publishedAt, withdrawnAt).
 */

export function paragraphs(...texts: string[]): BodyDocument {
  return { type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

export interface FixtureArticle {
  slug: string;
  title: string;
  columnSlug: string;
  body: BodyDocument;
  lead?: string;
  /** 引题 / 副题, as the published revision records them (default none). */
  overTitle?: string;
  subtitle?: string;
  /** 来源, as the published revision records it (default 测试来源). */
  source?: string;
  publishedAt?: Date;
  /** 发布日期 set by the 终审 (an article moved from an old site): what readers see instead of publishedAt. */
  displayDate?: Date;
  /** "live" (default), "withdrawn", or "draft" (never published). */
  state?: "live" | "withdrawn" | "draft";
}

export async function createArticle(db: PrismaClient, fixture: FixtureArticle): Promise<string> {
  const [column, author] = await Promise.all([
    db.column.findUniqueOrThrow({ where: { slug: fixture.columnSlug } }),
    db.user.findFirstOrThrow({ orderBy: { createdAt: "asc" } }),
  ]);
  const state = fixture.state ?? "live";
  const article = await db.article.create({
    data: {
      columnId: column.id,
      slug: fixture.slug,
      status: state === "live" ? "PUBLISHED" : state === "withdrawn" ? "WITHDRAWN" : "DRAFT",
      source: fixture.source ?? "测试来源",
      lead: fixture.lead ?? "",
      createdById: author.id,
      withdrawnAt: state === "withdrawn" ? new Date() : null,
      withdrawnReason: state === "withdrawn" ? "测试撤稿" : null,
    },
  });
  const revision = await db.revision.create({
    data: {
      articleId: article.id,
      number: 1,
      title: fixture.title,
      body: fixture.body as object,
      html: renderBody(fixture.body, { media: () => undefined }),
      plainText: bodyPlainText(fixture.body),
      contentHash: createHash("sha256")
        .update(JSON.stringify([fixture.title, fixture.body]))
        .digest("hex"),
      // What a saved revision records (the public side reads nothing else); photos the body names need not exist.
      meta: buildRevisionMeta(
        {
          columnId: column.id,
          seriesMark: "",
          lead: fixture.lead ?? "",
          summary: "",
          source: fixture.source ?? "测试来源",
          byline: "",
          coverId: null,
          profileId: null,
          overTitle: fixture.overTitle ?? "",
          subtitle: fixture.subtitle ?? "",
          displayDate: fixture.displayDate?.toISOString() ?? null,
        },
        { cover: null, profile: null, credits: new Map() },
        fixture.body,
      ),
      authorId: author.id,
    },
  });
  await db.article.update({
    where: { id: article.id },
    data: {
      currentRevisionId: revision.id,
      ...(state === "draft"
        ? {}
        : { publishedRevisionId: revision.id, publishedAt: fixture.publishedAt ?? new Date() }),
    },
  });
  return article.id;
}

export async function withdraw(db: PrismaClient, articleId: string): Promise<void> {
  await db.article.update({
    where: { id: articleId },
    data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawnReason: "测试撤稿" },
  });
}

/** A user and the two demo-like columns, for tests that do not need the whole demo seed. */
export async function createBasics(db: PrismaClient): Promise<void> {
  await db.user.create({ data: { username: "public-fixture", displayName: "测试编辑", passwordHash: "x" } });
  await db.column.createMany({
    data: [
      { slug: "xianfeng", name: "先锋", seriesMark: "【先锋】", listStyle: "PROFILE_GRID", sortOrder: 10 },
      { slug: "gongzuo-dongtai", name: "工作动态", sortOrder: 20 },
    ],
  });
}

export function bodyWithCaption(text: string, caption: string): BodyDocument {
  return {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text }] },
      {
        type: "figure",
        attrs: { mediaId: "00000000-0000-4000-8000-000000000000", alt: "图片" },
        content: [{ type: "text", text: caption }],
      },
    ],
  };
}

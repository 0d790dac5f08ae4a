import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { indexAllPending } from "@/lib/public/data/search-index";
import { searchArticles } from "@/lib/public/data/search";
import { articleJson } from "@/lib/public/render/api";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * Issue 12 "one reader of Revision.meta": a published revision whose meta does not validate shows
 * nothing of itself on its page (404), so search, which builds its documents from the same
 * revision, must not find it either.
 */
describe("search reads the published revision through the one meta reader", () => {
  let db: PrismaClient;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("does not index an article whose published meta does not validate", async () => {
    const id = await createArticle(db, {
      slug: "meta-1",
      title: "蓝鲸号科考船返航",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("蓝鲸号科考船今日返航。"),
    });
    expect((await searchArticles(db, "蓝鲸号", 1)).total).toBe(1);

    const old = (await db.article.findUniqueOrThrow({ where: { id }, include: { publishedRevision: true } }))
      .publishedRevision!;
    const text = "蓝鲸号科考船今日返航，带回样本。";
    const revision = await db.revision.create({
      data: {
        articleId: id,
        number: old.number + 1,
        title: old.title,
        body: paragraphs(text) as object,
        html: `<p>${text}</p>`,
        plainText: text,
        contentHash: createHash("sha256").update(`${text}-bad-meta`).digest("hex"),
        // Complete to the database's own check (the search-document trigger tests version and types);
        // only the schema's reader sees that it names no photo.
        meta: { ...(old.meta as object), coverId: "not-a-uuid" },
        authorId: old.authorId,
      },
    });
    await db.article.update({
      where: { id },
      data: { currentRevisionId: revision.id, publishedRevisionId: revision.id },
    });
    await indexAllPending(db);

    expect((await articleJson(db, "meta-1")).status).toBe(404);
    expect((await searchArticles(db, "蓝鲸号", 1)).total).toBe(0);
  });
});

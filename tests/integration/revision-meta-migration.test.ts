import { readFile } from "node:fs/promises";
import path from "node:path";
import { readRevisionMeta } from "@/lib/articles/revision-meta";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MIGRATIONS_DIR } from "@/lib/migrations/runner";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { renderArticle } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { createUser, testDb } from "../support/factories";

/**
 * The data migration of 20261201082738_public_reads_published_revision: revisions written before
 * Revision.meta was complete (the demo seed left `{}`; saves recorded seven fields) get the whole
 * record, so the public side — which no longer falls back to the article row — keeps showing them.
 * The test database is already migrated; the backfill and the final "what is live" statements are
 * run again, from the migration file itself, over rows written the old way.
 */

const MIGRATION = "20261201082738_public_reads_published_revision";

async function migrationSection(from: string, to: string): Promise<string> {
  const sql = await readFile(path.join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8");
  const start = sql.indexOf(from);
  const end = to ? sql.indexOf(to, start) : sql.length;
  if (start < 0 || end < 0) throw new Error(`section ${from} not found in ${MIGRATION}`);
  return sql.slice(start, end);
}

describe("revision meta data migration", () => {
  let db: PrismaClient;

  beforeAll(() => {
    db = testDb();
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("backfills complete meta from what the public side showed, and the article stays live", async () => {
    const author = await createUser(db, "EDITOR");
    const column = await db.column.create({ data: { slug: "legacy", name: "旧栏目", seriesMark: "【旧】" } });
    const photo = (n: number, alt: string) =>
      db.media.create({
        data: {
          sha256: `${n}`.padStart(64, "e"),
          originalName: "p.jpg",
          mimeType: "image/jpeg",
          width: 8,
          height: 8,
          bytes: 1,
          alt,
          caption: `题注${n}`,
          credit: `摄影${n}`,
          storageKey: `${`${n}`.padStart(64, "e")}/original.jpg`,
          uploaderId: author.id,
        },
      });
    const [cover, portrait, figure] = [
      await photo(1, "封面说明"),
      await photo(2, "肖像说明"),
      await photo(3, "库里的说明"),
    ];
    const profile = await db.profile.create({ data: { name: "旧人物", honour: "旧荣誉", portraitId: portrait.id } });
    const body = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "旧稿正文" }] },
        {
          type: "blockquote",
          content: [
            {
              type: "figure",
              attrs: { mediaId: figure.id, alt: "正文里的说明" },
              content: [{ type: "text", text: "正文题注" }],
            },
          ],
        },
      ],
    };
    // Written as before: the article row holds the fields, the revisions record none or seven of them.
    const article = await db.article.create({
      data: {
        columnId: column.id,
        slug: "legacy-article",
        status: "PUBLISHED",
        seriesMark: "【旧】",
        lead: "旧导语",
        summary: "旧摘要",
        source: "旧来源",
        byline: "旧作者",
        coverId: cover.id,
        profileId: profile.id,
        createdById: author.id,
      },
    });
    const empty = await db.revision.create({
      data: {
        articleId: article.id,
        number: 1,
        title: "旧标题",
        body,
        html: "",
        plainText: "旧稿正文\n正文题注",
        contentHash: "0".repeat(64),
        authorId: author.id,
      },
    });
    const seven = await db.revision.create({
      data: {
        articleId: article.id,
        number: 2,
        title: "旧标题二",
        body,
        html: "",
        plainText: "",
        contentHash: "1".repeat(64),
        meta: {
          seriesMark: "【记】",
          lead: "记下的导语",
          summary: "记下的摘要",
          source: "记下的来源",
          byline: "记下的作者",
          profileId: null,
          coverId: null,
        },
        authorId: author.id,
      },
    });
    await db.article.update({
      where: { id: article.id },
      data: {
        currentRevisionId: seven.id,
        publishedRevisionId: empty.id,
        publishedAt: new Date("2026-01-02T03:04:05Z"),
      },
    });
    expect((await renderArticle(db, "legacy-article", DEFAULT_PREFS)).status).toBe(404);

    await db.$executeRawUnsafe(
      await migrationSection("-- 1. Data migration", "-- A revision records its subject's portrait"),
    );
    await db.$executeRawUnsafe(
      (await migrationSection("-- 5. What is live", ""))
        .split("\n")
        .filter((line) => line.startsWith('UPDATE "Article"'))
        .join("\n"),
    );

    const metaOf = async (id: string) =>
      readRevisionMeta((await db.revision.findUniqueOrThrow({ where: { id } })).meta);
    expect(await metaOf(empty.id)).toEqual({
      version: 2,
      columnId: column.id,
      seriesMark: "【旧】",
      lead: "旧导语",
      summary: "旧摘要",
      source: "旧来源",
      byline: "旧作者",
      // Added within version 2 later (引题/副题/责任编辑/发布日期): the reader gives their empty values.
      overTitle: "",
      subtitle: "",
      responsibleEditor: "",
      displayDate: null,
      coverId: cover.id,
      cover: { mediaId: cover.id, alt: "封面说明", caption: "题注1", credit: "摄影1" },
      profileId: profile.id,
      profile: {
        id: profile.id,
        kind: "PERSON",
        name: "旧人物",
        honour: "旧荣誉",
        position: "",
        organisation: "",
        portrait: { mediaId: portrait.id, alt: "肖像说明", caption: "题注2", credit: "摄影2" },
      },
      figures: [{ mediaId: figure.id, alt: "正文里的说明", caption: "正文题注", credit: "摄影3" }],
    });
    // What a revision recorded wins over the article row, a recorded "no cover" included.
    expect(await metaOf(seven.id)).toMatchObject({
      seriesMark: "【记】",
      lead: "记下的导语",
      source: "记下的来源",
      coverId: null,
      cover: null,
      profileId: null,
      profile: null,
    });

    const page = await renderArticle(db, "legacy-article", DEFAULT_PREFS);
    expect(page.status).toBe(200);
    expect(page.body).toContain("旧导语");
    expect(page.body).toContain("肖像说明");
    expect(
      await db.article.findUniqueOrThrow({ where: { id: article.id }, select: { publishedColumnId: true } }),
    ).toEqual({ publishedColumnId: column.id });
    expect(await db.searchDocument.findUnique({ where: { articleId: article.id } })).toMatchObject({
      columnId: column.id,
      title: "【旧】旧标题",
    });
    expect(
      (await db.liveMedia.findMany({ where: { holder: `article:${article.id}` } })).map((row) => row.mediaId).sort(),
    ).toEqual([cover.id, portrait.id, figure.id].sort());
  });
});

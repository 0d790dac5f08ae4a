-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- Public lists and 上一篇/下一篇 read LIVE articles (published revision set, not withdrawn) newest first,
-- keyset on (publishedAt, id). The existing (columnId, status, publishedAt, id) index cannot serve that
-- rule without an equality on status, so a page at 100,000 articles sorted a whole column.
CREATE INDEX manual_article_live_column ON "Article" ("columnId", "publishedAt" DESC, id DESC)
  WHERE "publishedRevisionId" IS NOT NULL AND "withdrawnAt" IS NULL;
CREATE INDEX manual_article_live ON "Article" ("publishedAt" DESC, id DESC)
  WHERE "publishedRevisionId" IS NOT NULL AND "withdrawnAt" IS NULL;

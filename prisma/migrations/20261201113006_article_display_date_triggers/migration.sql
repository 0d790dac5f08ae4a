-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- 发布日期 (docs/public-site.md): readers see the live revision's recorded displayDate (set by the
-- column's 终审), else the first publication. The database keeps Article."publishedDisplayDate" with
-- publishedColumnId, whatever code path changes the published revision; nothing else can set it.
-- Revision.meta.displayDate is an ISO instant in UTC (lib/articles/revision-meta.ts) or absent/null.
CREATE OR REPLACE FUNCTION manual_set_published_column() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  recorded jsonb;
BEGIN
  -- Unchanged and already set: nothing to look up (every save bumps lockVersion on this row).
  IF TG_OP = 'UPDATE' AND NEW."publishedRevisionId" IS NOT DISTINCT FROM OLD."publishedRevisionId"
     AND NEW."publishedColumnId" IS NOT DISTINCT FROM OLD."publishedColumnId"
     AND NEW."publishedAt" IS NOT DISTINCT FROM OLD."publishedAt"
     AND NEW."publishedDisplayDate" IS NOT DISTINCT FROM OLD."publishedDisplayDate"
     AND (NEW."publishedRevisionId" IS NULL OR (NEW."publishedColumnId" IS NOT NULL AND NEW."publishedDisplayDate" IS NOT NULL)) THEN
    RETURN NEW;
  END IF;
  NEW."publishedColumnId" := NULL;
  NEW."publishedDisplayDate" := NULL;
  IF NEW."publishedRevisionId" IS NOT NULL THEN
    SELECT r.meta INTO recorded FROM "Revision" r WHERE r.id = NEW."publishedRevisionId";
    IF recorded ->> 'columnId' ~ '^[0-9a-fA-F-]{36}$' THEN
      NEW."publishedColumnId" := (recorded ->> 'columnId')::uuid;
    END IF;
    NEW."publishedDisplayDate" := coalesce(
      CASE WHEN recorded ->> 'displayDate' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$'
           THEN (recorded ->> 'displayDate')::timestamptz END,
      NEW."publishedAt");
  END IF;
  RETURN NEW;
END
$$;

-- The search document: the published revision's title (with its series mark), then its lead, 引题,
-- 副题 and plain text (search-index.ts reads the lead as the content's first line), dated as readers
-- see it.
CREATE OR REPLACE FUNCTION manual_refresh_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rev RECORD;
  doc_title text;
  doc_content text;
BEGIN
  IF NEW."publishedRevisionId" IS NULL OR NEW."withdrawnAt" IS NOT NULL OR NEW."publishedAt" IS NULL
     OR NEW."publishedColumnId" IS NULL OR NEW."publishedDisplayDate" IS NULL THEN
    DELETE FROM "SearchDocument" WHERE "articleId" = NEW.id;
    RETURN NULL;
  END IF;
  SELECT r.title, r."plainText", r.meta INTO rev FROM "Revision" r WHERE r.id = NEW."publishedRevisionId";
  -- No fallback: a revision without complete meta is not shown, so it is not found either.
  IF NOT (rev.meta @> '{"version": 2}') THEN
    DELETE FROM "SearchDocument" WHERE "articleId" = NEW.id;
    RETURN NULL;
  END IF;
  doc_title := coalesce(rev.meta ->> 'seriesMark', '') || rev.title;
  doc_content := concat_ws(E'\n', nullif(rev.meta ->> 'lead', ''), nullif(rev.meta ->> 'overTitle', ''),
                           nullif(rev.meta ->> 'subtitle', ''), rev."plainText");
  INSERT INTO "SearchDocument" ("articleId", "columnId", title, content, bigrams, "publishedAt")
  VALUES (NEW.id, NEW."publishedColumnId", doc_title, doc_content, manual_search_bigrams(doc_title || E'\n' || doc_content), NEW."publishedDisplayDate")
  ON CONFLICT ("articleId") DO UPDATE
    SET "columnId" = EXCLUDED."columnId", title = EXCLUDED.title, content = EXCLUDED.content,
        bigrams = EXCLUDED.bigrams, "publishedAt" = EXCLUDED."publishedAt";
  RETURN NULL;
END
$$;

DROP TRIGGER manual_article_search_document ON "Article";
CREATE TRIGGER manual_article_search_document
  AFTER INSERT OR UPDATE OF "publishedRevisionId", "withdrawnAt", "publishedAt", "publishedColumnId", "publishedDisplayDate"
  ON "Article" FOR EACH ROW EXECUTE FUNCTION manual_refresh_search_document();

-- Public lists order by the date readers see.
DROP INDEX manual_article_live_column;
CREATE INDEX manual_article_live_column ON "Article" ("publishedColumnId", "publishedDisplayDate" DESC, id DESC)
  WHERE "publishedRevisionId" IS NOT NULL AND "withdrawnAt" IS NULL;
DROP INDEX manual_article_live;
CREATE INDEX manual_article_live ON "Article" ("publishedDisplayDate" DESC, id DESC)
  WHERE "publishedRevisionId" IS NOT NULL AND "withdrawnAt" IS NULL;

-- What is live when this migration runs (the trigger computes the value; this only wakes it).
UPDATE "Article" SET "publishedDisplayDate" = "publishedAt" WHERE "publishedRevisionId" IS NOT NULL;

-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- Search index (docs/search.md). The trigger on Article keeps "SearchDocument" (what is live, from the
-- published revision); the app builds "SearchIndex" from each SearchDocument row (normalised text,
-- segmented words: work PostgreSQL cannot do without extensions). These objects tie the two together
-- without touching manual_refresh_search_document, whatever fields that function comes to read:
--   * a SearchIndex row is deleted with its SearchDocument row (withdrawn, unpublished: never findable);
--   * whenever a SearchDocument row is written, its SearchIndex row is deleted in the same statement and
--     the article is queued in "SearchIndexPending", so an index row never describes old text;
--   * the app indexes the queue in the publishing transaction and at the start of every search.

ALTER TABLE "SearchIndex" ADD CONSTRAINT manual_search_index_document_fkey
  FOREIGN KEY ("articleId") REFERENCES "SearchDocument"("articleId") ON DELETE CASCADE;

ALTER TABLE "SearchIndexPending" ADD CONSTRAINT manual_search_index_pending_document_fkey
  FOREIGN KEY ("articleId") REFERENCES "SearchDocument"("articleId") ON DELETE CASCADE;

CREATE FUNCTION manual_search_index_invalidate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title AND NEW.content IS NOT DISTINCT FROM OLD.content
     AND NEW."publishedAt" IS NOT DISTINCT FROM OLD."publishedAt" THEN
    RETURN NULL;
  END IF;
  DELETE FROM "SearchIndex" WHERE "articleId" = NEW."articleId";
  INSERT INTO "SearchIndexPending" ("articleId") VALUES (NEW."articleId") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER manual_search_index_invalidate
  AFTER INSERT OR UPDATE ON "SearchDocument"
  FOR EACH ROW EXECUTE FUNCTION manual_search_index_invalidate();

-- Articles already live when this migration runs.
INSERT INTO "SearchIndexPending" ("articleId") SELECT "articleId" FROM "SearchDocument" ON CONFLICT DO NOTHING;

-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- Public search (see README, "Public site: search"). The search document of an article is written by
-- a trigger in the transaction that publishes, edits the live fields of, or withdraws it, so search
-- can never show a draft or a withdrawn article, whichever code path changed the row.

-- The overlapping two-character tokens of a text: Chinese runs give every bigram (党建工作 → 党建,
-- 建工, 工作), Latin letters and digits are lower-cased and joined the same way (5G网络 → 5g, g网, 网络).
-- lib/public/search.ts computes the same tokens for a query; the two must stay equal.
CREATE FUNCTION manual_search_bigrams(doc text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(run, i, 2)), '{}')
    FROM regexp_split_to_table(lower(normalize(coalesce(doc, ''), NFKC)), '[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+') AS run
   CROSS JOIN LATERAL generate_series(1, char_length(run) - 1) AS i
   WHERE char_length(run) >= 2
$$;

CREATE FUNCTION manual_refresh_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rev RECORD;
  meta jsonb;
  complete boolean;
  mark text;
  lead text;
  doc_title text;
  doc_content text;
BEGIN
  IF NEW."publishedRevisionId" IS NULL OR NEW."withdrawnAt" IS NOT NULL OR NEW."publishedAt" IS NULL THEN
    DELETE FROM "SearchDocument" WHERE "articleId" = NEW.id;
    RETURN NULL;
  END IF;
  SELECT r.title, r."plainText", r.meta INTO rev FROM "Revision" r WHERE r.id = NEW."publishedRevisionId";
  -- The published revision's recorded fields when complete, else the article's (lib/public/published-fields.ts).
  meta := rev.meta;
  complete := jsonb_typeof(meta) = 'object'
    AND jsonb_typeof(meta -> 'seriesMark') = 'string' AND jsonb_typeof(meta -> 'lead') = 'string'
    AND jsonb_typeof(meta -> 'summary') = 'string' AND jsonb_typeof(meta -> 'source') = 'string'
    AND jsonb_typeof(meta -> 'byline') = 'string'
    AND coalesce(jsonb_typeof(meta -> 'profileId'), 'missing') IN ('string', 'null')
    AND coalesce(jsonb_typeof(meta -> 'coverId'), 'missing') IN ('string', 'null');
  mark := CASE WHEN complete THEN meta ->> 'seriesMark' ELSE NEW."seriesMark" END;
  lead := CASE WHEN complete THEN meta ->> 'lead' ELSE NEW.lead END;
  doc_title := coalesce(mark, '') || rev.title;
  doc_content := concat_ws(E'\n', nullif(lead, ''), rev."plainText");
  INSERT INTO "SearchDocument" ("articleId", "columnId", title, content, bigrams, "publishedAt")
  VALUES (NEW.id, NEW."columnId", doc_title, doc_content, manual_search_bigrams(doc_title || E'\n' || doc_content), NEW."publishedAt")
  ON CONFLICT ("articleId") DO UPDATE
    SET "columnId" = EXCLUDED."columnId", title = EXCLUDED.title, content = EXCLUDED.content,
        bigrams = EXCLUDED.bigrams, "publishedAt" = EXCLUDED."publishedAt";
  RETURN NULL;
END
$$;

CREATE TRIGGER manual_article_search_document
  AFTER INSERT OR UPDATE OF "publishedRevisionId", "withdrawnAt", "publishedAt", "columnId", "seriesMark", "lead"
  ON "Article" FOR EACH ROW EXECUTE FUNCTION manual_refresh_search_document();

ALTER TABLE "SearchDocument" ADD CONSTRAINT manual_search_document_article_fkey
  FOREIGN KEY ("articleId") REFERENCES "Article"(id) ON DELETE CASCADE;

-- Articles already live when this migration runs.
UPDATE "Article" SET "publishedRevisionId" = "publishedRevisionId" WHERE "publishedRevisionId" IS NOT NULL;

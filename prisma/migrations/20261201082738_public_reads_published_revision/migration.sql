-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- Public = the published revision, nothing else (docs/public-site.md). Every field readers see besides
-- a revision's title and body is recorded in Revision.meta (lib/articles/revision-meta.ts, version 2):
-- column, series mark, lead, summary, source, byline, cover, profile, and the alt text, caption and
-- credit of the cover, the portrait and every body figure.

-- 1. Data migration: complete meta for every revision written before version 2. The best record of
--    what such a revision showed is what the public side showed of it until now: the fields it
--    recorded where it recorded them, else the article's, and the library's and profile's words.
--    Approvals given before this migration bound fewer fields, so these revisions' content hashes no
--    longer match (lib/workflow/snapshot.ts trusts none of them): an article in review, approved or
--    scheduled at upgrade time must be returned or recalled, saved and submitted again. Live articles
--    stay live as they are.
WITH fields AS (
  SELECT r.id,
         r.body,
         a."columnId" AS column_id,
         CASE WHEN jsonb_typeof(m -> 'seriesMark') = 'string' THEN m ->> 'seriesMark' ELSE a."seriesMark" END AS series_mark,
         CASE WHEN jsonb_typeof(m -> 'lead') = 'string' THEN m ->> 'lead' ELSE a.lead END AS lead,
         CASE WHEN jsonb_typeof(m -> 'summary') = 'string' THEN m ->> 'summary' ELSE a.summary END AS summary,
         CASE WHEN jsonb_typeof(m -> 'source') = 'string' THEN m ->> 'source' ELSE a.source END AS source,
         CASE WHEN jsonb_typeof(m -> 'byline') = 'string' THEN m ->> 'byline' ELSE a.byline END AS byline,
         CASE WHEN jsonb_typeof(m -> 'coverId') IN ('string', 'null') THEN m ->> 'coverId' ELSE a."coverId"::text END AS cover_id,
         CASE WHEN jsonb_typeof(m -> 'profileId') IN ('string', 'null') THEN m ->> 'profileId' ELSE a."profileId"::text END AS profile_id
    FROM "Revision" r
    JOIN "Article" a ON a.id = r."articleId"
   CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(r.meta) = 'object' THEN r.meta ELSE '{}'::jsonb END AS m) AS recorded
   WHERE NOT (r.meta @> '{"version": 2}')
)
UPDATE "Revision" r
   SET meta = jsonb_build_object(
     'version', 2,
     'columnId', f.column_id,
     'seriesMark', f.series_mark,
     'lead', f.lead,
     'summary', f.summary,
     'source', f.source,
     'byline', f.byline,
     'coverId', cm.id,
     'cover', CASE WHEN cm.id IS NULL THEN 'null'::jsonb
                   ELSE jsonb_build_object('mediaId', cm.id, 'alt', cm.alt, 'caption', cm.caption, 'credit', cm.credit) END,
     'profileId', p.id,
     'profile', CASE WHEN p.id IS NULL THEN 'null'::jsonb
                     ELSE jsonb_build_object(
                       'id', p.id, 'kind', p.kind, 'name', p.name, 'honour', p.honour, 'position', p.position,
                       'organisation', p.organisation,
                       'portrait', CASE WHEN pm.id IS NULL THEN 'null'::jsonb
                                        ELSE jsonb_build_object('mediaId', pm.id, 'alt', pm.alt, 'caption', pm.caption, 'credit', pm.credit) END) END,
     -- strict: in lax mode `.**` may visit a node twice.
     'figures', coalesce((
       SELECT jsonb_agg(jsonb_build_object(
                'mediaId', fig -> 'attrs' ->> 'mediaId',
                'alt', coalesce(fig -> 'attrs' ->> 'alt', ''),
                'caption', coalesce((
                  SELECT string_agg(CASE WHEN c ->> 'type' = 'text' THEN c ->> 'text' ELSE ' ' END, '' ORDER BY i)
                    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(fig -> 'content') = 'array' THEN fig -> 'content' ELSE '[]'::jsonb END)
                         WITH ORDINALITY AS inline(c, i)), ''),
                'credit', coalesce(fm.credit, '')) ORDER BY n)
         FROM jsonb_path_query(f.body, 'strict $.** ? (@.type == "figure")') WITH ORDINALITY AS figure(fig, n)
         LEFT JOIN "Media" fm ON fm.id::text = fig -> 'attrs' ->> 'mediaId'), '[]'::jsonb))
  FROM fields f
  LEFT JOIN "Media" cm ON cm.id::text = f.cover_id
  LEFT JOIN "Profile" p ON p.id::text = f.profile_id
  LEFT JOIN "Media" pm ON pm.id = p."portraitId"
 WHERE r.id = f.id;

-- A revision records its subject's portrait: a photo a revision shows as portrait stays in use
-- (lib/media/queries.ts mediaUsages), looked up through this index.
CREATE INDEX manual_revision_meta_portrait_idx ON "Revision" (("meta" #>> '{profile,portrait,mediaId}'))
  WHERE ("meta" #>> '{profile,portrait,mediaId}') IS NOT NULL;

-- 2. The column a live article is listed in is its published revision's: copied into
--    Article."publishedColumnId" (indexed for the column lists) by the database itself whenever the
--    published revision changes, whatever code path changed it; nothing else can set it.
CREATE FUNCTION manual_set_published_column() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Unchanged and already set: nothing to look up (every save bumps lockVersion on this row).
  IF TG_OP = 'UPDATE' AND NEW."publishedRevisionId" IS NOT DISTINCT FROM OLD."publishedRevisionId"
     AND NEW."publishedColumnId" IS NOT DISTINCT FROM OLD."publishedColumnId"
     AND (NEW."publishedRevisionId" IS NULL OR NEW."publishedColumnId" IS NOT NULL) THEN
    RETURN NEW;
  END IF;
  NEW."publishedColumnId" := NULL;
  IF NEW."publishedRevisionId" IS NOT NULL THEN
    SELECT CASE WHEN r.meta ->> 'columnId' ~ '^[0-9a-fA-F-]{36}$' THEN (r.meta ->> 'columnId')::uuid END
      INTO NEW."publishedColumnId"
      FROM "Revision" r WHERE r.id = NEW."publishedRevisionId";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER manual_article_published_column
  BEFORE INSERT OR UPDATE ON "Article" FOR EACH ROW EXECUTE FUNCTION manual_set_published_column();

-- The live-list indexes place an article by that column.
DROP INDEX manual_article_live_column;
CREATE INDEX manual_article_live_column ON "Article" ("publishedColumnId", "publishedAt" DESC, id DESC)
  WHERE "publishedRevisionId" IS NOT NULL AND "withdrawnAt" IS NULL;

-- 3. The search document reads the published revision only: its title, plain text and recorded series
--    mark and lead, and its column. The rest of the search design (bigrams, ranking) is unchanged.
CREATE OR REPLACE FUNCTION manual_refresh_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rev RECORD;
  doc_title text;
  doc_content text;
BEGIN
  IF NEW."publishedRevisionId" IS NULL OR NEW."withdrawnAt" IS NOT NULL OR NEW."publishedAt" IS NULL
     OR NEW."publishedColumnId" IS NULL THEN
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
  doc_content := concat_ws(E'\n', nullif(rev.meta ->> 'lead', ''), rev."plainText");
  INSERT INTO "SearchDocument" ("articleId", "columnId", title, content, bigrams, "publishedAt")
  VALUES (NEW.id, NEW."publishedColumnId", doc_title, doc_content, manual_search_bigrams(doc_title || E'\n' || doc_content), NEW."publishedAt")
  ON CONFLICT ("articleId") DO UPDATE
    SET "columnId" = EXCLUDED."columnId", title = EXCLUDED.title, content = EXCLUDED.content,
        bigrams = EXCLUDED.bigrams, "publishedAt" = EXCLUDED."publishedAt";
  RETURN NULL;
END
$$;

-- Saving a draft changes the Article row's columnId / seriesMark / lead: none of that is public.
DROP TRIGGER manual_article_search_document ON "Article";
CREATE TRIGGER manual_article_search_document
  AFTER INSERT OR UPDATE OF "publishedRevisionId", "withdrawnAt", "publishedAt", "publishedColumnId"
  ON "Article" FOR EACH ROW EXECUTE FUNCTION manual_refresh_search_document();

-- 4. The photos anonymous readers may fetch (GET /media/<key>): those a live article's published
--    revision shows, and the site settings' logo. Kept in the transaction that publishes, withdraws or
--    changes the settings.
CREATE FUNCTION manual_refresh_article_live_media() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  holder_key text := 'article:' || NEW.id;
  recorded jsonb;
BEGIN
  DELETE FROM "LiveMedia" WHERE holder = holder_key;
  IF NEW."publishedRevisionId" IS NULL OR NEW."withdrawnAt" IS NOT NULL THEN
    RETURN NULL;
  END IF;
  SELECT r.meta INTO recorded FROM "Revision" r WHERE r.id = NEW."publishedRevisionId";
  IF NOT (recorded @> '{"version": 2}') THEN
    RETURN NULL;
  END IF;
  INSERT INTO "LiveMedia" (holder, "mediaId")
  SELECT DISTINCT holder_key, ids.id::uuid
    FROM (SELECT recorded #>> '{cover,mediaId}' AS id
          UNION ALL SELECT recorded #>> '{profile,portrait,mediaId}'
          UNION ALL SELECT figure ->> 'mediaId'
            FROM jsonb_array_elements(CASE WHEN jsonb_typeof(recorded -> 'figures') = 'array' THEN recorded -> 'figures' ELSE '[]'::jsonb END) AS figure) AS ids
   WHERE ids.id ~ '^[0-9a-fA-F-]{36}$';
  RETURN NULL;
END
$$;

CREATE TRIGGER manual_article_live_media
  AFTER INSERT OR UPDATE OF "publishedRevisionId", "withdrawnAt"
  ON "Article" FOR EACH ROW EXECUTE FUNCTION manual_refresh_article_live_media();

CREATE FUNCTION manual_refresh_site_live_media() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.key <> 'site' THEN
    RETURN NULL;
  END IF;
  DELETE FROM "LiveMedia" WHERE holder = 'site';
  INSERT INTO "LiveMedia" (holder, "mediaId")
  SELECT 'site', (NEW.value ->> 'logoMediaId')::uuid WHERE NEW.value ->> 'logoMediaId' ~ '^[0-9a-fA-F-]{36}$';
  RETURN NULL;
END
$$;

CREATE TRIGGER manual_site_live_media
  AFTER INSERT OR UPDATE ON "SiteSetting" FOR EACH ROW EXECUTE FUNCTION manual_refresh_site_live_media();

-- 5. What is live when this migration runs: published columns, search documents, live photos.
UPDATE "Article" SET "publishedRevisionId" = "publishedRevisionId" WHERE "publishedRevisionId" IS NOT NULL;
UPDATE "SiteSetting" SET value = value WHERE key = 'site';

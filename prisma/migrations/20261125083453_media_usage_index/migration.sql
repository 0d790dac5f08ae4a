-- Which photos a revision body shows. A figure may sit at any depth (inside a quote or a list item),
-- so the ids are collected with a recursive JSON path rather than a fixed containment pattern.
-- Used when a photo is about to be deleted: "is it in ANY revision?" must stay an index lookup when
-- there are hundreds of thousands of revisions, hence the expression index below. The function is
-- IMMUTABLE (it reads only its argument), which PostgreSQL requires for an index expression; queries
-- must call it exactly as `manual_revision_media_ids("body")` for the planner to use the index.
CREATE FUNCTION manual_revision_media_ids(body jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN jsonb_path_query_array(body, 'lax $.** ? (@.type == "figure").attrs.mediaId');

-- jsonb_path_ops: smaller than the default opclass, and `@>` containment is the only operator used.
CREATE INDEX manual_revision_media_ids_idx ON "Revision" USING GIN (manual_revision_media_ids("body") jsonb_path_ops);

-- A revision remembers the cover it had (meta.coverId), and restoring it brings that cover back, so a
-- photo that was an old revision's cover is still in use.
CREATE INDEX manual_revision_meta_cover_idx ON "Revision" (("meta" ->> 'coverId')) WHERE "meta" ? 'coverId';

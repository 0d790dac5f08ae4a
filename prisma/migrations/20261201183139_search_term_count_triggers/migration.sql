-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- Document frequencies for search (docs/search.md): how many "SearchIndex" rows hold each gram ('g'),
-- word ('w') and title word ('t'). Whatever writes SearchIndex — the indexer's insert or upsert, the
-- invalidate trigger's delete, the cascade from a withdrawn SearchDocument — these statement triggers
-- append the statement's net change per token to "SearchTermDelta" in the same transaction, so
-- df + sum(delta) is exact in every snapshot. Append-only: concurrent publications never lock the
-- shared counters of common characters (no waits, no deadlocks); manual_search_fold_term_deltas()
-- moves the deltas into "SearchTermCount", one folder at a time.

CREATE FUNCTION manual_search_term_delta() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchTermDelta" (kind, token, delta)
    SELECT kind, token, count(*)::int FROM (
      SELECT 'g' AS kind, unnest(grams) AS token FROM new_rows
      UNION ALL SELECT 'w', unnest(words) FROM new_rows
      UNION ALL SELECT 't', unnest("titleWords") FROM new_rows) s
    GROUP BY kind, token;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "SearchTermDelta" (kind, token, delta)
    SELECT kind, token, -count(*)::int FROM (
      SELECT 'g' AS kind, unnest(grams) AS token FROM old_rows
      UNION ALL SELECT 'w', unnest(words) FROM old_rows
      UNION ALL SELECT 't', unnest("titleWords") FROM old_rows) s
    GROUP BY kind, token;
  ELSE
    INSERT INTO "SearchTermDelta" (kind, token, delta)
    SELECT kind, token, sum(d)::int FROM (
      SELECT 'g' AS kind, unnest(grams) AS token, 1 AS d FROM new_rows
      UNION ALL SELECT 'w', unnest(words), 1 FROM new_rows
      UNION ALL SELECT 't', unnest("titleWords"), 1 FROM new_rows
      UNION ALL SELECT 'g', unnest(grams), -1 FROM old_rows
      UNION ALL SELECT 'w', unnest(words), -1 FROM old_rows
      UNION ALL SELECT 't', unnest("titleWords"), -1 FROM old_rows) s
    GROUP BY kind, token HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER manual_search_term_delta_insert AFTER INSERT ON "SearchIndex"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION manual_search_term_delta();
CREATE TRIGGER manual_search_term_delta_update AFTER UPDATE ON "SearchIndex"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION manual_search_term_delta();
CREATE TRIGGER manual_search_term_delta_delete AFTER DELETE ON "SearchIndex"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION manual_search_term_delta();

-- Folds the committed deltas (and the caller's own) into the counts, in one statement, so a reader
-- sees either the deltas or the counts they became. One folder at a time (a transaction-scoped
-- advisory lock; another caller skips, leaving its deltas for the next). A token no document holds
-- any more keeps a row with df 0. Returns the number of delta rows folded.
CREATE FUNCTION manual_search_fold_term_deltas() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  folded bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('manual_search_fold_term_deltas')) THEN
    RETURN 0;
  END IF;
  WITH moved AS (
    DELETE FROM "SearchTermDelta" RETURNING kind, token, delta
  ), summed AS (
    SELECT kind, token, sum(delta)::int AS delta, count(*) AS n FROM moved GROUP BY kind, token
  ), applied AS (
    INSERT INTO "SearchTermCount" (kind, token, df)
    SELECT kind, token, delta FROM summed WHERE delta <> 0 ORDER BY kind, token
    ON CONFLICT (kind, token) DO UPDATE SET df = "SearchTermCount".df + EXCLUDED.df
  )
  SELECT coalesce(sum(n), 0) INTO folded FROM summed;
  RETURN folded;
END
$$;

-- The documents already indexed when this migration runs.
INSERT INTO "SearchTermCount" (kind, token, df)
SELECT kind, token, count(*)::int FROM (
  SELECT 'g' AS kind, unnest(grams) AS token FROM "SearchIndex"
  UNION ALL SELECT 'w', unnest(words) FROM "SearchIndex"
  UNION ALL SELECT 't', unnest("titleWords") FROM "SearchIndex") s
GROUP BY kind, token;

-- Hand-written migration (see README, Migrations).

-- The text normaliser (lib/text/characters.ts) now drops every symbol and emoji between two Chinese
-- characters (法🌸轮功, 法×轮功, 台@独), more invisible characters (direction overrides, variation
-- selectors, combining marks) and title marks (《一带一路》战略), and the content checks no longer count
-- a term whose last character begins a longer word (港独 in 港独资企业); dates and decimal percentages
-- read as digits (九月一日 → 9月1日, 百分之五点二 → 5.2%). So the search skeletons of
-- live articles are stale, and what the checks find in them may have changed:
-- queue every live article for re-indexing (its current row stays searchable until replaced) …
INSERT INTO "SearchIndexPending" ("articleId") SELECT "articleId" FROM "SearchDocument" ON CONFLICT DO NOTHING;

-- … and a 已发布稿件复查 (TERM_SWEEP job, lib/checks/sweep.ts), as a term-list change would, when
-- there is anything live and none is queued already.
INSERT INTO "Job" ("id", "kind", "runAt", "updatedAt")
SELECT gen_random_uuid(), 'TERM_SWEEP', now(), now()
WHERE EXISTS (SELECT 1 FROM "SearchDocument")
  AND NOT EXISTS (SELECT 1 FROM "Job" WHERE "kind" = 'TERM_SWEEP' AND "status" = 'PENDING');

-- Hand-written migration (see README, Migrations).

-- The text normaliser (lib/text/numbers.ts) now reads counts of 万 and 亿 written with one numeral or
-- beginning with 十 as digits (两万吨 → 2万吨, 十二万剂次 → 12万剂次), so the skeletons of articles
-- already indexed are stale for such numbers. Queue every live article for re-indexing: its current row
-- stays searchable until the app replaces it (50 at the start of each search, and on publication).
INSERT INTO "SearchIndexPending" ("articleId") SELECT "articleId" FROM "SearchDocument" ON CONFLICT DO NOTHING;

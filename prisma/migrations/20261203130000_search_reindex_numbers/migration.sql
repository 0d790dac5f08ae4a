-- Hand-written migration (see README, Migrations).

-- The text normaliser (lib/text/numbers.ts) now reads more numerals as digits: counts with 十 before a
-- measure word (十五元 → 15元, 第十二次 → 第12次), 百分之十五 → 15%, 5千万 → 5000万 and years written
-- digit by digit (二〇二三年 → 2023年), so the skeletons of articles already indexed are stale for such
-- numbers. Queue every live article for re-indexing: its current row stays searchable until the app
-- replaces it (50 at the start of each search, and on publication).
INSERT INTO "SearchIndexPending" ("articleId") SELECT "articleId" FROM "SearchDocument" ON CONFLICT DO NOTHING;

-- Hand-written migration (see README, Migrations).

-- Keep an index row's texts and grams inline up to the page's limit (8160 bytes) instead of moving them
-- to TOAST at 2 kB: a search reads them for every row it walks down the date index and for every
-- candidate it ranks, and a TOASTed value costs a TOAST index lookup, a heap fetch and a decompression
-- at every use. Most articles' rows (a few hundred to a few thousand characters) then need none of
-- that. Rows written before this apply it when rewritten (re-indexed, or VACUUM FULL "SearchIndex").
ALTER TABLE "SearchIndex" SET (toast_tuple_target = 8160);
